import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../../../test/support/world.js';
import * as ca from '../../../test/support/case-audits.js';

// What an editor could not have chosen on the learning and link forms is refused on the field, and nothing
// is saved: a quote's audit from another cycle, another council's action, another audit series' result.
let t: ca.AuditWorld;
let cycleId = '';
let otherCycleAuditId = '';
let otherSeriesIndicatorId = '';
let ownIndicatorId = '';
let ownActionId = '';
let otherCouncilActionId = '';

// Monthly cycles, so each framework's results are a series of their own: 'practice-audit' and 'visits-audit'.
async function publishedCycle(frameworkName: string, identifier: string, note: string) {
  const cycle = await ca.startCycle(t, await ca.addFramework(t, frameworkName), { kind: 'monthly' });
  const audit = await ca.addCase(t, cycle, identifier);
  await ca.gradedAudit(t, audit, { grades: { a1: 'good', a2: 'good', m1: 'good' }, overall: 'good', note });
  const published = await t.api('post', `/audit-cycles/${cycle}/publish`).send({});
  if (published.status !== 200) throw new Error(`Publishing failed with ${published.status}`);
  return { cycle, audit };
}

async function anAction(who: 'editor' | 'other') {
  const plan = await t
    .api('post', '/plans', who)
    .send({ title: 'Improvement plan', startDate: '2026-04-01', endDate: '2028-03-31', themes: ['Practice'] });
  const action = await t
    .api('post', `/plans/${plan.body.id}/actions`, who)
    .send({ reference: '1.1', title: 'Supervision', startDate: '2026-04-01', dueDate: '2028-03-31' });
  if (action.status !== 201) throw new Error(`Adding the action failed with ${action.status}`);
  return action.body.id as string;
}

async function indicatorOf(series: string) {
  const row = await t.services.db
    .selectFrom('indicators')
    .select('id')
    .where('organisationId', '=', t.orgA.id)
    .where('key', '=', `case-audit.${series}.overall.good`)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await ca.auditWorld();
  await ca.nameAuditors(t);
  cycleId = (await publishedCycle('Practice audit', 'SYN0000301', 'Supervision is irregular.')).cycle;
  otherCycleAuditId = (await publishedCycle('Visits audit', 'SYN0000302', 'Visits are regular.')).audit;
  ownIndicatorId = await indicatorOf('practice-audit');
  otherSeriesIndicatorId = await indicatorOf('visits-audit');
  ownActionId = await anAction('editor');
  otherCouncilActionId = await anAction('other');
});
afterAll(() => t.close());

describe('learning points and links refused when the choice is not one the form offered', () => {
  it.each([
    [
      'a quote from an audit of another cycle',
      { auditId: () => otherCycleAuditId, quote: 'Visits are regular.' },
      'Choose the audit the quote comes from',
    ],
    [
      'a quote from an audit that does not exist',
      { auditId: () => '00000000-0000-4000-8000-000000000000', quote: 'Supervision is irregular.' },
      'Choose the audit the quote comes from',
    ],
    ['another council’s action', { actionId: () => otherCouncilActionId }, 'Choose one of your plan actions'],
  ])('learning: %s', async (_, fields, message) => {
    const before = await t.count('caseAuditLearning');
    const editor = await t.agent(t.orgA, 'editor');
    const page = `/case-audits/cycles/${cycleId}/learning`;
    const body = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'function' ? v() : v]));
    const res = await postForm(editor, page, page, { title: 'Supervision is not regular enough', ...body });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(await t.count('caseAuditLearning')).toBe(before);
  });

  it.each([
    [
      'a result of another audit series',
      () => ({ indicatorId: otherSeriesIndicatorId, actionId: ownActionId }),
      'Choose one of this audit series’ results',
    ],
    [
      'another council’s action',
      () => ({ indicatorId: ownIndicatorId, actionId: otherCouncilActionId }),
      'Choose one of your plan actions',
    ],
  ])('link: %s', async (_, choice, message) => {
    const before = await t.count('actionIndicators');
    const editor = await t.agent(t.orgA, 'editor');
    const page = `/case-audits/cycles/${cycleId}/link`;
    const res = await postForm(editor, page, page, choice());
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(await t.count('actionIndicators')).toBe(before);
  });

  it('accepts the same forms with choices the form offered', async () => {
    const before = await t.count('actionIndicators');
    const editor = await t.agent(t.orgA, 'editor');
    const link = `/case-audits/cycles/${cycleId}/link`;
    expect((await postForm(editor, link, link, { indicatorId: ownIndicatorId, actionId: ownActionId })).status).toBe(
      302,
    );
    expect(await t.count('actionIndicators')).toBe(before + 1);
  });
});
