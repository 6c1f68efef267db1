import request from 'supertest';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, postForm, type World } from '../../../test/support/world.js';

// Wednesday 4 June 2025. The milestone was due Thursday 1 May 2025: 23 working days ago (bank holidays
// 5 and 26 May skipped), beyond the plan's tolerance of 10, so the evidence says red.
const NOW = new Date('2025-06-04T10:00:00Z');

describe('re-baselining a due date is a recorded decision (ADR 0860)', () => {
  let w: World;
  let editor: string;
  let owner: string;
  const api = (method: 'get' | 'post' | 'patch', path: string, t: string) =>
    request(w.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${t}`);
  const text = (html: string) => parse(html).textContent.replace(/\s+/g, ' ');
  const milestone = (milestoneId: string) =>
    w.services.db.selectFrom('milestones').selectAll().where('id', '=', milestoneId).executeTakeFirstOrThrow();
  /** The milestone's due date moved over the API by `t`'s holder, as an edit of the milestone as it now is. */
  const moveMilestone = async (milestoneId: string, t: string, dueDate: string, rebaselineReason?: string) => {
    const m = await milestone(milestoneId);
    return api('patch', `/milestones/${milestoneId}`, t).send({
      title: m.title,
      dueDate,
      rebaselineReason,
      version: m.version,
    });
  };

  /** Each test's own approved plan: one action owned by the contributor, its milestone due 1 May 2025. */
  async function approvedPlan() {
    const plan = await api('post', '/plans', editor).send({
      title: 'Improvement plan',
      startDate: '2025-04-01',
      endDate: '2027-03-31',
    });
    const planId: string = plan.body.id;
    const action = await api('post', `/plans/${planId}/actions`, editor).send({
      reference: '1.1',
      title: 'Recruit permanent social workers',
      startDate: '2025-04-01',
      dueDate: '2026-03-31',
      status: 'in-progress',
      ownerId: w.orgA.users.contributor.id,
    });
    const actionId: string = action.body.id;
    const milestoneId: string = (
      await api('post', `/actions/${actionId}/milestones`, editor).send({
        title: 'Agency staff below 25%',
        dueDate: '2025-05-01',
      })
    ).body.id;
    const approved = await api('post', `/plans/${planId}/approve`, editor).send({
      approvalBody: 'Cabinet',
      approvalDate: '2025-04-20',
      version: plan.body.version,
    });
    expect(approved.status).toBe(200);
    return { planId, actionId, milestoneId };
  }

  beforeAll(async () => {
    w = await createWorld({ now: () => NOW });
    editor = await w.token(w.orgA, 'editor');
    owner = await w.token(w.orgA, 'contributor');
  }, 60_000);
  afterAll(() => w.close());

  it('is red before anyone moves the date', async () => {
    const { actionId } = await approvedPlan();
    expect((await api('get', `/actions/${actionId}`, editor)).body.evidenceRag).toBe('red');
  });

  it('refuses the owner moving a milestone on an approved plan (403), even with a reason', async () => {
    const { milestoneId } = await approvedPlan();
    const res = await moveMilestone(milestoneId, owner, '2025-12-31', 'Recruitment slipped');
    expect(res.status).toBe(403);
    expect((await milestone(milestoneId)).dueDate).toBe('2025-05-01');
  });

  it('refuses a later date without a reason (422 naming rebaselineReason)', async () => {
    const { milestoneId } = await approvedPlan();
    const res = await moveMilestone(milestoneId, editor, '2025-12-31');
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      {
        path: 'rebaselineReason',
        message: 'Give a reason for moving the due date from 1 May 2025 to 31 December 2025',
      },
    ]);
    expect((await milestone(milestoneId)).dueDate).toBe('2025-05-01');
  });

  it('the edit forms: the owner’s move is refused against the due date, an editor’s is said to be a re-baselining', async () => {
    const { actionId, milestoneId } = await approvedPlan();
    const page = `/milestones/${milestoneId}/edit`;
    const fields = { title: 'Agency staff below 25%', dueDate: '2025-12-31', version: '1' };
    const refused = await postForm(await w.agent(w.orgA, 'contributor'), page, page, {
      ...fields,
      rebaselineReason: 'Recruitment slipped',
    });
    expect(refused.status).toBe(403);
    expect(parse(refused.text).querySelector('#dueDate')?.textContent).toContain(
      'The plan is approved, so only an editor can move this milestone’s due date: ask an editor to re-baseline it',
    );
    expect((await milestone(milestoneId)).dueDate).toBe('2025-05-01');

    const agent = await w.agent(w.orgA, 'editor');
    const noReason = await postForm(agent, page, page, fields);
    expect(noReason.status).toBe(400);
    expect(text(noReason.text)).toContain('Give a reason for moving the due date from 1 May 2025 to 31 December 2025');
    const moved = await postForm(agent, page, page, { ...fields, rebaselineReason: 'Recruitment slipped' });
    expect(moved.status).toBe(302);
    expect(moved.headers.location).toBe(`/actions/${actionId}#milestones`);
    expect(text((await agent.get(`/actions/${actionId}`)).text)).toContain(
      'Milestone “Agency staff below 25%” has been re-baselined to 31 December 2025. The reason is recorded in the action’s history.',
    );
    const kept = await postForm(agent, page, page, { ...fields, title: 'Agency staff below 20%', version: '2' });
    expect(kept.status).toBe(302);
    expect(text((await agent.get(`/actions/${actionId}`)).text)).toContain(
      'Milestone “Agency staff below 20%” has been saved.',
    );

    const actionPage = `/actions/${actionId}/edit`;
    const action = {
      reference: '1.1',
      title: 'Recruit permanent social workers',
      startDate: '2025-04-01',
      dueDate: '2026-06-30',
      status: 'in-progress',
      ownerId: w.orgA.users.contributor.id,
      rebaselineReason: 'Board agreed a longer timetable',
      version: '1',
    };
    expect((await postForm(agent, actionPage, actionPage, action)).status).toBe(302);
    expect(text((await agent.get(`/actions/${actionId}`)).text)).toContain(
      'Action 1.1 has been re-baselined to 30 June 2026. The reason is recorded in its history.',
    );
  });

  it('one move from start to new version: moved with a reason, shown, accepted, the action moved too, in the board pack, kept by version 2', async () => {
    const { planId, actionId, milestoneId } = await approvedPlan();
    // Moves the date with a reason, keeps the original and the RAG stays red until accepted.
    const res = await moveMilestone(
      milestoneId,
      editor,
      '2025-12-31',
      'Recruitment campaign re-run after no applicants',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dueDate: '2025-12-31',
      originalDueDate: '2025-05-01',
      agreedDueDate: '2025-05-01',
    });
    const action = await api('get', `/actions/${actionId}`, editor);
    expect(action.body).toMatchObject({ evidenceRag: 'red', rebaselineCount: 1 });
    const summary = await api('get', `/plans/${planId}/summary`, editor);
    expect(summary.body.overdueMilestones).toBe(1);

    // Shows the move and its reason on the action page and “re-baselined once” on the plan.
    const agent = await w.agent(w.orgA, 'viewer');
    const page = text((await agent.get(`/actions/${actionId}`)).text);
    expect(page).toContain('Recruitment campaign re-run after no applicants');
    expect(page).toContain('originally 1 May 2025; re-baselined once; RAG counts from 1 May 2025 until accepted');
    expect(page).toContain('Not yet accepted');
    expect(page).toContain('against its agreed date of 1 May 2025 (moved to 31 December 2025, not yet accepted)');
    const plan = text((await agent.get(`/plans/${planId}`)).text);
    expect(plan).toContain('re-baselined once (1 not yet accepted)');

    // An editor accepts the new date from the action page: the RAG counts from it.
    const editorAgent = await w.agent(w.orgA, 'editor');
    const move = await w.services.db
      .selectFrom('rebaselines')
      .selectAll()
      .where('actionId', '=', actionId)
      .executeTakeFirstOrThrow();
    const accept = await postForm(editorAgent, `/actions/${actionId}`, `/rebaselines/${move.id}/accept`, {});
    expect(accept.status).toBe(302);
    expect((await milestone(milestoneId)).agreedDueDate).toBeNull();
    expect((await api('get', `/actions/${actionId}`, editor)).body).toMatchObject({
      evidenceRag: 'green',
      rebaselineCount: 1,
    });
    const accepted = await w.services.db
      .selectFrom('rebaselines')
      .selectAll()
      .where('id', '=', move.id)
      .executeTakeFirstOrThrow();
    expect(accepted).toMatchObject({ acceptedOn: '2025-06-04', acceptedByName: 'alpha editor' });

    // Re-baselines the action’s own due date only with a reason, and counts both moves.
    const a = await api('get', `/actions/${actionId}`, editor);
    const body = {
      reference: '1.1',
      title: a.body.title,
      startDate: '2025-04-01',
      dueDate: '2026-09-30',
      status: 'in-progress',
      version: a.body.version,
    };
    expect((await api('patch', `/actions/${actionId}`, editor).send(body)).status).toBe(422);
    const ok = await api('patch', `/actions/${actionId}`, editor).send({
      ...body,
      rebaselineReason: 'Board agreed a longer timetable',
      acceptRebaseline: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      dueDate: '2026-09-30',
      originalDueDate: '2026-03-31',
      agreedDueDate: '2026-09-30',
      rebaselineCount: 2,
    });
    expect(text((await (await w.agent(w.orgA, 'viewer')).get(`/plans/${planId}`)).text)).toContain(
      're-baselined 2 times',
    );

    // Lists every move with its reason in the board pack, and counts it beside the due date.
    const pack = await api('post', '/reports', editor).send({ type: 'improvement-board-pack', planId, format: 'html' });
    expect(pack.status).toBe(200);
    const packPage = text(pack.text);
    expect(packPage).toContain('Due dates moved later (re-baselined)');
    expect(packPage).toContain('Recruitment campaign re-run after no applicants');
    expect(packPage).toContain('30 September 2026 (originally 31 March 2026; re-baselined 2 times)');

    // A new version keeps the original dates and every move.
    const v2 = await api('post', `/plans/${planId}/revisions`, editor);
    expect(v2.status).toBe(201);
    const actions = await api('get', `/plans/${v2.body.id}/actions`, editor);
    expect(actions.body.items[0]).toMatchObject({ originalDueDate: '2026-03-31', rebaselineCount: 2 });
    const ms = await api('get', `/actions/${actions.body.items[0].id}/milestones`, editor);
    expect(ms.body.items[0]).toMatchObject({ dueDate: '2025-12-31', originalDueDate: '2025-05-01' });
  });
});

describe('completing a milestone is its own confirmed step', () => {
  let w: World;

  /** Each test's own milestone, on an action the contributor owns. */
  async function ownMilestone() {
    const t = await w.token(w.orgA, 'editor');
    const api = (method: 'post', path: string) =>
      request(w.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${t}`);
    const plan = await api('post', '/plans').send({ title: 'Plan', startDate: '2025-04-01', endDate: '2027-03-31' });
    const actionId: string = (
      await api('post', `/plans/${plan.body.id}/actions`).send({
        reference: '1',
        title: 'A',
        startDate: '2025-04-01',
        dueDate: '2026-03-31',
        ownerId: w.orgA.users.contributor.id,
      })
    ).body.id;
    return (await api('post', `/actions/${actionId}/milestones`).send({ title: 'Audit done', dueDate: '2025-05-30' }))
      .body.id as string;
  }

  beforeAll(async () => {
    w = await createWorld({ now: () => NOW });
  }, 60_000);
  afterAll(() => w.close());

  it('the edit form has no completed date, and the old “complete” link leads to the confirmation with empty date boxes', async () => {
    const milestoneId = await ownMilestone();
    const agent = await w.agent(w.orgA, 'contributor');
    const edit = await agent.get(`/milestones/${milestoneId}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).not.toContain('completedDate');
    const old = await agent.get(`/milestones/${milestoneId}/edit?complete=yes`);
    expect(old.status).toBe(302);
    expect(old.headers.location).toBe(`/milestones/${milestoneId}/complete`);
    const confirm = parse((await agent.get(`/milestones/${milestoneId}/complete`)).text);
    expect(confirm.querySelector('h1')?.textContent).toBe('Mark “Audit done” as complete');
    for (const part of ['completedDate', 'completedDate-month', 'completedDate-year'])
      expect(confirm.querySelector(`#${part}`)?.getAttribute('value') ?? '').toBe('');
  });

  it('refuses an empty date, then records the date given', async () => {
    const milestoneId = await ownMilestone();
    const agent = await w.agent(w.orgA, 'contributor');
    const page = `/milestones/${milestoneId}/complete`;
    const version = '1';
    const empty = await postForm(agent, page, page, {
      'completedDate-day': '',
      'completedDate-month': '',
      'completedDate-year': '',
      version,
    });
    expect(empty.status).toBe(400);
    expect(parse(empty.text).querySelector('.govuk-error-summary')?.textContent).toContain(
      'Enter the date it was completed',
    );
    const _csrf = await csrfFrom(agent, page);
    const ok = await agent
      .post(page)
      .type('form')
      .send({ _csrf, 'completedDate-day': '2', 'completedDate-month': '6', 'completedDate-year': '2025', version });
    expect(ok.status).toBe(302);
    const m = await w.services.db
      .selectFrom('milestones')
      .select('completedDate')
      .where('id', '=', milestoneId)
      .executeTakeFirstOrThrow();
    expect(m.completedDate).toBe('2025-06-02');
  });
});
