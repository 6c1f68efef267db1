import fs from 'node:fs';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFixture } from '../../../test/fixtures/paths.js';
import { tinyPdf } from '../../../test/fixtures/pdf.js';
import { EXPECTED, RI } from '../../lib/ofsted-report-expected.js';
import { draftFrom, previewImport } from '../../../test/support/inspections.js';
import { createWorld, postForm, type World } from '../../../test/support/world.js';

const STOCKTON_2023 = reportFixture('stockton-on-tees_2023-05-09.pdf');
const LEICESTER_2025 = reportFixture('leicester_2025-01-29.pdf');
/** What the Leicester 2025 report reads as, from the parser's own table of published reports. */
const LEICESTER_READ = EXPECTED['leicester_2025-01-29.pdf'];

/** The confirmation form for the Stockton-on-Tees 2023 report, as its preview page was filled in. */
const stocktonFields = (previewHtml: string) => ({
  draft: draftFrom(previewHtml),
  type: 'ilacs-standard',
  startDate: '2023-03-06',
  endDate: '2023-03-17',
  publishedDate: '2023-05-09',
});

describe('report import checks the authority and dates (issue 18, point 3)', () => {
  let w: World;
  const preview = async (role: 'editor' | 'admin', file: string, org = w.orgA) => {
    const agent = await w.agent(org, role);
    return { agent, res: await previewImport(agent, file) };
  };
  /** An editor confirming another authority's report is refused: only an admin may save it. */
  const expectRefusedToEditor = async (editor: request.Agent, previewHtml: string) => {
    const refused = await postForm(
      editor,
      '/inspections/import',
      '/inspections/import/confirm',
      stocktonFields(previewHtml),
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('only an admin can save another authority’s report in your record');
  };
  const inspections = () =>
    w.services.db
      .selectFrom('inspections')
      .select(['id', 'typeKey', 'startDate', 'endDate', 'publishedDate', 'reportLaCode', 'judgements'])
      .where('organisationId', '=', w.orgA.id)
      .orderBy('startDate')
      .execute();
  const api = (token: string) => w.apiClient(token);

  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2025-06-02T12:00:00Z') });
    // orgA is Leicester (DfE 856); Stockton-on-Tees is 808.
    await w.services.db.updateTable('organisations').set({ laCode: '856' }).where('id', '=', w.orgA.id).execute();
  }, 60_000);
  afterAll(() => w.close());

  // One scenario: the Stockton-on-Tees report an admin saves is what the later steps compare with.
  it('refuses a Stockton-on-Tees report to an editor, lets an admin save it only on confirmation, never matches it as “raised before” and shows it to API clients as an overlap', async () => {
    // Says on the preview that a Stockton-on-Tees report is not Leicester’s, and an editor cannot save it.
    {
      const { agent, res } = await preview('editor', STOCKTON_2023);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Stockton-on-Tees (Stockton-on-Tees, DfE code 808)');
      expect(res.text).toContain(
        'This report is of Stockton-on-Tees (DfE code 808), not of your authority (Alpha Council, DfE code 856)',
      );
      expect(res.text).not.toContain('name="confirmOtherAuthority"');
      await expectRefusedToEditor(agent, res.text);
      expect(await inspections()).toHaveLength(0);
    }
    // Lets an admin save it only by ticking the confirmation, recording whose report it is.
    {
      const { agent, res } = await preview('admin', STOCKTON_2023);
      expect(res.text).toContain('name="confirmOtherAuthority"');
      const fields = stocktonFields(res.text);
      const unticked = await postForm(agent, '/inspections/import', '/inspections/import/confirm', fields);
      expect(unticked.status).toBe(400);
      expect(unticked.text).toContain('tick the box to confirm it belongs in your record');
      expect(await inspections()).toHaveLength(0);
      const ticked = await postForm(agent, '/inspections/import', '/inspections/import/confirm', {
        ...fields,
        confirmOtherAuthority: 'yes',
      });
      expect(ticked.status).toBe(302);
      const [row] = await inspections();
      expect(row).toMatchObject({ typeKey: 'ilacs-standard', startDate: '2023-03-06', reportLaCode: '808' });
    }
    // Never matches “raised before” against another authority’s report, earlier or later.
    {
      const token = await w.token(w.orgA, 'editor');
      // Leicester's own inspections before and after, each with a finding worded like Stockton's.
      const before = await api(token).post('/inspections', {
        type: 'ilacs-standard',
        startDate: '2021-09-20',
        endDate: '2021-10-01',
        judgements: { 'overall-effectiveness': 'good' },
      });
      await api(token).post(`/inspections/${before.body.id}/findings`, {
        kind: 'area-for-improvement',
        text: 'Sufficiency of suitable foster homes for children.',
      });
      const stockton = (await inspections()).find((i) => i.reportLaCode === '808')!;
      const stocktonFindings = await api(token).get(`/inspections/${stockton.id}/findings`);
      const foster = stocktonFindings.body.items.find(
        (f: { text: string }) => f.text === 'Sufficiency of suitable foster homes for children.',
      );
      expect(foster.similarEarlier).toEqual([]);
      const after = await api(token).post('/inspections', { type: 'monitoring-visit', startDate: '2024-01-10' });
      const later = await api(token).post(`/inspections/${after.body.id}/findings`, {
        kind: 'area-for-improvement',
        text: 'Sufficiency of suitable foster homes for children.',
      });
      // Only Leicester's own 2021 finding is "raised before", not Stockton's 2023 one.
      expect(later.body.similarEarlier.map((s: { inspectionId: string }) => s.inspectionId)).toEqual([before.body.id]);
      const recurring = await (await w.agent(w.orgA, 'viewer')).get('/inspections/recurring');
      expect(recurring.text).toContain('raised at 2 inspections');
      expect(recurring.text).not.toContain('raised at 3 inspections');
    }
    // Gives API clients the authority check and the overlaps with the draft.
    {
      const res = await api(await w.token(w.orgA, 'editor'))
        .post('/inspections/import-report')
        .attach('file', STOCKTON_2023);
      expect(res.status).toBe(200);
      expect(res.body.area).toEqual({ laCode: '808', gssCode: 'E06000004', name: 'Stockton-on-Tees' });
      expect(res.body.authorityCheck.otherAuthority).toBe(true);
      expect(res.body.overlaps).toHaveLength(1);
    }
  }, 60_000);

  it('offers a report overlapping an inspection already recorded as an update of it, never a second record', async () => {
    const token = await w.token(w.orgA, 'editor');
    // Leicester's short inspection as pre-filled from Ofsted's outcomes: start date and publication, no end date.
    const existing = await api(token).post('/inspections', {
      type: 'ilacs-short',
      startDate: '2024-09-23',
      publishedDate: '2025-01-29',
      judgements: { 'overall-effectiveness': RI },
    });
    const { agent, res } = await preview('editor', LEICESTER_2025);
    expect(res.text).not.toContain('not of your authority');
    expect(res.text).toContain('This report overlaps an inspection already in your record');
    expect(res.text).toContain(`value="${existing.body.id}"`);
    const count = (await inspections()).length;
    const fields = {
      draft: draftFrom(res.text),
      type: 'ilacs-short',
      startDate: '2024-09-23',
      endDate: '2024-09-27',
      publishedDate: '',
    };
    const second = await postForm(agent, '/inspections/import', '/inspections/import/confirm', fields);
    expect(second.status).toBe(400);
    expect(second.text).toContain(
      'This report overlaps ILACS short inspection, September 2024 already recorded: choose the inspection it updates',
    );
    expect(await inspections()).toHaveLength(count);

    const update = await postForm(agent, '/inspections/import', '/inspections/import/confirm', {
      ...fields,
      updateOf: existing.body.id,
    });
    expect(update.status).toBe(302);
    expect(update.headers.location).toBe(`/inspections/${existing.body.id}`);
    const rows = await inspections();
    expect(rows).toHaveLength(count);
    expect(rows.find((r) => r.id === existing.body.id)).toMatchObject({
      endDate: LEICESTER_READ.end,
      publishedDate: '2025-01-29',
      reportLaCode: '856',
      judgements: LEICESTER_READ.judgements,
    });
    expect((await api(token).get(`/inspections/${existing.body.id}/findings`)).body.items).toHaveLength(
      LEICESTER_READ.count,
    );
    // Importing the same report again adds nothing new.
    const again = await postForm(agent, '/inspections/import', '/inspections/import/confirm', {
      ...fields,
      updateOf: existing.body.id,
    });
    expect(again.status).toBe(302);
    expect((await api(token).get(`/inspections/${existing.body.id}/findings`)).body.items).toHaveLength(
      LEICESTER_READ.count,
    );
  });

  it.each([
    ['a truncated PDF', () => fs.readFileSync(LEICESTER_2025).subarray(0, 60_000), /PDF is incomplete/],
    [
      'an encrypted PDF',
      () => tinyPdf('Inspection of Leicester City Council local authority children’s services', { encrypt: true }),
      /password-protected \(encrypted\)/,
    ],
    ['an image-only PDF', () => tinyPdf(null), /no text to read \(1 page of images\): it looks like a scan/],
    [
      'a PDF of something else',
      () => tinyPdf('Minutes of the Children and Young People Scrutiny Commission'),
      /does not look like an Ofsted report.*it begins “Minutes of the Children and Young People Scrutiny Commission”/,
    ],
    [
      'an Ofsted report of a kind it does not know',
      () => tinyPdf('Ofsted inspection of Hilltop Primary School: the quality of education for pupils'),
      /Ofsted document, but not one Waymark imports \(it looks like a school inspection report/,
    ],
  ])('refuses %s with a 422 naming what was found, saving nothing', async (_label, make, message) => {
    const before = (await inspections()).length;
    const res = await api(await w.token(w.orgA, 'editor'))
      .post('/inspections/import-report')
      .attach('file', make(), 'report.pdf');
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('file');
    expect(res.body.error.details[0].message).toMatch(message);
    expect((await inspections()).length).toBe(before);
    expect((await api(await w.token(w.orgA, 'viewer')).get('/inspections')).status).toBe(200);
  });

  it('checks the authority by name when the organisation has no code: another council’s report needs an admin', async () => {
    // orgB has no DfE code (like the fictional demo council): a Stockton-on-Tees report is still not its own.
    const { agent: editor, res } = await preview('editor', STOCKTON_2023, w.orgB);
    expect(res.status).toBe(200);
    expect(res.text).toContain('This report is of Stockton-on-Tees, not of your authority (Beta Council)');
    await expectRefusedToEditor(editor, res.text);
    const count = () =>
      w.services.db.selectFrom('inspections').select('id').where('organisationId', '=', w.orgB.id).execute();
    expect(await count()).toHaveLength(0);
  });
});
