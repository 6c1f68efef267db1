import ExcelJS from 'exceljs';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createWorld, demoContextFor, csrfFrom, postForm, type World } from '../../../test/support/world.js';
import { seedInspectionsDemo } from '../inspections/demo.js';
import { DEMO_PLAN_TITLE, seedPlansDemo } from './demo.js';
import { readSpreadsheet } from './spreadsheet.js';
import { guessMapping, validateImport } from '../../lib/plan-values.js';

const NOW = new Date('2025-06-04T10:00:00Z');

/** A world with the demo inspections and plans seeded (twice: seeding is idempotent), and the plan's two versions. */
async function seeded() {
  const w = await createWorld({ now: () => NOW });
  const ctx = demoContextFor(w.orgA);
  await seedInspectionsDemo(w.services, ctx);
  await seedPlansDemo(w.services, ctx);
  await seedPlansDemo(w.services, ctx); // idempotent
  const plans = await w.services.db
    .selectFrom('plans')
    .select(['id', 'planVersion'])
    .where('organisationId', '=', w.orgA.id)
    .orderBy('planVersion')
    .execute();
  expect(plans.map((p) => p.planVersion)).toEqual([1, 2]);
  return { w, planId: plans[0].id, v2Id: plans[1].id };
}

/** A test that changes the demo gets its own seeded world, so the pages the others read stay as seeded. */
async function ownSeeded() {
  const own = await seeded();
  onTestFinished(() => own.w.close());
  return own;
}

/** The action of the plan with that reference (the demo's references are unique within a version). */
const actionOf = (w: World, planId: string, reference: string) =>
  w.services.db
    .selectFrom('actions')
    .selectAll()
    .where('planId', '=', planId)
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();

const readyToSubmit = async (w: World, planId: string) =>
  (await w.services.db.selectFrom('plans').select('readyToSubmit').where('id', '=', planId).executeTakeFirstOrThrow())
    .readyToSubmit;

describe('plan pages', () => {
  let w: World;
  let planId: string;
  let v2Id: string;

  beforeAll(async () => {
    ({ w, planId, v2Id } = await seeded());
  }, 120_000);
  afterAll(() => w.close());

  const text = (html: string) => parse(html).textContent.replace(/\s+/g, ' ');

  it('shows the overview with RAG counts, exceptions and challenged actions', async () => {
    const agent = await w.agent(w.orgA, 'viewer');
    const res = await agent.get(`/plans/${planId}`);
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toContain(DEMO_PLAN_TITLE);
    expect(page).toContain('Red (1)');
    expect(page).toContain('Amber (2)');
    expect(page).toContain('Challenged: owner more optimistic than the evidence (2)');
    expect(page).toContain('All 4 recommendations and areas for improvement are answered');
    // All themes row: red 1 (owner red 0), amber 2 (owner amber 2), green 1 (owner green 2) …
    const totals = parse(res.text).querySelectorAll('.waymark-rag-table tbody tr').pop()!;
    expect(totals.querySelectorAll('td').map((td) => td.textContent.trim())).toEqual([
      '1 (0)',
      '2 (2)',
      '2 (2)',
      '1 (1)',
      '1',
      '2',
      '7',
    ]);
  });

  it('lists the uncovered finding at the top of version 2 and refuses "ready to submit" until it has a reason', async () => {
    const { w, v2Id } = await ownSeeded();
    const agent = await w.agent(w.orgA, 'editor');
    const res = await agent.get(`/plans/${v2Id}`);
    expect(text(res.text)).toContain('1 finding is not answered by any action');
    expect(text(res.text)).toContain('Management oversight of work with children in pre-proceedings');
    const plan = await w.services.db
      .selectFrom('plans')
      .select('version')
      .where('id', '=', v2Id)
      .executeTakeFirstOrThrow();
    await postForm(agent, `/plans/${v2Id}`, `/plans/${v2Id}/ready`, { ready: 'yes', version: String(plan.version) });
    const after = await agent.get(`/plans/${v2Id}`);
    expect(text(after.text)).toContain('The plan is not ready to submit');
    expect(await readyToSubmit(w, v2Id)).toBe(false);
    const finding = await w.services.db
      .selectFrom('findings')
      .select('id')
      .where('organisationId', '=', w.orgA.id)
      .where('text', 'like', '%pre-proceedings%')
      .executeTakeFirstOrThrow();
    await postForm(agent, `/plans/${v2Id}/coverage/${finding.id}`, `/plans/${v2Id}/coverage/${finding.id}`, {
      reason: 'Covered by the legal gateway panel review already under way',
      version: '0',
    });
    await postForm(agent, `/plans/${v2Id}`, `/plans/${v2Id}/ready`, { ready: 'yes', version: String(plan.version) });
    expect(await readyToSubmit(w, v2Id)).toBe(true);
    // The same button from a page opened before that change: the banner says so in plain words.
    await postForm(agent, `/plans/${v2Id}`, `/plans/${v2Id}/ready`, { ready: 'no', version: String(plan.version) });
    const stale = text((await agent.get(`/plans/${v2Id}`)).text);
    expect(stale).toContain('The plan was changed by someone else');
    expect(stale).toContain('Someone else changed this record while you were editing it.');
    expect(stale).not.toContain('You edited version');
    expect(await readyToSubmit(w, v2Id)).toBe(true);
  }, 120_000);

  it('filters and sorts the action table by query string', async () => {
    const agent = await w.agent(w.orgA, 'viewer');
    const red = await agent.get(`/plans/${planId}?rag=red`);
    const rows = parse(red.text).querySelectorAll('#actions ~ .waymark-table-scroll table tbody tr');
    expect(rows.map((r) => r.querySelector('td a')?.textContent.trim().split(' ')[0])).toEqual(['1.1']);
    const byDue = await agent.get(`/plans/${planId}?sort=evidence&order=asc`);
    const refs = parse(byDue.text)
      .querySelectorAll('#actions ~ .waymark-table-scroll table tbody tr')
      .map((r) => r.querySelector('td a')?.textContent.trim().split(' ')[0]);
    expect(refs).toEqual(['1.1', '1.2', '4.1', '3.1', '2.1', '4.2', '2.2']);
    const challenged = await agent.get(`/plans/${planId}?challenged=yes`);
    expect(parse(challenged.text).querySelectorAll('#actions ~ .waymark-table-scroll table tbody tr').length).toBe(2);
  });

  it('shows the action page with milestones, the timeline, RAG history and movement', async () => {
    const agent = await w.agent(w.orgA, 'viewer');
    const action = await actionOf(w, planId, '1.1');
    const res = await agent.get(`/actions/${action.id}`);
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toContain('Challenged: the owner rates this action amber but the evidence says red');
    expect(page).toContain('Offers are accepted and start dates agreed');
    expect(page).toContain('Agency social workers below 25% of posts');
    expect(page).toContain('How the ratings of action 1.1 have moved');
    expect(page).toContain('Worse');
  });

  it('serves evidence files only to their organisation, as attachments', async () => {
    const file = await w.services.db
      .selectFrom('actionUpdateFiles')
      .select(['id'])
      .where('organisationId', '=', w.orgA.id)
      .executeTakeFirstOrThrow();
    const own = await (await w.agent(w.orgA, 'viewer')).get(`/evidence/${file.id}`);
    expect(own.status).toBe(200);
    expect(own.headers['content-disposition']).toBe('attachment; filename="caseload-review.csv"');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.text).toContain('Assessment 1,19');
    const other = await (await w.agent(w.orgB, 'admin')).get(`/evidence/${file.id}`);
    expect(other.status).toBe(404);
  });

  it('posts an update with an evidence file, refusing a disguised file and a missing challenge reason', async () => {
    const { w, planId } = await ownSeeded();
    const agent = await w.agent(w.orgA, 'contributor');
    const action = await actionOf(w, planId, '1.1');
    const form = `/actions/${action.id}/updates/new`;
    const _csrf = await csrfFrom(agent, form);
    const bad = await agent
      .post(form)
      .field('_csrf', _csrf)
      .field('date', '3/6/2025')
      .field('narrative', 'Still recruiting')
      .field('ownerRag', 'green')
      .attach('files', Buffer.from([0x4d, 0x5a, 0x90, 0, 3]), 'minutes.pdf');
    expect(bad.status).toBe(400);
    expect(text(bad.text)).toContain('minutes.pdf is not an accepted file');
    expect(text(bad.text)).toContain('The evidence rates this action red. Give a reason for rating it green');
    const before = await w.services.db
      .selectFrom('actionUpdates')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('actionId', '=', action.id)
      .executeTakeFirstOrThrow();
    const ok = await agent
      .post(form)
      .field('_csrf', _csrf)
      .field('date', '3/6/2025')
      .field('narrative', 'Still recruiting')
      .field('ownerRag', 'red')
      .attach('files', Buffer.from('%PDF-1.7\n%demo\n'), 'minutes.pdf');
    expect(ok.status).toBe(302);
    const after = await w.services.db
      .selectFrom('actionUpdates')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('actionId', '=', action.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    const stored = await w.services.db
      .selectFrom('actionUpdateFiles')
      .select(['contentType', 'filename'])
      .where('filename', '=', 'minutes.pdf')
      .executeTakeFirstOrThrow();
    expect(stored.contentType).toBe('application/pdf');
  }, 120_000);

  it('refuses a stale edit of an action with 409 and keeps the first change', async () => {
    const { w, planId } = await ownSeeded();
    const agent = await w.agent(w.orgA, 'editor');
    const action = await actionOf(w, planId, '3.1');
    const fields = {
      reference: '3.1',
      title: 'First title',
      startDate: action.startDate,
      dueDate: action.dueDate,
      status: 'not-started',
      version: String(action.version),
    };
    expect((await postForm(agent, `/actions/${action.id}/edit`, `/actions/${action.id}/edit`, fields)).status).toBe(
      302,
    );
    const stale = await postForm(agent, `/actions/${action.id}/edit`, `/actions/${action.id}/edit`, {
      ...fields,
      title: 'Second title',
    });
    expect(stale.status).toBe(409);
    expect(text(stale.text)).toContain('Someone else changed this record while you were editing it');
    expect(
      (await w.services.db.selectFrom('actions').select('title').where('id', '=', action.id).executeTakeFirstOrThrow())
        .title,
    ).toBe('First title');
  }, 120_000);

  it('compares version 1 and version 2', async () => {
    const res = await (await w.agent(w.orgA, 'viewer')).get(`/plans/${v2Id}/compare`);
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toContain('Version 1 to version 2');
    expect(page).toContain('1 added, 0 removed');
    expect(page).toContain('Assessments for children on the edge of care');
  });

  it('shows a contributor their own actions', async () => {
    const res = await (await w.agent(w.orgA, 'contributor')).get('/my-actions');
    expect(res.status).toBe(200);
    const refs = parse(res.text)
      .querySelectorAll('table')[0]
      .querySelectorAll('tbody tr')
      .map((r) => r.querySelector('td a')?.textContent.trim().split(' ')[0]);
    // The test organisation has one contributor, who owns both owners' demo actions; only the version in force (1, approved) is listed.
    expect(refs.sort()).toEqual(['1.1', '1.2', '2.1', '2.2', '4.1']);
  });

  it('exports the plan as a workbook with an actions sheet and a milestones sheet', async () => {
    const res = await (
      await w.agent(w.orgA, 'viewer')
    )
      .get(`/plans/${planId}/export.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const actions = wb.getWorksheet('Actions')!;
    expect(actions.getRow(1).getCell(1).value).toBe('Reference');
    expect(actions.rowCount).toBe(8);
    expect(actions.getRow(2).getCell(1).value).toBe('1.1');
    expect(actions.getRow(2).getCell(9).value).toBe('Red');
    const row41 = [...Array(actions.rowCount).keys()]
      .map((i) => actions.getRow(i + 1))
      .find((r) => r.getCell(1).value === '4.1')!;
    expect([row41.getCell(9).value, row41.getCell(10).value, row41.getCell(11).value]).toEqual([
      'Amber',
      'Green',
      'Yes',
    ]);
    expect(actions.getRow(2).getCell(6).value).toEqual(new Date(Date.UTC(2023, 6, 1)));
    // The exported workbook imports straight back: its headings are guessed and every row is valid.
    const sheet = await readSpreadsheet(res.body as Buffer, 'plan.xlsx');
    const mapping = guessMapping(sheet.headers);
    expect(mapping).toMatchObject({
      reference: 0,
      title: 1,
      description: 2,
      theme: 3,
      owner: 4,
      startDate: 5,
      dueDate: 6,
      status: 7,
    });
    const users = new Map(Object.values(w.orgA.users).map((u) => [u.email, u.id]));
    const roundTrip = validateImport(sheet.headers, sheet.rows, mapping, {
      owners: users,
      existingReferences: new Set(),
    });
    expect(roundTrip.errors).toEqual([]);
    expect(roundTrip.actions).toHaveLength(7);
    const ms = wb.getWorksheet('Milestones')!;
    expect(ms.getRow(1).values).toEqual([
      undefined,
      'Action reference',
      'Milestone',
      'Due date',
      'Completed date',
      'Evidence note',
    ]);
    expect(ms.rowCount).toBeGreaterThan(5);
  });
});
