import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectionWithFindings } from '../../../test/support/plans.js';
import { createWorld, type World } from '../../../test/support/world.js';

// Wednesday 4 June 2025; Monday 26 May 2025 is a bank holiday (in the calendar snapshot).
const NOW = new Date('2025-06-04T10:00:00Z');

describe('plans API', () => {
  let w: World;
  let token: string;
  let ownerToken: string;
  let findingIds: string[];
  let foreignFindingId: string;
  const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string, t = token) =>
    request(w.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${t}`);

  let inspectionId: string;
  beforeAll(async () => {
    w = await createWorld({ now: () => NOW });
    token = await w.token(w.orgA, 'editor');
    ownerToken = await w.token(w.orgA, 'contributor');
    const a = await inspectionWithFindings(w.services.db, w.orgA.id, 3);
    inspectionId = a.inspectionId;
    findingIds = a.ids;
    foreignFindingId = (await inspectionWithFindings(w.services.db, w.orgB.id, 1)).ids[0];
  });
  afterAll(() => w.close());

  /** Each test's own draft plan with action 1.1, owned by the contributor and due 31 December 2025. */
  async function planWithAction() {
    const plan = await api('post', '/plans').send({ title: 'Plan', startDate: '2025-04-01', endDate: '2027-03-31' });
    const action = await api('post', `/plans/${plan.body.id}/actions`).send({
      reference: '1.1',
      title: 'Strengthen management oversight',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
      ownerId: w.orgA.users.contributor.id,
    });
    expect([plan.status, action.status]).toEqual([201, 201]);
    return { planId: plan.body.id as string, actionId: action.body.id as string };
  }

  it('one plan from creation to version 2: listed, an action covering a finding, its RAG from milestones, a challenged owner rating, approved, revised and superseded', async () => {
    // Creates a plan and lists it.
    const res = await api('post', '/plans').send({
      title: 'Improvement plan 2025–27',
      startDate: '2025-04-01',
      endDate: '2027-03-31',
      themes: ['Our practice'],
      inspectionIds: [inspectionId],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Improvement plan 2025–27', status: 'draft', planVersion: 1, version: 1 });
    const planId: string = res.body.id;
    const list = await api('get', '/plans');
    const orgPlans = await w.services.db
      .selectFrom('plans')
      .select('id')
      .where('organisationId', '=', w.orgA.id)
      .execute();
    expect(list.body.items.map((p: { id: string }) => p.id).sort()).toEqual(orgPlans.map((p) => p.id).sort());
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(planId);

    // Adds an action linked to findings, and reports uncovered findings in the summary.
    const before = await api('get', `/plans/${planId}/summary`);
    expect(before.body.uncoveredFindings.sort()).toEqual([findingIds[0], findingIds[1]].sort());
    const added = await api('post', `/plans/${planId}/actions`).send({
      reference: '1.1',
      title: 'Strengthen management oversight',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
      ownerId: w.orgA.users.contributor.id,
      findingIds: [findingIds[0]],
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      reference: '1.1',
      status: 'not-started',
      evidenceRag: 'not-started',
      ownerRag: null,
      challenged: false,
      findingIds: [findingIds[0]],
    });
    const actionId: string = added.body.id;
    const after = await api('get', `/plans/${planId}/summary`);
    expect(after.body).toEqual({
      actions: 1,
      rag: {
        evidence: { red: 0, amber: 0, green: 0, complete: 0, 'not-started': 1 },
        owner: { red: 0, amber: 0, green: 0, complete: 0, none: 1 },
      },
      challenged: 0,
      overdueMilestones: 0,
      uncoveredFindings: [findingIds[1]],
    });

    // Turns amber when a milestone is overdue within tolerance, then red beyond it.
    await api('patch', `/actions/${actionId}`).send({
      reference: '1.1',
      title: 'Strengthen management oversight',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
      ownerId: w.orgA.users.contributor.id,
      status: 'in-progress',
      version: 1,
    });
    // due Wed 28 May → 5 working days overdue on 4 June (tolerance 10) → amber
    const m = await api('post', `/actions/${actionId}/milestones`).send({
      title: 'Audit tool agreed',
      dueDate: '2025-05-28',
    });
    expect(m.status).toBe(201);
    expect((await api('get', `/actions/${actionId}`)).body.evidenceRag).toBe('amber');
    // due Fri 16 May → (26 May holiday) 12 working days overdue → red
    await api('post', `/actions/${actionId}/milestones`).send({ title: 'Training delivered', dueDate: '2025-05-16' });
    expect((await api('get', `/actions/${actionId}`)).body.evidenceRag).toBe('red');

    // Requires a reason when the owner rates the action better than the evidence, then shows it challenged.
    const noReason = await api('post', `/actions/${actionId}/updates`, ownerToken).send({
      date: '2025-06-03',
      narrative: 'Training moved to July',
      ownerRag: 'amber',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details).toEqual([
      { path: 'challengeReason', message: 'The evidence rates this action red. Give a reason for rating it amber' },
    ]);
    const badRag = await api('post', `/actions/${actionId}/updates`, ownerToken).send({
      date: '2025-06-03',
      narrative: 'x',
      ownerRag: 'purple',
    });
    expect(badRag.status).toBe(422);
    expect(badRag.body.error.details[0].path).toBe('ownerRag');
    const ok = await api('post', `/actions/${actionId}/updates`, ownerToken).send({
      date: '2025-06-03',
      narrative: 'Training moved to July',
      ownerRag: 'amber',
      challengeReason: 'Trainer booked for 2 July',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      ownerRag: 'amber',
      evidenceRag: 'red',
      challenged: true,
      challengeReason: 'Trainer booked for 2 July',
    });
    const summary = await api('get', `/plans/${planId}/summary`);
    expect(summary.body.challenged).toBe(1);
    expect(summary.body.rag.evidence.red).toBe(1);
    expect(summary.body.rag.owner.amber).toBe(1);
    expect(summary.body.overdueMilestones).toBe(2);
    const history = await w.services.db
      .selectFrom('actionRagHistory')
      .select(['evidenceRag', 'ownerRag', 'challenged'])
      .where('actionId', '=', actionId)
      .execute();
    expect(history).toEqual([{ evidenceRag: 'red', ownerRag: 'amber', challenged: true }]);

    // Approves, revises into version 2 and supersedes version 1 on approving it.
    // Version 2 copies every action: here a second one, 1.2, beside the challenged 1.1.
    await api('post', `/plans/${planId}/actions`).send({
      reference: '1.2',
      title: 'Someone else’s',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
    });
    const plan = (await api('get', `/plans/${planId}`)).body;
    const approved = await api('post', `/plans/${planId}/approve`).send({
      approvalBody: 'Cabinet',
      approvalDate: '2025-06-02',
      approvalReference: 'CAB/2025/14',
      version: plan.version,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const v2 = await api('post', `/plans/${planId}/revisions`);
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ planVersion: 2, status: 'draft', previousPlanId: planId });
    const actions = await api('get', `/plans/${v2.body.id}/actions`);
    expect(actions.body.items.map((a: { reference: string }) => a.reference)).toEqual(['1.1', '1.2']);
    expect(actions.body.items[0]).toMatchObject({
      evidenceRag: 'red',
      ownerRag: 'amber',
      challenged: true,
      findingIds: [findingIds[0]],
    });
    expect((await api('post', `/plans/${planId}/revisions`)).status).toBe(409);
    await api('post', `/plans/${v2.body.id}/approve`).send({
      approvalBody: 'Cabinet',
      approvalDate: '2025-06-03',
      version: v2.body.version,
    });
    expect((await api('get', `/plans/${planId}`)).body.status).toBe('superseded');
    const edit = await api('post', `/plans/${planId}/actions`).send({
      reference: '9.9',
      title: 'Late',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
    });
    expect(edit.status).toBe(409);
  });

  it('refuses a plan that ends before it starts, naming the field', async () => {
    const res = await api('post', '/plans').send({ title: 'x', startDate: '2025-04-01', endDate: '2025-03-31' });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { path: 'endDate', message: 'End date must be on or after the start date' },
    ]);
  });

  it.each([
    [
      'a duplicate reference',
      { reference: '1.1' },
      'reference',
      'Reference 1.1 is already used by another action in this plan',
    ],
    ['an owner from another organisation', { ownerId: 'OWNER_B' }, 'ownerId', 'Choose an owner from your organisation'],
    [
      'a finding from another organisation',
      { findingIds: ['FOREIGN'] },
      'findingIds.0',
      'is not one of your organisation’s inspection findings',
    ],
    ['an unparseable date', { dueDate: '31/12/2025' }, 'dueDate', 'Due date must be a date in the format YYYY-MM-DD'],
    [
      'an unknown status',
      { status: 'paused' },
      'status',
      'Status must be one of not-started, in-progress, complete, closed',
    ],
  ])('refuses %s with 422 naming the field, saving nothing', async (_label, patch, path, message) => {
    const { planId } = await planWithAction();
    const body: Record<string, unknown> = {
      reference: '1.2',
      title: 'Another',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
      ...patch,
    };
    if (body.ownerId === 'OWNER_B') body.ownerId = w.orgB.users.editor.id;
    if (Array.isArray(body.findingIds)) body.findingIds = [foreignFindingId];
    const res = await api('post', `/plans/${planId}/actions`).send(body);
    expect(res.status).toBe(422);
    const detail = res.body.error.details.find((d: { path: string }) => d.path === path);
    expect(detail?.message).toContain(message);
    const count = await w.services.db
      .selectFrom('actions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('planId', '=', planId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses a milestone due outside the action’s dates', async () => {
    const { actionId } = await planWithAction();
    const res = await api('post', `/actions/${actionId}/milestones`).send({ title: 'Too late', dueDate: '2026-01-15' });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toEqual({
      path: 'dueDate',
      message:
        'Milestone due date must be between the action’s start date (1 April 2025) and due date (31 December 2025)',
    });
  });

  it('refuses a stale edit with 409 and keeps the other person’s change', async () => {
    const { actionId } = await planWithAction();
    const current = (await api('get', `/actions/${actionId}`)).body;
    const body = {
      reference: '1.1',
      title: 'First editor’s title',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
      status: 'in-progress',
      version: current.version,
    };
    expect((await api('patch', `/actions/${actionId}`).send(body)).status).toBe(200);
    const stale = await api('patch', `/actions/${actionId}`).send({ ...body, title: 'Second editor’s title' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await api('get', `/actions/${actionId}`)).body.title).toBe('First editor’s title');
  });

  it('lets a contributor update only the actions they own', async () => {
    const { planId } = await planWithAction();
    const other = await api('post', `/plans/${planId}/actions`).send({
      reference: '1.2',
      title: 'Someone else’s',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
    });
    const res = await api('post', `/actions/${other.body.id}/updates`, ownerToken).send({
      date: '2025-06-03',
      narrative: 'x',
      ownerRag: 'green',
    });
    expect(res.status).toBe(403);
  });

  it('answers 404 for another organisation’s plan and action, even with an empty body', async () => {
    const { planId, actionId } = await planWithAction();
    const tokenB = await w.token(w.orgB, 'editor');
    for (const [method, path] of [
      ['get', `/plans/${planId}/summary`],
      ['post', `/plans/${planId}/actions`],
      ['post', `/actions/${actionId}/milestones`],
      ['post', `/actions/${actionId}/updates`],
      ['patch', `/actions/${actionId}`],
    ] as const) {
      const res = await api(method, path, tokenB).send({});
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it('takes linked indicators into the evidence RAG (off target and worsening → red)', async () => {
    const { planId } = await planWithAction();
    const ind = await w.services.db
      .insertInto('indicators')
      .values({
        organisationId: w.orgA.id,
        key: 'timely-assessments',
        name: 'Assessments within 45 working days',
        unit: 'percent',
        polarity: 'higher-is-better',
        frequency: 'monthly',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [period, value] of [
      ['2025-01', 80],
      ['2025-02', 70],
      ['2025-03', 60],
      ['2025-04', 50],
    ] as const) {
      await w.services.db
        .insertInto('indicatorValues')
        .values({
          organisationId: w.orgA.id,
          indicatorId: ind.id,
          period,
          value,
          source: 'manual',
          recordedBy: 'test',
          provenance: null,
        })
        .execute();
      await w.services.db
        .insertInto('indicatorTargets')
        .values({
          organisationId: w.orgA.id,
          indicatorId: ind.id,
          kind: 'period',
          period,
          value: 90,
          startPeriod: null,
          startValue: null,
          endPeriod: null,
          endValue: null,
        })
        .execute();
    }
    const { getIndicatorStatuses } = await import('../indicators/status.js');
    const status = (await getIndicatorStatuses(w.services.db, w.orgA.id, [ind.id])).get(ind.id)!;
    expect([status.rag, status.trend]).toEqual(['red', 'worsening']);
    const created = await api('post', `/plans/${planId}/actions`).send({
      reference: '5.1',
      title: 'Timely assessments',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
      status: 'in-progress',
      indicatorIds: [ind.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ evidenceRag: 'red', indicatorIds: [ind.id] });
    const foreign = await api('post', `/plans/${planId}/actions`).send({
      reference: '5.2',
      title: 'x',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
      indicatorIds: [w.orgB.id],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details[0].path).toBe('indicatorIds.0');
    expect((await api('delete', `/actions/${created.body.id}`)).status).toBe(204);
  });
});
