import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFixture } from '../../../test/fixtures/paths.js';
import { createWorld, postForm, type World } from '../../../test/support/world.js';
import { seedInspectionsDemo } from './demo.js';
import { latestJudgementsAt } from '../national/comparators.js';
import type { DemoContext } from '../../db/seeds/demo.js';

const REPORT = reportFixture('stockton-on-tees_2023-05-09.pdf');

/** A minimal valid one-page PDF whose only text is `text`. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('inspections over the API', () => {
  let w: World;
  let token: string;
  const api = () => ({
    get: (p: string) => request(w.app).get(`/api/v1${p}`).set('Authorization', `Bearer ${token}`),
    post: (p: string, body: unknown) =>
      request(w.app)
        .post(`/api/v1${p}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
  });
  const count = async (table: 'inspections' | 'findings') =>
    Number(
      (
        await w.services.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2023-06-01T12:00:00Z') });
    token = await w.token(w.orgA, 'editor');
  });
  afterAll(() => w.close());

  it('records an ILACS inspection with its 70-working-day action plan deadline', async () => {
    const res = await api().post('/inspections', {
      type: 'ilacs-standard',
      startDate: '2023-03-06',
      endDate: '2023-03-17',
      publishedDate: '2023-05-09',
      judgements: { 'overall-effectiveness': 'requires-improvement', 'care-leavers': 'good' },
    });
    expect(res.status).toBe(201);
    // Seed 002: published 9 May 2023 → due 16 August 2023 (29 May bank holiday skipped).
    expect(res.body).toMatchObject({
      id: expect.any(String),
      type: 'ilacs-standard',
      frameworkVersion: 'ilacs-2023',
      actionPlanDueDate: '2023-08-16',
      judgements: { 'care-leavers': 'good' },
    });
    expect(res.body.deadlineStatus).toMatch(/^Due in \d+ working days$/);
    const list = await api().get('/inspections');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
    expect((await api().get(`/inspections/${res.body.id}`)).body.actionPlanDueDate).toBe('2023-08-16');
  });

  it.each([
    [
      'end before start',
      { type: 'ilacs-standard', startDate: '2023-03-06', endDate: '2023-03-01' },
      'endDate',
      /after the start date/,
    ],
    [
      'publication before the visit ended',
      { type: 'ilacs-standard', startDate: '2023-03-06', endDate: '2023-03-17', publishedDate: '2023-03-10' },
      'publishedDate',
      /on or after the last day/,
    ],
    [
      'a grade for an area the version does not judge',
      { type: 'ilacs-standard', startDate: '2019-05-20', judgements: { 'care-leavers': 'good' } },
      'judgements.care-leavers',
      /does not judge/,
    ],
    [
      'grades on a focused visit',
      { type: 'focused-visit', startDate: '2024-01-10', judgements: { 'overall-effectiveness': 'good' } },
      'judgements.overall-effectiveness',
      /does not give grades/,
    ],
    ['an unknown type', { type: 'ofsted-party', startDate: '2023-03-06' }, 'type', /not an inspection type/],
    [
      'an unknown grade',
      { type: 'ilacs-short', startDate: '2023-03-06', judgements: { leaders: 'excellent' } },
      'judgements.leaders',
      /must be one of/,
    ],
    ['a date that is not real', { type: 'ilacs-short', startDate: '2023-02-30' }, 'startDate', /real date/],
  ])('refuses %s with 422 naming the field, saving nothing', async (_label, body, field, message) => {
    const before = await count('inspections');
    const res = await api().post('/inspections', body);
    expect(res.status).toBe(422);
    const detail = res.body.error.details.find((d: { path: string }) => d.path === field);
    expect(detail?.message).toMatch(message);
    expect(await count('inspections')).toBe(before);
  });

  it('adds findings and shows similar findings from earlier inspections', async () => {
    const early = await api().post('/inspections', {
      type: 'sif',
      startDate: '2015-01-14',
      endDate: '2015-02-04',
      publishedDate: '2015-03-20',
    });
    await api().post(`/inspections/${early.body.id}/findings`, {
      kind: 'recommendation',
      text: 'Improve the quality and consistency of assessments so that risks are robustly considered.',
      reference: 'R4',
    });
    const later = await api().post('/inspections', {
      type: 'ilacs-standard',
      startDate: '2019-09-23',
      endDate: '2019-10-04',
    });
    const res = await api().post(`/inspections/${later.body.id}/findings`, {
      kind: 'area-for-improvement',
      text: 'The consistency and quality of assessments.',
    });
    expect(res.status).toBe(201);
    expect(res.body.similarEarlier).toHaveLength(1);
    expect(res.body.similarEarlier[0]).toMatchObject({ inspectionId: early.body.id, inspectionDate: '2015-01-14' });
    await api().post(`/inspections/${later.body.id}/findings`, { kind: 'strength', text: 'Adoption is timely.' });
    const list = await api().get(`/inspections/${later.body.id}/findings`);
    expect(list.body.items.map((f: { kind: string; position: number }) => [f.kind, f.position])).toEqual([
      ['area-for-improvement', 1],
      ['strength', 2],
    ]);
    const bad = await api().post(`/inspections/${later.body.id}/findings`, { kind: 'gossip', text: '', area: 'lscb' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['area', 'kind', 'text']);
  });

  it('gives 404 for another organisation’s inspection, whatever the body', async () => {
    const other = await request(w.app)
      .post('/api/v1/inspections')
      .set('Authorization', `Bearer ${await w.token(w.orgB, 'editor')}`)
      .send({ type: 'jtai', startDate: '2022-01-10' });
    expect(other.status).toBe(201);
    expect((await api().get(`/inspections/${other.body.id}`)).status).toBe(404);
    expect((await api().post(`/inspections/${other.body.id}/findings`, { kind: 42 })).status).toBe(404);
  });

  it('reads a published report into a draft without saving it', async () => {
    const before = await count('inspections');
    const res = await request(w.app)
      .post('/api/v1/inspections/import-report')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', REPORT);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: 'ilacs-standard',
      startDate: '2023-03-06',
      endDate: '2023-03-17',
      judgements: { 'overall-effectiveness': 'requires-improvement', 'care-leavers': 'requires-improvement' },
    });
    expect(res.body.findings[1]).toEqual({
      kind: 'area-for-improvement',
      text: 'Sufficiency of suitable foster homes for children.',
      reference: null,
      frameworkReference: null,
    });
    expect(res.body.warnings).toEqual([
      'The report does not state its publication date: enter it (the action plan deadline counts from it).',
    ]);
    expect(await count('inspections')).toBe(before);
  });

  it('refuses a file that is not a PDF and a PDF that is not an Ofsted report with 422', async () => {
    const notPdf = await request(w.app)
      .post('/api/v1/inspections/import-report')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', Buffer.from('hello, world'), 'report.pdf');
    expect(notPdf.status).toBe(422);
    expect(notPdf.body.error.details[0]).toMatchObject({
      path: 'file',
      message: expect.stringMatching(/must be a PDF/),
    });
    const minutes = await request(w.app)
      .post('/api/v1/inspections/import-report')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', tinyPdf('Minutes of the scrutiny commission'), 'minutes.pdf');
    expect(minutes.status).toBe(422);
    expect(minutes.body.error.details[0].message).toMatch(/does not look like an Ofsted report/);
  });
});

describe('inspection pages', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2023-06-01T12:00:00Z') });
  });
  afterAll(() => w.close());

  it('records an inspection through the form, showing errors first and saving nothing', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const bad = await postForm(agent, '/inspections/new', '/inspections/new', {
      type: 'ilacs-standard',
      startDate: '17/03/2023',
      endDate: '06/03/2023',
      publishedDate: 'soon',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('End date must be the same as or after the start date');
    expect(bad.text).toContain('Publication date must be a real date');
    expect(await w.services.db.selectFrom('inspections').select('id').execute()).toHaveLength(0);
    const ok = await postForm(agent, '/inspections/new', '/inspections/new', {
      type: 'ilacs-standard',
      startDate: '6/3/2023',
      endDate: '17/3/2023',
      publishedDate: '9/5/2023',
      'judgements[ilacs-2023][overall-effectiveness]': 'good',
      'judgements[ilacs-2018][leaders]': 'inadequate',
    });
    expect(ok.status).toBe(302);
    const page = await agent.get(ok.headers.location);
    expect(page.text).toContain('Written action plan due <time datetime="2023-08-16">16 August 2023</time>');
    expect(page.text).toMatch(/due in \d+ working days/);
    const row = await w.services.db
      .selectFrom('inspections')
      .select(['judgements', 'frameworkVersionKey'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ judgements: { 'overall-effectiveness': 'good' }, frameworkVersionKey: 'ilacs-2023' });
  });

  it('pastes findings, previews them, then saves them', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const inspection = await w.services.db
      .selectFrom('inspections')
      .select('id')
      .where('organisationId', '=', w.orgA.id)
      .executeTakeFirstOrThrow();
    const url = `/inspections/${inspection.id}/findings/add`;
    const text = '◼ The quality of plans for children, including\nsafety plans.\n◼ Sufficiency of foster homes.';
    const preview = await postForm(agent, url, url, { kind: 'area-for-improvement', text, action: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('2 findings to add');
    expect(preview.text).toContain('The quality of plans for children, including safety plans.');
    expect(await w.services.db.selectFrom('findings').select('id').execute()).toHaveLength(0);
    const empty = await postForm(agent, url, url, { kind: 'area-for-improvement', text: '  ', action: 'save' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Paste or type at least one finding');
    const saved = await postForm(agent, url, url, { kind: 'area-for-improvement', text, action: 'save' });
    expect(saved.status).toBe(302);
    expect(
      (await w.services.db.selectFrom('findings').select('text').orderBy('position').execute()).map((f) => f.text),
    ).toEqual(['The quality of plans for children, including safety plans.', 'Sufficiency of foster homes.']);
  });

  it('imports a report PDF: preview, then confirm saves the inspection and its findings', async () => {
    // The report is Stockton-on-Tees' (DfE 808): here orgA is Stockton, so an editor may save it.
    await w.services.db.updateTable('organisations').set({ laCode: '808' }).where('id', '=', w.orgA.id).execute();
    const agent = await w.agent(w.orgA, 'editor');
    const page = await agent.get('/inspections/import');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const preview = await agent.post('/inspections/import').field('_csrf', token).attach('file', REPORT);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Check the imported report');
    expect(preview.text).toContain('4 findings read');
    const draft = /name="draft" value="([^"]+)"/
      .exec(preview.text)![1]
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    // The inspection recorded through the form above has the same dates: the report updates it (issue 18).
    const existing = await w.services.db
      .selectFrom('inspections')
      .select('id')
      .where('organisationId', '=', w.orgA.id)
      .executeTakeFirstOrThrow();
    expect(preview.text).toContain(`value="${existing.id}"`);
    const confirm = await postForm(agent, '/inspections/import', '/inspections/import/confirm', {
      draft,
      type: 'ilacs-standard',
      startDate: '2023-03-06',
      endDate: '2023-03-17',
      publishedDate: '2023-05-09',
      updateOf: existing.id,
    });
    expect(confirm.status).toBe(302);
    expect(confirm.headers.location).toBe(`/inspections/${existing.id}`);
    const shown = await agent.get(confirm.headers.location);
    expect(shown.text).toContain('Sufficiency of suitable foster homes for children.');
    // The earlier pasted "Sufficiency of foster homes." was for an inspection with the same start date, so not "earlier".
    expect(shown.text).toContain('Requires improvement to be good');
    await w.services.db.updateTable('organisations').set({ laCode: null }).where('id', '=', w.orgA.id).execute();
  });

  it('keeps self-evaluations and compares them with the next inspection', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const bad = await postForm(agent, '/self-evaluation/new', '/self-evaluation/new', {
      frameworkVersion: 'ilacs-2023',
      title: '',
      completedDate: '31/2/2022',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a title');
    expect(bad.text).toContain('Date completed must be a real date');
    const ok = await postForm(agent, '/self-evaluation/new', '/self-evaluation/new', {
      frameworkVersion: 'ilacs-2023',
      title: 'Self-evaluation 2022 to 2023',
      completedDate: '2022-11-30',
      'areas[overall-effectiveness][grade]': 'good',
      'areas[overall-effectiveness][narrative]': 'We think we are good.',
      'areas[care-leavers][grade]': 'requires-improvement',
    });
    expect(ok.status).toBe(302);
    const page = await agent.get(ok.headers.location);
    // Compared with the first inspection from March 2023: overall good = good (form), care leavers RI vs not judged.
    // The inspection now carries the imported report's grades (requires improvement throughout), so care
    // leavers (RI) matches and overall (good, against RI) is graded higher than Ofsted did.
    expect(page.text).toContain('1 of 2 areas graded as Ofsted did (50%)');
  });

  it('lets a viewer read but not record', async () => {
    const viewer = await w.agent(w.orgA, 'viewer');
    expect((await viewer.get('/inspections')).status).toBe(200);
    expect((await viewer.get('/inspections/new')).status).toBe(403);
  });
});

describe('demo history, recurring findings and national outcomes', () => {
  let w: World;
  const ctxFor = (org: World['orgA']): DemoContext => ({
    organisationId: org.id,
    actor: org.actor,
    usersByRole: { admin: org.users.admin.id },
    userIds: {},
  });
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2026-11-22T12:00:00Z') });
    await seedInspectionsDemo(w.services, ctxFor(w.orgA));
  }, 60_000);
  afterAll(() => w.close());

  it('seeds once, for any organisation', async () => {
    await seedInspectionsDemo(w.services, ctxFor(w.orgA));
    await seedInspectionsDemo(w.services, ctxFor(w.orgB));
    const counts = await w.services.db
      .selectFrom('inspections')
      .select(['organisationId', (eb) => eb.fn.countAll().as('n')])
      .groupBy('organisationId')
      .execute();
    expect(counts.map((c) => Number(c.n))).toEqual([6, 6]);
  });

  it('draws the judgement history as an SVG chart with the data in a table, and a timeline', async () => {
    const res = await (await w.agent(w.orgA, 'viewer')).get('/inspections');
    expect(res.text).toMatch(/<svg[^>]+role="img"/);
    expect(res.text).toContain('<title id="history-chart-title">');
    expect(res.text).toContain('Ofsted grades by inspection and judgement area');
    expect(res.text).toContain('Single inspection framework inspection');
    // The focused visit published 10 November 2026 named priority actions: draft plan 20 working days later.
    const fv = await w.services.db
      .selectFrom('inspections')
      .select('id')
      .where('organisationId', '=', w.orgA.id)
      .where('typeKey', '=', 'focused-visit')
      .executeTakeFirstOrThrow();
    const page = await (await w.agent(w.orgA, 'viewer')).get(`/inspections/${fv.id}`);
    expect(page.text).toContain(
      'Draft plan due <time datetime="2026-12-08">8 December 2026</time></strong>: due in 12 working days.',
    );
  });

  it('lists recurring themes across inspections', async () => {
    const res = await (await w.agent(w.orgA, 'viewer')).get('/inspections/recurring');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /raised at [34] inspections — “The sufficiency of foster homes for children, including brothers and sisters.”/,
    );
  });

  it('answers the national latest judgements, filtered by grade, and gives benchmark groups', async () => {
    const token = await w.token(w.orgA, 'viewer');
    const res = await request(w.app)
      .get('/api/v1/national/inspections/latest?asAt=2025-03-31')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const leicester = res.body.items.find((i: { laName: string }) => i.laName === 'Leicester');
    expect(leicester).toMatchObject({
      laCode: '856',
      gssCode: 'E06000016',
      inspectionDate: '2024-09-23',
      publishedDate: '2025-01-29',
      type: 'ilacs-short',
      judgements: { 'overall-effectiveness': 'requires-improvement' },
    });
    expect(res.body.items.some((i: { laName: string }) => i.laName === 'Northamptonshire')).toBe(false);
    const good = await request(w.app)
      .get('/api/v1/national/inspections/latest?asAt=2021-12-31&overall=good')
      .set('Authorization', `Bearer ${token}`);
    expect(
      good.body.items.every(
        (i: { judgements: Record<string, string> }) => i.judgements['overall-effectiveness'] === 'good',
      ),
    ).toBe(true);
    expect(good.body.items.map((i: { laName: string }) => i.laName)).toContain('Leicester');
    const bad = await request(w.app)
      .get('/api/v1/national/inspections/latest?asAt=2021-02-30')
      .set('Authorization', `Bearer ${token}`);
    expect(bad.status).toBe(400);
    const groups = await latestJudgementsAt(w.services.db, '2025-03-31');
    expect(groups.find((g) => g.laCode === '856')).toEqual({
      laCode: '856',
      gssCode: 'E06000016',
      laName: 'Leicester',
      region: 'East Midlands',
      overall: 'requires-improvement',
    });
    expect(new Set(groups.map((g) => g.laCode)).size).toBe(groups.length);
  });
});
