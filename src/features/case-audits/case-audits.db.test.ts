import request from 'supertest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, postForm, type World } from '../../../test/support/world.js';
import { xlsxBomb } from '../../../test/support/hostile-files.js';
import { generateWorkbookBuffer } from '../annex-a/generator.js';
import { runImport } from '../annex-a/service.js';
import { loadRows } from '../annex-a/row-store.js';
import { pseudonymise } from '../../lib/annex-a/pseudonym.js';
import { isOpenCin, isOpenCla, isOpenCp } from '../../lib/annex-a/indicators.js';
import { buildReportContent } from '../reports/build.js';
import { computeActionRags } from '../plans/status.js';

// Wednesday 14 April 2027. The Annex A snapshot is of 31 March 2027; the cycles are of March and April.
const NOW = new Date('2027-04-14T10:00:00Z');
const REF = '2027-03-31';

let w: World;
const tokens: Record<string, string> = {};
const api = (method: 'get' | 'post' | 'patch', path: string, role = 'editor') =>
  request(w.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${tokens[role]}`);
let secret = '';
/** PATCH an audit with the version it has now, as a client that has just read it would. */
async function patchAudit(id: string, role: string, body: Record<string, unknown>) {
  const { version } = await w.services.db
    .selectFrom('caseAudits')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return api('patch', `/audits/${id}`, role).send({ version, ...body });
}
const hashOf = (id: string) => pseudonymise(secret, id);

/** Every text column of the database, searched for a string: the raw identifiers must be nowhere. */
async function databaseContains(text: string): Promise<string[]> {
  const cols = await sql<{ tableName: string; columnName: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type in ('text', 'jsonb', 'character varying')`.execute(
    w.services.db,
  );
  const hits: string[] = [];
  for (const c of cols.rows) {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(c.tableName)} where ${sql.ref(c.columnName)}::text like ${`%${text}%`}`.execute(
      w.services.db,
    );
    if (r.rows[0].n) hits.push(`${c.tableName}.${c.columnName}`);
  }
  return hits;
}

beforeAll(async () => {
  w = await createWorld({ now: () => NOW });
  for (const role of ['admin', 'editor', 'contributor', 'viewer'] as const) tokens[role] = await w.token(w.orgA, role);
  tokens.other = await w.token(w.orgB, 'editor');
  const file = await generateWorkbookBuffer({ children: 240, referenceDate: REF, seed: 11 });
  await runImport(w.services.db, w.orgA.actor, 'Test', {
    source: { buffer: file },
    filename: 'annex-a.xlsx',
    referenceDate: REF,
    mode: 'commit',
  });
  secret = (
    await w.services.db
      .selectFrom('organisations')
      .select('pseudonymSecret')
      .where('id', '=', w.orgA.id)
      .executeTakeFirstOrThrow()
  ).pseudonymSecret;
}, 120_000);
afterAll(() => w.close());

describe('case file audits, end to end', () => {
  let frameworkId = '';
  let cycleId = '';
  let sampled: { caseHash: string; list: string; team: string | null; annexA: { list: number; row: number } }[] = [];

  it('adds a framework with Ofsted’s grades by default, and refuses a scale in the wrong order', async () => {
    const res = await api('post', '/audit-frameworks').send({
      name: 'Practice audit',
      themes: [
        {
          name: 'Assessment',
          standards: [
            { code: 'A1', text: 'Timely and proportionate' },
            { code: 'A2', text: 'The child was seen alone' },
          ],
        },
        { name: 'Management oversight', standards: [{ code: 'M1', text: 'Oversight at key decisions' }] },
      ],
    });
    expect(res.status).toBe(201);
    frameworkId = res.body.id;
    expect(res.body.currentVersion.number).toBe(1);
    expect(res.body.currentVersion.scale.map((g: { key: string }) => g.key)).toEqual([
      'outstanding',
      'good',
      'requires-improvement',
      'inadequate',
    ]);
    expect(res.body.currentVersion.themes.map((t: { key: string }) => t.key)).toEqual([
      'assessment',
      'management-oversight',
    ]);

    const bad = await api('post', '/audit-frameworks').send({
      name: 'x',
      themes: [
        {
          name: 'T',
          standards: [
            { code: 'T1', text: 'a' },
            { code: 't1', text: 'b' },
          ],
        },
      ],
      scale: [
        { label: 'Weak', band: 'inadequate' },
        { label: 'Strong', band: 'good-or-better' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([
        {
          path: 'themes.0.standards.1',
          message: 'standard t1 is already used on line 2; give each standard its own code, like A1 or 1.1',
        },
        {
          path: 'scale.1',
          message: 'Grades go from best to worst: good-or-better grades first, the inadequate grade last',
        },
      ]),
    );
  });

  it('names auditors: contributors and editors, never viewers', async () => {
    const editor = await w.agent(w.orgA, 'editor');
    for (const role of ['contributor', 'editor'] as const) {
      const res = await postForm(editor, '/case-audits/auditors', '/case-audits/auditors', {
        userId: w.orgA.users[role].id,
      });
      expect(res.status).toBe(302);
    }
    const viewer = await postForm(editor, '/case-audits/auditors', '/case-audits/auditors', {
      userId: w.orgA.users.viewer.id,
    });
    expect(viewer.status).toBe(400);
    expect(viewer.text).toContain('is a viewer: only contributors, editors and administrators can be auditors');
  });

  it('starts a monthly cycle, one a month per framework', async () => {
    const res = await api('post', '/audit-cycles').send({
      title: 'March 2027 practice audit',
      kind: 'monthly',
      period: '2027-03',
      frameworkId,
    });
    expect(res.status).toBe(201);
    cycleId = res.body.id;
    expect(res.body.indicatorSeries).toBe('practice-audit');
    const again = await api('post', '/audit-cycles').send({
      title: 'Another',
      kind: 'monthly',
      period: '2027-03',
      frameworkId,
    });
    expect(again.status).toBe(422);
    expect(again.body.error.details[0].path).toBe('period');
  });

  it('samples open cases from the latest Annex A import, stratified, the same again for the same seed', async () => {
    const dry = await api('post', `/audit-cycles/${cycleId}/sample?dryRun=true`).send({ size: 8, seed: 4242 });
    expect(dry.status).toBe(200);
    expect(await w.services.db.selectFrom('caseAudits').select('id').execute()).toHaveLength(0);
    const res = await api('post', `/audit-cycles/${cycleId}/sample`).send({ size: 8, seed: 4242 });
    expect(res.status).toBe(201);
    expect(res.body.referenceDate).toBe(REF);
    sampled = res.body.cases;
    expect(sampled.map((c) => c.caseHash)).toEqual(dry.body.cases.map((c: { caseHash: string }) => c.caseHash));
    expect(sampled).toHaveLength(8);
    expect(res.body.strata.reduce((a: number, s: { chosen: number }) => a + s.chosen, 0)).toBe(8);

    // Each sampled case is an open record at the reference date, on the list and row it names.
    const rows = await loadRows(w.services.db, w.orgA.id, res.body.importId, [6, 7, 8, 9]);
    for (const c of sampled) {
      const r = rows.get(c.annexA.list)!.find((x) => x.row === c.annexA.row)!;
      expect(r.child).toBe(c.caseHash);
      const open =
        r.list === 6 ? isOpenCin(r, REF) : r.list === 7 ? isOpenCp(r, REF) : r.list === 8 ? isOpenCla(r, REF) : true;
      expect(open).toBe(true);
    }
    const twice = await api('post', `/audit-cycles/${cycleId}/sample`).send({ size: 2, seed: 1 });
    expect(twice.status).toBe(409);
  });

  it('leaves out cases audited in the last six months when the next month is sampled', async () => {
    const next = await api('post', '/audit-cycles').send({
      title: 'April 2027 practice audit',
      kind: 'monthly',
      period: '2027-04',
      frameworkId,
    });
    const dry = await api('post', `/audit-cycles/${next.body.id}/sample?dryRun=true`).send({ size: 40, seed: 4242 });
    expect(dry.status).toBe(200);
    expect(dry.body.excluded).toBeGreaterThanOrEqual(8);
    const again = new Set(dry.body.cases.map((c: { caseHash: string }) => c.caseHash));
    for (const c of sampled) expect(again.has(c.caseHash)).toBe(false);
  });

  let added = '';
  it('adds a case by identifier, keeping only the keyed hash; a case not in the import is added and flagged', async () => {
    const res = await api('post', `/audit-cycles/${cycleId}/audits`).send({ caseId: 'SYN0000003' });
    expect(res.status).toBe(201);
    expect(res.body.caseHash).toBe(hashOf('SYN0000003'));
    added = res.body.id;
    const missing = await api('post', `/audit-cycles/${cycleId}/audits`).send({ caseId: 'NOT-IN-ANNEX-77' });
    expect(missing.status).toBe(201);
    expect(missing.body).toMatchObject({ inLatestImport: false, team: null, list: null });
    expect(missing.body.warnings[0]).toEqual({
      path: 'identifier',
      message: `This case is not in the latest Annex A import (${REF}): it has been added without a team and is flagged`,
    });
    const dup = await api('post', `/audit-cycles/${cycleId}/audits`).send({ caseId: ' NOT-IN-ANNEX-77 ' });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details[0].path).toBe('identifier');
    expect(await databaseContains('NOT-IN-ANNEX-77')).toEqual([]);
  });

  let auditId = '';
  it('allocates, refusing a moderator who is the auditor', async () => {
    auditId = (
      await api('get', `/audit-cycles/${cycleId}/audits`).then((r) =>
        r.body.items.find((a: { caseHash: string }) => a.caseHash === sampled[0].caseHash),
      )
    ).id;
    const same = await patchAudit(auditId, 'editor', {
      auditorId: w.orgA.users.contributor.id,
      moderatorId: w.orgA.users.contributor.id,
    });
    expect(same.status).toBe(422);
    expect(same.body.error.details).toEqual([
      { path: 'moderatorId', message: 'The moderator must be a second auditor, not the auditor who graded the case' },
    ]);
    const noVersion = await api('patch', `/audits/${auditId}`).send({ auditorId: w.orgA.users.contributor.id });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error.details[0].path).toBe('version');
    const stale = await api('patch', `/audits/${auditId}`).send({
      version: 99,
      auditorId: w.orgA.users.contributor.id,
    });
    expect(stale.status).toBe(409);
    const notAuditor = await patchAudit(auditId, 'editor', { auditorId: w.orgA.users.viewer.id });
    expect(notAuditor.status).toBe(422);
    const ok = await patchAudit(auditId, 'editor', {
      auditorId: w.orgA.users.contributor.id,
      moderatorId: w.orgA.users.editor.id,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('allocated');
    const byContributor = await patchAudit(auditId, 'contributor', {
      moderatorId: w.orgA.users.admin.id,
    });
    expect(byContributor.status).toBe(403);
  });

  it('the auditor grades; a grade outside the scale, an unknown standard or a missing one is a 422 naming it', async () => {
    const outside = await patchAudit(auditId, 'contributor', {
      grades: { a1: 'excellent', a2: 'good', m1: 'good' },
      overall: 'good',
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.details[0]).toEqual({
      path: 'grades.a1',
      message:
        '“excellent” is not a grade on this framework’s scale: use one of outstanding, good, requires-improvement, inadequate, n-a',
    });
    const unknown = await patchAudit(auditId, 'contributor', {
      grades: { a1: 'good', a2: 'good', m1: 'good', z9: 'good' },
      overall: 'good',
    });
    expect(unknown.body.error.details).toEqual([{ path: 'grades.z9', message: 'This framework has no standard “z9”' }]);
    const missing = await patchAudit(auditId, 'contributor', {
      grades: { a1: 'good' },
      overall: 'great',
    });
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'grades.a2',
      'grades.m1',
      'overall',
    ]);
    const ok = await patchAudit(auditId, 'contributor', {
      grades: { a1: 'good', a2: 'n-a', m1: 'requires-improvement' },
      overall: 'requires-improvement',
      note: 'Supervision is irregular. The plan is clear.',
      auditedOn: '2027-04-12',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'awaiting-moderation',
      overall: 'requires-improvement',
      note: 'Supervision is irregular. The plan is clear.',
    });
  });

  it('notes are for editors, admins and auditors only; a viewer gets the summary and no notes', async () => {
    expect((await api('get', `/audit-cycles/${cycleId}/audits`, 'viewer')).status).toBe(403);
    expect((await api('get', `/audits/${auditId}`, 'viewer')).status).toBe(403);
    const summary = await api('get', `/audit-cycles/${cycleId}/summary`, 'viewer');
    expect(summary.status).toBe(200);
    expect(JSON.stringify(summary.body)).not.toContain('Supervision is irregular');
    const viewer = await w.agent(w.orgA, 'viewer');
    const page = await viewer.get(`/case-audits/cycles/${cycleId}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('/case-audits/audits/');
    expect((await viewer.get(`/case-audits/audits/${auditId}`)).status).toBe(403);
    // The audit trail says a note was written, never what it says.
    const events = await w.services.db
      .selectFrom('auditEvents')
      .select(['after'])
      .where('entityType', '=', 'caseAuditNotes')
      .execute();
    expect(JSON.stringify(events)).toMatch(/written \(44 characters, #[0-9a-f]{6}\)/);
    expect(await databaseContains('Supervision is irregular')).toEqual(['case_audit_notes.body']);
  });

  it('moderation by the same auditor is refused; a second auditor’s grades replace the auditor’s and the change shows', async () => {
    const self = await patchAudit(auditId, 'contributor', { moderation: { overall: 'good' } });
    expect(self.status).toBe(422);
    expect(self.body.error.details).toEqual([
      {
        path: 'moderation',
        message: 'A moderation must be by a second auditor: the auditor who graded this case cannot moderate it',
      },
    ]);
    const res = await patchAudit(auditId, 'editor', {
      moderation: { grades: { m1: 'inadequate' }, overall: 'inadequate', note: 'Oversight is missing.' },
    });
    expect(res.status).toBe(200);
    expect(res.body.moderation).toMatchObject({
      overall: 'inadequate',
      grades: { a1: 'good', a2: 'n-a', m1: 'inadequate' },
    });
    expect(res.body.status).toBe('moderated');
    const s = (await api('get', `/audit-cycles/${cycleId}/summary`)).body;
    expect(s).toMatchObject({ audits: 1, moderated: 1, agreed: 0, agreement: 0 });
    expect(s.overall).toEqual({
      'good-or-better': 0,
      inadequate: 100,
      counts: { outstanding: 0, good: 0, 'requires-improvement': 0, inadequate: 1 },
      graded: 1,
    });
    expect(
      s.themes.map((t: Record<string, unknown>) => [t.key, t['good-or-better'], t.graded, t.notApplicable]),
    ).toEqual([
      ['assessment', 100, 1, 1],
      ['management-oversight', 0, 1, 0],
    ]);
    expect(s.changes).toEqual([
      {
        auditId,
        reference: sampled[0].caseHash.slice(0, 10),
        overallBefore: 'requires-improvement',
        overallAfter: 'inadequate',
        standards: [{ key: 'm1', before: 'requires-improvement', after: 'inadequate' }],
      },
    ]);
    const regrade = await patchAudit(auditId, 'contributor', { overall: 'good' });
    expect(regrade.status).toBe(409);
  });

  it('grades and moderates in the browser without JavaScript, with errors on the page', async () => {
    await patchAudit(added, 'editor', { auditorId: w.orgA.users.contributor.id });
    const auditor = await w.agent(w.orgA, 'contributor');
    const mine = await auditor.get('/case-audits/my-audits');
    expect(mine.text).toContain(`/case-audits/audits/${added}/grade`);
    const form = `/case-audits/audits/${added}/grade`;
    // What the form's hidden field holds: the version of the audit the page was read with.
    const version = async () =>
      String(
        (
          await w.services.db
            .selectFrom('caseAudits')
            .select('version')
            .where('id', '=', added)
            .executeTakeFirstOrThrow()
        ).version,
      );
    const bad = await postForm(auditor, form, form, {
      version: await version(),
      'grades[a1]': 'good',
      overall: '',
      note: 'x',
      'auditedOn-day': '31',
      'auditedOn-month': '2',
      'auditedOn-year': '2027',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Date audited must be a real date, like 31 3 2027');
    const bad2 = await postForm(auditor, form, form, {
      version: await version(),
      'grades[a1]': 'good',
      overall: '',
      note: 'x',
    });
    expect(bad2.status).toBe(400);
    expect(bad2.text).toContain('href="#grades-a2"');
    expect(bad2.text).toContain('Grade standard A2, or choose not applicable');
    expect(bad2.text).toContain('Choose the overall grade');
    const ok = await postForm(auditor, form, form, {
      version: await version(),
      'grades[a1]': 'good',
      'grades[a2]': 'outstanding',
      'grades[m1]': 'good',
      overall: 'good',
      note: 'Management oversight is recorded at each decision.',
      'auditedOn-day': '13',
      'auditedOn-month': '4',
      'auditedOn-year': '2027',
    });
    expect(ok.status).toBe(302);
    const selfModerate = await auditor.get(`/case-audits/audits/${added}/moderate`);
    expect(selfModerate.status).toBe(403);
    const editor = await w.agent(w.orgA, 'editor');
    const mod = `/case-audits/audits/${added}/moderate`;
    const same = await postForm(editor, mod, mod, {
      version: await version(),
      moderatorId: w.orgA.users.contributor.id,
      'grades[a1]': 'good',
      'grades[a2]': 'good',
      'grades[m1]': 'good',
      overall: 'good',
    });
    expect(same.status).toBe(400);
    expect(same.text).toContain('A moderation must be by a second auditor');
    const done = await postForm(editor, mod, mod, {
      version: await version(),
      moderatorId: w.orgA.users.editor.id,
      'grades[a1]': 'good',
      'grades[a2]': 'good',
      'grades[m1]': 'good',
      overall: 'good',
      note: 'Agreed.',
    });
    expect(done.status).toBe(302);
    const page = await editor.get(`/case-audits/audits/${added}`);
    expect(page.text).toContain('Management oversight is recorded at each decision.');
    expect(page.text).toContain('(changed)');
  });

  it('publishes the results as indicators with counts and the cycle as provenance; later moderation updates them', async () => {
    const res = await api('post', `/audit-cycles/${cycleId}/publish`).send({});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    const value = async (key: string) =>
      w.services.db
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
        .where('indicators.organisationId', '=', w.orgA.id)
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

    await patchAudit(auditId, 'editor', {
      moderation: { grades: { m1: 'good' }, overall: 'good', note: 'On reflection, good.' },
    });
    expect(await value('case-audit.practice-audit.overall.good')).toMatchObject({
      value: 100,
      note: '2 of 2 audits (March 2027 practice audit)',
    });
    const series = await api('get', '/indicators/case-audit.practice-audit.overall.good/series');
    expect(series.status).toBe(200);
  });

  it('a result linked to a plan action moves its evidence RAG, like any indicator', async () => {
    const plan = await api('post', '/plans').send({
      title: 'Improvement plan',
      startDate: '2026-04-01',
      endDate: '2028-03-31',
      themes: ['Practice'],
    });
    const action = await api('post', `/plans/${plan.body.id}/actions`).send({
      reference: '2.1',
      title: 'Reflective supervision',
      startDate: '2026-04-01',
      dueDate: '2028-03-31',
      status: 'in-progress',
    });
    const indicator = await w.services.db
      .selectFrom('indicators')
      .select('id')
      .where('organisationId', '=', w.orgA.id)
      .where('key', '=', 'case-audit.practice-audit.theme.management-oversight.good')
      .executeTakeFirstOrThrow();
    await w.services.db
      .insertInto('indicatorTargets')
      .values({ organisationId: w.orgA.id, indicatorId: indicator.id, kind: 'period', period: '2027-03', value: 80 })
      .execute();
    const editor = await w.agent(w.orgA, 'editor');
    const linkPage = `/case-audits/cycles/${cycleId}/link`;
    const bad = await postForm(editor, linkPage, linkPage, { indicatorId: indicator.id, actionId: '' });
    expect(bad.status).toBe(400);
    const linked = await postForm(editor, linkPage, linkPage, { indicatorId: indicator.id, actionId: action.body.id });
    expect(linked.status).toBe(302);
    // Management oversight: 2 of 2 good or better after the re-moderation → 100% against 80%: green.
    const states = await computeActionRags(w.services.db, w.orgA.id, { planId: plan.body.id }, '2027-04-14');
    expect(states[0].evidenceRag).toBe('green');
    await w.services.db
      .updateTable('indicatorTargets')
      .set({ value: 101 })
      .where('indicatorId', '=', indicator.id)
      .execute();
    const after = await computeActionRags(w.services.db, w.orgA.id, { planId: plan.body.id }, '2027-04-14');
    expect(after[0].evidenceRag).toBe('red');
  });

  it('learning quotes must be the note’s own words; the board pack shows grades and the quote, never other notes', async () => {
    const editor = await w.agent(w.orgA, 'editor');
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
    const planId = (await api('get', '/plans')).body.items[0].id;
    const actionId = (await api('get', `/plans/${planId}/actions`)).body.items[0].id;
    const ok = await postForm(editor, page, page, {
      title: 'Supervision is not regular enough',
      themeKey: 'management-oversight',
      auditId,
      quote: 'Supervision is irregular.',
      actionId,
    });
    expect(ok.status).toBe(302);
    const content = await buildReportContent(w.services.db, {
      organisationId: w.orgA.id,
      planId,
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
    const editor = await w.agent(w.orgA, 'editor');
    const res = await editor
      .get(`/case-audits/cycles/${cycleId}/export.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Audits')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['Waymark reference', 'List', 'Team']);
    expect(headers).toContain('A1 Timely and proportionate');
    expect(headers).toContain('Evidence note');
    expect(sheet.rowCount).toBe(11);
    expect(wb.getWorksheet('Summary')!.getRow(2).getCell(1).value).toBe('All audits (overall grade)');
    expect((await (await w.agent(w.orgA, 'viewer')).get(`/case-audits/cycles/${cycleId}/export.xlsx`)).status).toBe(
      403,
    );
  });
});

describe('importing audits from a spreadsheet', () => {
  let cycleId = '';
  let editor: request.Agent;
  const upload = async (csv: string, name = 'audits.csv') => {
    const page = `/case-audits/cycles/${cycleId}/import`;
    const _csrf = await csrfFrom(editor, page);
    return editor
      .post(page)
      .field('_csrf', _csrf)
      .attach('file', Buffer.from(csv, name.endsWith('.xlsx') ? 'latin1' : 'utf8'), name);
  };
  const count = async () =>
    Number(
      (
        await w.services.db
          .selectFrom('caseAudits')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('cycleId', '=', cycleId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    editor = await w.agent(w.orgA, 'editor');
    const fw = (await api('get', '/audit-frameworks')).body.items[0];
    cycleId = (
      await api('post', '/audit-cycles').send({
        title: 'Neglect themed audit',
        kind: 'themed',
        topic: 'Neglect',
        period: '2027-03',
        frameworkId: fw.id,
      })
    ).body.id;
  });

  it('refuses a file with an unknown standard, a duplicate case and a grade outside the scale, naming each, and saves nothing', async () => {
    const csv = [
      'Child ID,Auditor,Overall grade,A1 Timely,A2 Seen alone,M1 Oversight,M7 Oversight of plans',
      `SYN0000010,contributor@alpha.test,Good,Good,RI,N/A,`,
      `SYN0000010,contributor@alpha.test,Good,Good,Good,Good,`,
      `SYN0000011,contributor@alpha.test,Excellent,Good,Good,Good,`,
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(302);
    const preview = await editor.get(res.headers.location);
    expect(preview.text).toContain('This framework has no standard M7');
    expect(preview.text).toContain('The same case is on row 2: each case is audited once in a cycle');
    expect(preview.text).toContain('“Excellent” is not a grade of this framework');
    const commit = await postForm(editor, res.headers.location, res.headers.location, {});
    expect(commit.status).toBe(400);
    expect(commit.text).toContain('nothing has been imported');
    expect(await count()).toBe(0);
    // Staged, the identifiers are already hashes.
    expect(await databaseContains('SYN0000010')).toEqual([]);
  });

  it('imports a right file: new cases added (flagged when not in Annex A), graded by the named auditor', async () => {
    const csv = [
      'Case ID,Email,Overall grade,A1,A2,M1,Comments,Date audited',
      'SYN0000012,contributor@alpha.test,2,1,2,3,Neglect is recognised early.,02/04/2027',
      'LOCAL-999,editor@alpha.test,RI,good,n/a,inadequate,,',
    ].join('\n');
    const res = await upload(csv);
    const preview = await editor.get(res.headers.location);
    expect(preview.text).toContain('2 audits ready to import');
    const commit = await postForm(editor, res.headers.location, res.headers.location, {});
    expect(commit.status).toBe(302);
    const audits = (await api('get', `/audit-cycles/${cycleId}/audits`)).body.items as {
      caseHash: string;
      overall: string;
      grades: Record<string, string>;
      auditorId: string;
      inLatestImport: boolean;
      note: string | null;
      auditedOn: string;
    }[];
    const first = audits.find((a) => a.caseHash === hashOf('SYN0000012'))!;
    expect(first).toMatchObject({
      overall: 'good',
      grades: { a1: 'outstanding', a2: 'good', m1: 'requires-improvement' },
      auditorId: w.orgA.users.contributor.id,
      note: 'Neglect is recognised early.',
      auditedOn: '2027-04-02',
    });
    expect(audits.find((a) => a.caseHash === hashOf('LOCAL-999'))).toMatchObject({
      inLatestImport: false,
      overall: 'requires-improvement',
    });
    expect(await databaseContains('LOCAL-999')).toEqual([]);
    expect(await databaseContains('Neglect is recognised early')).toEqual(['case_audit_notes.body']);
    const again = await postForm(editor, res.headers.location, res.headers.location, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('This file has already been imported');
  });

  it('takes back its own .xlsx export: a changed grade in the workbook is imported by Waymark reference', async () => {
    const res = await editor
      .get(`/case-audits/cycles/${cycleId}/export.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Audits')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (h: string) => headers.indexOf(h) + 1;
    const reference = hashOf('SYN0000012').slice(0, 10);
    let target = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === reference) target = n;
    });
    expect(target).toBeGreaterThan(1);
    sheet.getRow(target).getCell(col('Overall grade')).value = 'Outstanding';
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const page = `/case-audits/cycles/${cycleId}/import`;
    const _csrf = await csrfFrom(editor, page);
    const staged = await editor.post(page).field('_csrf', _csrf).attach('file', buffer, 'neglect-audit.xlsx');
    expect(staged.status).toBe(302);
    const preview = await editor.get(staged.headers.location);
    expect(preview.text).toContain('2 audits ready to import');
    expect((await postForm(editor, staged.headers.location, staged.headers.location, {})).status).toBe(302);
    const audits = (await api('get', `/audit-cycles/${cycleId}/audits`)).body.items as {
      caseHash: string;
      overall: string;
    }[];
    expect(audits.find((a) => a.caseHash === hashOf('SYN0000012'))!.overall).toBe('outstanding');
    expect(audits).toHaveLength(2);
  });

  it('refuses a zip bomb through the shared upload limits, saying what it is', async () => {
    const res = await upload((await xlsxBomb(32)).toString('latin1'), 'bomb.xlsx');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/looks like a zip bomb/);
  });

  it('refuses what is not a spreadsheet', async () => {
    const res = await upload('%PDF-1.4 not a spreadsheet', 'audits.pdf');
    expect(res.status).toBe(400);
    expect(res.text).toContain('The file must be an Excel workbook (.xlsx) or a CSV file');
  });
});

describe('framework versions', () => {
  it('a changed framework is a new version; cycles already started keep theirs', async () => {
    const fw = (await api('get', '/audit-frameworks')).body.items[0];
    const before = (await api('get', '/audit-cycles')).body.items.map(
      (c: { frameworkVersionId: string }) => c.frameworkVersionId,
    );
    const res = await api('post', `/audit-frameworks/${fw.id}/versions`).send({
      name: fw.name,
      themes: [
        ...fw.currentVersion.themes.map((t: { name: string; standards: { code: string; text: string }[] }) => ({
          name: t.name,
          standards: t.standards,
        })),
        { name: 'The child’s voice', standards: [{ code: 'V1', text: 'Wishes recorded' }] },
      ],
      changeNote: 'The child’s voice added',
      version: fw.version,
    });
    expect(res.status).toBe(201);
    expect(res.body.currentVersion.number).toBe(2);
    expect(
      (await api('get', '/audit-cycles')).body.items.map((c: { frameworkVersionId: string }) => c.frameworkVersionId),
    ).toEqual(before);
    const stale = await api('post', `/audit-frameworks/${fw.id}/versions`).send({
      name: fw.name,
      themes: fw.currentVersion.themes,
      changeNote: 'x',
      version: fw.version,
    });
    expect(stale.status).toBe(409);
    const next = await api('post', '/audit-cycles').send({
      title: 'May 2027 practice audit',
      kind: 'monthly',
      period: '2027-05',
      frameworkId: fw.id,
    });
    expect(next.body.frameworkVersionId).toBe(res.body.currentVersion.id);
  });

  it('another organisation’s cycles and audits are not found', async () => {
    const cycle = (await api('get', '/audit-cycles')).body.items[0];
    expect((await api('get', `/audit-cycles/${cycle.id}/summary`, 'other')).status).toBe(404);
    expect((await api('post', `/audit-cycles/${cycle.id}/sample`, 'other').send({ size: 1 })).status).toBe(404);
  });
});
