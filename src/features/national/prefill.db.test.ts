import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, postForm, type World } from '../../../test/support/world.js';
import { importNationalOutcomes } from './import.js';

const RI = 'requires-improvement';
/** Leicester's 2024 short inspection: five judgements under ILACS 2023, all requires improvement. */
const RI_2023 = Object.fromEntries(
  ['overall-effectiveness', 'leaders', 'help-and-protection', 'children-in-care', 'care-leavers'].map((k) => [k, RI]),
);

// One scenario in steps: each test starts from what the one before left (Leicester's history is added
// once, then matched and protected), so the steps run in order on one world.
describe.sequential('scenario: pre-filling an organisation’s history from Ofsted’s published outcomes', () => {
  let w: World;
  const api = (token: string) => w.apiClient(token).post('/inspections/prefill-from-national');
  const inspectionsOf = (organisationId: string) =>
    w.services.db
      .selectFrom('inspections')
      .select([
        'id',
        'typeKey',
        'frameworkVersionKey',
        'startDate',
        'endDate',
        'publishedDate',
        'judgements',
        'source',
        'notes',
      ])
      .where('organisationId', '=', organisationId)
      .orderBy('startDate')
      .execute();
  const setLaCode = (organisationId: string, laCode: string | null) =>
    w.services.db.updateTable('organisations').set({ laCode }).where('id', '=', organisationId).execute();

  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2025-06-02T12:00:00Z') });
    await importNationalOutcomes(w.services.db);
    // Leicester (DfE 856, E06000016).
    await setLaCode(w.orgA.id, '856');
  }, 60_000);
  afterAll(() => w.close());

  it('lists the authority’s published inspections not yet recorded, with the button for editors only', async () => {
    const editorPage = await (await w.agent(w.orgA, 'editor')).get('/inspections');
    expect(editorPage.status).toBe(200);
    expect(editorPage.text).toContain('Ofsted’s published record for your authority');
    expect(editorPage.text).toContain('Ofsted’s published outcomes list 2 inspections and visits of Leicester.');
    expect(editorPage.text).toContain(
      '<caption class="govuk-table__caption govuk-table__caption--s">Published inspections and visits not yet in your history</caption>',
    );
    expect(editorPage.text).toContain('<time datetime="2021-09-20">');
    expect(editorPage.text).toContain('<time datetime="2025-01-29">');
    expect(editorPage.text).toContain('action="/inspections/prefill-from-national"');
    expect(editorPage.text).toContain('Add these to our history');
    const viewerPage = await (await w.agent(w.orgA, 'viewer')).get('/inspections');
    expect(viewerPage.text).toContain('<time datetime="2021-09-20">');
    expect(viewerPage.text).not.toContain('Add these to our history');
  });

  it('forbids viewers, on the page and over the API, and adds nothing', async () => {
    const viewer = await w.agent(w.orgA, 'viewer');
    expect((await postForm(viewer, '/inspections', '/inspections/prefill-from-national', {})).status).toBe(403);
    expect((await api(await w.token(w.orgA, 'viewer'))).status).toBe(403);
    expect(await inspectionsOf(w.orgA.id)).toHaveLength(0);
  });

  it('adds Leicester’s ILACS history with its judgements, publication dates and framework versions, and nothing when run again', async () => {
    // Leicester’s history, as published.
    {
      const editor = await w.agent(w.orgA, 'editor');
      const res = await postForm(editor, '/inspections', '/inspections/prefill-from-national', {});
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/inspections');
      const page = await editor.get('/inspections');
      expect(page.text).toContain(
        '2 inspections and visits have been added to your history from Ofsted’s published outcomes.',
      );
      expect(page.text).toContain('Your history already has all of them.');
      expect(page.text).not.toContain('Add these to our history');

      // From LA_Inspection_Outcomes_as_at_31_March_2025 (ILACS history): E06000016 Leicester.
      expect(await inspectionsOf(w.orgA.id)).toEqual([
        {
          id: expect.any(String),
          typeKey: 'ilacs-standard',
          frameworkVersionKey: 'ilacs-2018',
          startDate: '2021-09-20',
          endDate: null,
          publishedDate: '2021-11-12',
          judgements: {
            'overall-effectiveness': 'good',
            leaders: 'good',
            'help-and-protection': 'good',
            'children-in-care-and-care-leavers': 'good',
          },
          source: 'national-import',
          notes: 'Pre-filled from Ofsted’s published local authority inspection outcomes.',
        },
        {
          id: expect.any(String),
          typeKey: 'ilacs-short',
          frameworkVersionKey: 'ilacs-2023',
          startDate: '2024-09-23',
          endDate: null,
          publishedDate: '2025-01-29',
          judgements: RI_2023,
          source: 'national-import',
          notes: 'Pre-filled from Ofsted’s published local authority inspection outcomes.',
        },
      ]);
      // Written through the audited insert.
      const audit = await w.services.db
        .selectFrom('auditEvents')
        .select(['entityId'])
        .where('organisationId', '=', w.orgA.id)
        .where('entityType', '=', 'inspections')
        .execute();
      expect(audit).toHaveLength(2);
      // The history is usable like any other: 70 working days after publication on 29 January 2025 (Easter and 5 May skipped).
      const token = await w.token(w.orgA, 'viewer');
      const list = await w.apiClient(token).get('/inspections');
      expect(list.body.items.find((i: { startDate: string }) => i.startDate === '2024-09-23').actionPlanDueDate).toBe(
        '2025-05-12',
      );
    }
    // Run again, over the API or the page: nothing is added.
    {
      const res = await api(await w.token(w.orgA, 'editor'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ added: 0, items: [] });
      const admin = await w.agent(w.orgA, 'admin');
      await postForm(admin, '/inspections', '/inspections/prefill-from-national', {});
      expect((await admin.get('/inspections')).text).toContain('nothing was added');
      expect(await inspectionsOf(w.orgA.id)).toHaveLength(2);
    }
  });

  it('leaves another organisation alone; with no code it is told how to set one and the API is 404', async () => {
    expect(await inspectionsOf(w.orgB.id)).toHaveLength(0);
    const adminPage = await (await w.agent(w.orgB, 'admin')).get('/inspections');
    expect(adminPage.text).toContain(
      'once your organisation’s local authority code (the 3-digit DfE code, like 856) is set',
    );
    expect(adminPage.text).toContain(
      '<a class="govuk-link" href="/admin/organisation">Set your local authority code</a>',
    );
    expect(adminPage.text).not.toContain('Add these to our history');
    const editorPage = await (await w.agent(w.orgB, 'editor')).get('/inspections');
    expect(editorPage.text).toContain('Ask an admin to set it');

    const res = await api(await w.token(w.orgB, 'editor'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('/admin/organisation');
    const editor = await w.agent(w.orgB, 'editor');
    await postForm(editor, '/inspections', '/inspections/prefill-from-national', {});
    expect((await editor.get('/inspections')).text).toContain('Your organisation has no local authority code');
    expect(await inspectionsOf(w.orgB.id)).toHaveLength(0);

    // orgA's pre-filled inspections are not orgB's.
    const [leicester] = await inspectionsOf(w.orgA.id);
    const other = await w.apiClient(await w.token(w.orgB, 'viewer')).get(`/inspections/${leicester.id}`);
    expect(other.status).toBe(404);
    expect((await (await w.agent(w.orgB, 'viewer')).get(`/inspections/${leicester.id}`)).status).toBe(404);
  });

  it('matches an inspection already recorded by hand and adds only the rest, over the API', async () => {
    // Stockton-on-Tees (E06000004): short 2019, standard 2023 (report 9 May 2023), focused visit 2024.
    const stockton = await w.services.db
      .selectFrom('nationalInspections')
      .select('laCode')
      .where('gssCode', '=', 'E06000004')
      .executeTakeFirstOrThrow();
    expect(stockton.laCode).toBe('808');
    await setLaCode(w.orgB.id, '808');
    const token = await w.token(w.orgB, 'editor');
    const manual = await w.apiClient(token).post('/inspections', {
      type: 'ilacs-standard',
      startDate: '2023-03-06',
      endDate: '2023-03-17',
      publishedDate: '2023-05-09',
      judgements: { 'overall-effectiveness': RI },
    });
    expect(manual.status).toBe(201);

    const res = await api(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      added: 2,
      items: [
        {
          id: expect.any(String),
          type: 'ilacs-short',
          frameworkVersion: 'ilacs-2018',
          startDate: '2019-05-20',
          publishedDate: '2019-07-01',
          judgements: {
            'overall-effectiveness': RI,
            leaders: RI,
            'help-and-protection': RI,
            'children-in-care-and-care-leavers': RI,
          },
        },
        {
          id: expect.any(String),
          type: 'focused-visit',
          frameworkVersion: 'ilacs-2023',
          startDate: '2024-09-18',
          publishedDate: '2024-10-18',
          judgements: {},
        },
      ],
    });
    const rows = await inspectionsOf(w.orgB.id);
    expect(rows.map((r) => [r.typeKey, r.startDate, r.source])).toEqual([
      ['ilacs-short', '2019-05-20', 'national-import'],
      ['ilacs-standard', '2023-03-06', 'manual'],
      ['focused-visit', '2024-09-18', 'national-import'],
    ]);
    expect(rows[2].notes).toBe(
      'Pre-filled from Ofsted’s published local authority inspection outcomes. Visit theme: Children in care.',
    );
    expect((await api(token)).body).toEqual({ added: 0, items: [] });
    // Leicester's history is unchanged.
    expect(await inspectionsOf(w.orgA.id)).toHaveLength(2);
  });
});
