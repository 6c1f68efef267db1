import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFixture } from '../../../test/fixtures/paths.js';
import { tinyPdf } from '../../../test/fixtures/pdf.js';
import { createWorld, type World } from '../../../test/support/world.js';

const REPORT = reportFixture('stockton-on-tees_2023-05-09.pdf');

describe('inspections over the API', () => {
  let w: World;
  let token: string;
  const api = () => w.apiClient(token);
  const count = (table: 'inspections' | 'findings') => w.count(table);

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
    const other = await w.apiClient(await w.token(w.orgB, 'editor')).post('/inspections', {
      type: 'jtai',
      startDate: '2022-01-10',
    });
    expect(other.status).toBe(201);
    expect((await api().get(`/inspections/${other.body.id}`)).status).toBe(404);
    expect((await api().post(`/inspections/${other.body.id}/findings`, { kind: 42 })).status).toBe(404);
  });

  it('reads a published report into a draft without saving it', async () => {
    const before = await count('inspections');
    const res = await api().post('/inspections/import-report').attach('file', REPORT);
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
    const notPdf = await api()
      .post('/inspections/import-report')
      .attach('file', Buffer.from('hello, world'), 'report.pdf');
    expect(notPdf.status).toBe(422);
    expect(notPdf.body.error.details[0]).toMatchObject({
      path: 'file',
      message: expect.stringMatching(/must be a PDF/),
    });
    const minutes = await api()
      .post('/inspections/import-report')
      .attach('file', tinyPdf('Minutes of the scrutiny commission'), 'minutes.pdf');
    expect(minutes.status).toBe(422);
    expect(minutes.body.error.details[0].message).toMatch(/does not look like an Ofsted report/);
  });
});
