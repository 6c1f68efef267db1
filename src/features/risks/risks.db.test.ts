import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, postForm, type World } from '../../../test/support/world.js';
import { insertActionWithMilestones } from '../../../test/support/plans-fixtures.js';

describe('risk register: scores, history, links and the evidence-conflict flag', () => {
  let w: World;
  let token: string;
  let redActionId: string;
  let greenActionId: string;
  let indicatorId: string;
  const api = () => w.apiClient(token);

  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2025-03-12T10:00:00Z') });
    token = await w.token(w.orgA, 'editor');
    const { db } = w.services;
    const plan = await db
      .insertInto('plans')
      .values({
        organisationId: w.orgA.id,
        title: 'Improvement plan',
        startDate: '2024-09-01',
        endDate: '2026-08-31',
        lineageId: '00000000-0000-4000-8000-000000000001',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A2.1 has a milestone two months overdue (red on the evidence); A2.2's milestone is done on time.
    const inProgress = { planId: plan.id, startDate: '2024-09-01', status: 'in-progress' } as const;
    redActionId = await insertActionWithMilestones(
      db,
      w.orgA.id,
      { ...inProgress, reference: 'A2.1', title: 'Reduce unallocated cases', dueDate: '2025-06-30' },
      [{ title: 'Allocation audit', dueDate: '2025-01-10', completedDate: null }],
    );
    greenActionId = await insertActionWithMilestones(
      db,
      w.orgA.id,
      { ...inProgress, reference: 'A2.2', title: 'Exit interviews', dueDate: '2025-12-31' },
      [{ title: 'Template agreed', dueDate: '2025-01-10', completedDate: '2025-01-08' }],
    );
    const ind = await db
      .insertInto('indicators')
      .values({
        organisationId: w.orgA.id,
        key: 'unallocated',
        name: 'Unallocated cases',
        unit: 'count',
        polarity: 'lower-is-better',
        frequency: 'monthly',
        nationalMeasure: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    indicatorId = ind.id;
  });
  afterAll(() => w.close());

  it('scores a risk, bands it and flags a low rating that the linked evidence contradicts', async () => {
    const res = await api().post('/risks', {
      reference: 'CS-01',
      title: 'Unallocated cases hide need',
      likelihood: 2,
      impact: 2,
      ownerId: w.orgA.users.editor.id,
      reviewDate: '2025-03-01',
      planActionIds: [redActionId],
      indicatorIds: [indicatorId],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ score: 4, rating: 'low', reviewOverdue: true });
    expect(res.body.actions).toEqual([
      { id: redActionId, reference: 'A2.1', title: 'Reduce unallocated cases', evidenceRag: 'red' },
    ]);
    expect(res.body.indicators).toEqual([
      { id: indicatorId, name: 'Unallocated cases', rag: 'none', trend: 'unknown' },
    ]);
    expect(res.body.evidenceConflict).toEqual({
      conflict: true,
      reasons: ['Plan action A2.1 “Reduce unallocated cases” is red on the evidence'],
    });

    const consistent = await api().post('/risks', {
      reference: 'CS-02',
      title: 'Exit interviews not done',
      likelihood: 1,
      impact: 3,
      planActionIds: [greenActionId],
    });
    expect(consistent.body.evidenceConflict.conflict).toBe(false);
    const high = await api().post('/risks', {
      reference: 'CS-03',
      title: 'Agency staff at the front door',
      likelihood: 4,
      impact: 4,
      planActionIds: [redActionId],
    });
    expect(high.body).toMatchObject({ score: 16, rating: 'high', evidenceConflict: { conflict: false } });

    const conflicts = await api().get('/risks?conflict=true');
    expect(conflicts.body.items.map((r: { reference: string }) => r.reference)).toEqual(['CS-01']);
    const all = await api().get('/risks');
    expect(all.body.items.map((r: { reference: string }) => r.reference)).toEqual(['CS-01', 'CS-03', 'CS-02']);

    const page = await (await w.agent(w.orgA, 'viewer')).get('/risks');
    expect(page.text).toMatch(/CS-01[\s\S]*Evidence conflict[\s\S]*CS-03/);
  });

  it('keeps a history of scores; re-rating the risk clears the conflict', async () => {
    const risk = (await api().get('/risks?conflict=true')).body.items[0];
    const res = await api().patch(`/risks/${risk.id}`, {
      likelihood: 4,
      impact: 3,
      scoreNote: 'Audit found 60 unallocated cases',
      version: risk.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ score: 12, rating: 'high', evidenceConflict: { conflict: false } });
    expect(res.body.scoreHistory.map((h: { score: number; note: string | null }) => [h.score, h.note])).toEqual([
      [12, 'Audit found 60 unallocated cases'],
      [4, null],
    ]);
    // an edit that leaves the score alone adds nothing to the history
    const again = await api().patch(`/risks/${risk.id}`, {
      controls: 'Weekly allocation meeting',
      version: res.body.version,
    });
    expect(again.body.scoreHistory).toHaveLength(2);
  });

  it('refuses likelihood 7, another organisation’s owner and links, saving nothing', async () => {
    const before = (await api().get('/risks')).body.items.length;
    const bad = await api().post('/risks', { reference: 'CS-09', title: 'Bad', likelihood: 7, impact: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([
      { path: 'likelihood', message: 'Likelihood must be a whole number from 1 to 5' },
      { path: 'impact', message: 'Impact must be a whole number from 1 to 5' },
    ]);
    const foreign = await api().post('/risks', {
      reference: 'CS-09',
      title: 'Foreign',
      likelihood: 1,
      impact: 1,
      ownerId: w.orgB.users.editor.id,
      planActionIds: ['00000000-0000-4000-8000-000000000099'],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details.map((d: { path: string }) => d.path)).toEqual(['ownerId', 'planActionIds']);
    const dup = await api().post('/risks', { reference: 'cs-01', title: 'Duplicate', likelihood: 1, impact: 1 });
    expect(dup.body.error.details).toEqual([
      { path: 'reference', message: 'There is already a risk with this reference' },
    ]);
    expect((await api().get('/risks')).body.items.length).toBe(before);

    const agent = await w.agent(w.orgA, 'editor');
    const form = await postForm(agent, '/risks/new', '/risks/new', {
      reference: 'CS-10',
      title: 'Form',
      likelihood: '7',
      impact: '2',
      status: 'open',
    });
    expect(form.status).toBe(400);
    expect(form.text).toContain('Likelihood must be a whole number from 1 to 5');
  });

  it('hides one organisation’s risks from another', async () => {
    const risk = (await api().get('/risks')).body.items[0];
    const apiB = w.apiClient(await w.token(w.orgB, 'editor'));
    expect((await apiB.get(`/risks/${risk.id}`)).status).toBe(404);
    expect((await apiB.patch(`/risks/${risk.id}`, { likelihood: 9 })).status).toBe(404);
    expect((await apiB.get('/risks')).body.items).toEqual([]);
    expect((await (await w.agent(w.orgB, 'viewer')).get(`/risks/${risk.id}`)).status).toBe(404);
  });
});
