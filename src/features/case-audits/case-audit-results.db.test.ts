import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../../../test/support/world.js';
import { buildReportContent } from '../reports/build.js';
import { computeActionRags } from '../plans/status.js';
import * as ca from '../../../test/support/case-audits.js';

let t: ca.AuditWorld;
let cycleId = '';
let auditId = '';

// March 2027's monthly cycle, two audits graded and moderated: the first down to inadequate, the second kept at good.
beforeAll(async () => {
  t = await ca.auditWorld();
  const frameworkId = await ca.addFramework(t);
  await ca.nameAuditors(t);
  cycleId = await ca.startCycle(t, frameworkId, {
    title: 'March 2027 practice audit',
    kind: 'monthly',
    period: '2027-03',
  });
  /** A case graded by the contributor, then moderated by the editor. */
  const moderated = async (
    identifier: string,
    grading: Parameters<typeof ca.gradedAudit>[2],
    moderation: { grades: Record<string, string>; overall: string; note: string },
  ) => {
    const id = await ca.addCase(t, cycleId, identifier);
    await ca.gradedAudit(t, id, grading, { moderator: 'editor' });
    await t.patchAudit(id, 'editor', { moderation });
    return id;
  };
  auditId = await moderated(
    'SYN0000201',
    {
      grades: { a1: 'good', a2: 'n-a', m1: 'requires-improvement' },
      overall: 'requires-improvement',
      note: 'Supervision is irregular. The plan is clear.',
      auditedOn: '2027-04-12',
    },
    { grades: { m1: 'inadequate' }, overall: 'inadequate', note: 'Oversight is missing.' },
  );
  await moderated(
    'SYN0000202',
    {
      grades: { a1: 'good', a2: 'outstanding', m1: 'good' },
      overall: 'good',
      note: 'Management oversight is recorded at each decision.',
      auditedOn: '2027-04-13',
    },
    { grades: { a1: 'good', a2: 'good', m1: 'good' }, overall: 'good', note: 'Agreed.' },
  );
});
afterAll(() => t.close());

describe('results as evidence', () => {
  it('publishes the results as indicators with counts and provenance; later moderation updates them, a linked action’s evidence RAG follows and the board pack quotes the learning', async () => {
    const res = await t.api('post', `/audit-cycles/${cycleId}/publish`).send({});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    const value = async (key: string) =>
      t.services.db
        .selectFrom('indicatorValues')
        .innerJoin('indicators', 'indicators.id', 'indicatorValues.indicatorId')
        .select([
          'indicatorValues.value',
          'indicatorValues.note',
          'indicatorValues.provenance',
          'indicatorValues.period',
          'indicators.theme',
          'indicators.unit',
          'indicators.polarity',
        ])
        .where('indicators.organisationId', '=', t.orgA.id)
        .where('indicators.key', '=', key)
        .executeTakeFirst();
    // Two graded audits: the first moderated to inadequate, the second good → 1 of 2 good or better.
    const good = await value('case-audit.practice-audit.overall.good');
    expect(good).toMatchObject({
      value: 50,
      period: '2027-03',
      theme: 'Case file audits',
      unit: 'percent',
      polarity: 'higher-is-better',
      note: '1 of 2 audits (March 2027 practice audit)',
    });
    expect(good!.provenance).toMatchObject({ source: 'case-audits', cycleId, numerator: 1, denominator: 2 });
    expect(await value('case-audit.practice-audit.agreement')).toMatchObject({
      value: 50,
      note: '1 of 2 moderated audits (March 2027 practice audit)',
    });
    const oversight = await value('case-audit.practice-audit.theme.management-oversight.good');
    expect(oversight).toMatchObject({ value: 50, note: '1 of 2 standard grades (March 2027 practice audit)' });

    await t.patchAudit(auditId, 'editor', {
      moderation: { grades: { m1: 'good' }, overall: 'good', note: 'On reflection, good.' },
    });
    expect(await value('case-audit.practice-audit.overall.good')).toMatchObject({
      value: 100,
      note: '2 of 2 audits (March 2027 practice audit)',
    });
    expect((await t.api('get', '/indicators/case-audit.practice-audit.overall.good/series')).status).toBe(200);

    // A result linked to a plan action moves its evidence RAG, like any indicator.
    const plan = await t.api('post', '/plans').send({
      title: 'Improvement plan',
      startDate: '2026-04-01',
      endDate: '2028-03-31',
      themes: ['Practice'],
    });
    const action = await t.api('post', `/plans/${plan.body.id}/actions`).send({
      reference: '2.1',
      title: 'Reflective supervision',
      startDate: '2026-04-01',
      dueDate: '2028-03-31',
      status: 'in-progress',
    });
    const indicator = await t.services.db
      .selectFrom('indicators')
      .select('id')
      .where('organisationId', '=', t.orgA.id)
      .where('key', '=', 'case-audit.practice-audit.theme.management-oversight.good')
      .executeTakeFirstOrThrow();
    await t.services.db
      .insertInto('indicatorTargets')
      .values({ organisationId: t.orgA.id, indicatorId: indicator.id, kind: 'period', period: '2027-03', value: 80 })
      .execute();
    const editor = await t.agent(t.orgA, 'editor');
    const linkPage = `/case-audits/cycles/${cycleId}/link`;
    const bad = await postForm(editor, linkPage, linkPage, { indicatorId: indicator.id, actionId: '' });
    expect(bad.status).toBe(400);
    const linked = await postForm(editor, linkPage, linkPage, { indicatorId: indicator.id, actionId: action.body.id });
    expect(linked.status).toBe(302);
    // Management oversight: 2 of 2 good or better after the re-moderation → 100% against 80%: green.
    const states = await computeActionRags(t.services.db, t.orgA.id, { planId: plan.body.id }, '2027-04-14');
    expect(states[0].evidenceRag).toBe('green');
    await t.services.db
      .updateTable('indicatorTargets')
      .set({ value: 101 })
      .where('indicatorId', '=', indicator.id)
      .execute();
    const after = await computeActionRags(t.services.db, t.orgA.id, { planId: plan.body.id }, '2027-04-14');
    expect(after[0].evidenceRag).toBe('red');

    // Learning quotes must be the note's own words; the board pack shows grades and the quote, never other notes.
    const page = `/case-audits/cycles/${cycleId}/learning`;
    const invented = await postForm(editor, page, page, {
      title: 'Supervision',
      auditId,
      quote: 'Supervision is excellent.',
    });
    expect(invented.status).toBe(400);
    expect(invented.text).toContain(
      'A quote must be words from that audit’s evidence or moderation note, exactly as written',
    );
    const ok = await postForm(editor, page, page, {
      title: 'Supervision is not regular enough',
      themeKey: 'management-oversight',
      auditId,
      quote: 'Supervision is irregular.',
      actionId: action.body.id,
    });
    expect(ok.status).toBe(302);
    const content = await buildReportContent(t.services.db, {
      organisationId: t.orgA.id,
      planId: plan.body.id,
      type: 'improvement-board-pack',
      today: '2027-04-14',
      preparedBy: 'Test',
    });
    const section = content.sections.find((s) => s.key === 'audit-findings')!;
    expect(section.title).toBe('Audit findings');
    const text = JSON.stringify(section);
    expect(text).toContain('Overall grades by cycle, with moderation agreement');
    expect(text).toContain('100% (2 of 2)');
    expect(text).toContain('An auditor wrote: “Supervision is irregular.”');
    expect(text).toContain('Feeds action 2.1 Reflective supervision');
    expect(text).not.toContain('The plan is clear');
    expect(text).not.toContain('Oversight is missing');
    expect(content.data.some((d) => d.name === 'Case file audits')).toBe(true);
  });

  it('exports the cycle to .xlsx: one row per audit, headed to import back, with the summary', async () => {
    const editor = await t.agent(t.orgA, 'editor');
    const res = await t.download(editor, `/case-audits/cycles/${cycleId}/export.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Audits')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['Waymark reference', 'List', 'Team']);
    expect(headers).toContain('A1 Timely and proportionate');
    expect(headers).toContain('Evidence note');
    // The header row and the cycle's two audits.
    expect(sheet.rowCount).toBe(3);
    expect(wb.getWorksheet('Summary')!.getRow(2).getCell(1).value).toBe('All audits (overall grade)');
    const viewer = await t.agent(t.orgA, 'viewer');
    expect((await viewer.get(`/case-audits/cycles/${cycleId}/export.xlsx`)).status).toBe(403);
  });
});
