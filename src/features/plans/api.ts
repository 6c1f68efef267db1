import type { Selectable } from 'kysely';
import type { ApiLoadContext, ApiRegistry } from '../../api/registry.js';
import { listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { getOwned, type Executor } from '../audit/audit.js';
import { todayInLondon } from '../../lib/dates.js';
import { agreedDate } from '../../lib/rebaseline.js';
import { hasRole } from '../../lib/roles.js';
import * as s from './schemas.js';
import { computeActionRags, getPlanSummary, type ActionRagState } from './status.js';
import { actionLinks, actionMilestones, actionUpdates, listPlans, planActions } from './queries.js';
import {
  approvePlan,
  assertCanWorkOnAction,
  deleteAction,
  deleteMilestone,
  createAction,
  createMilestone,
  createPlan,
  createUpdate,
  revisePlan,
  updateAction,
  updateMilestone,
  updatePlan,
} from './service.js';
import type { ActionsTable, ActionUpdatesTable, MilestonesTable, PlansTable } from './tables.js';

const planJson = (p: Selectable<PlansTable>) => ({
  id: p.id,
  title: p.title,
  startDate: p.startDate,
  endDate: p.endDate,
  status: p.status,
  planVersion: p.planVersion,
  previousPlanId: p.previousPlanId,
  approvalBody: p.approvalBody,
  approvalDate: p.approvalDate,
  approvalReference: p.approvalReference,
  readyToSubmit: p.readyToSubmit,
  toleranceWorkingDays: p.toleranceWorkingDays,
  version: p.version,
});

const milestoneJson = (m: Selectable<MilestonesTable>) => ({
  id: m.id,
  actionId: m.actionId,
  title: m.title,
  dueDate: m.dueDate,
  originalDueDate: m.originalDueDate ?? m.dueDate,
  agreedDueDate: agreedDate(m),
  completedDate: m.completedDate,
  evidenceNote: m.evidenceNote,
  version: m.version,
});

const updateJson = (u: Selectable<ActionUpdatesTable>) => ({
  id: u.id,
  actionId: u.actionId,
  date: u.updateDate,
  narrative: u.narrative,
  ownerRag: u.ownerRag,
  evidenceRag: u.evidenceRag,
  challenged: u.challenged,
  challengeReason: u.challengeReason,
});

export async function actionJson(db: Executor, organisationId: string, a: Selectable<ActionsTable>, today: string) {
  const [state] = await computeActionRags(db, organisationId, { actionIds: [a.id] }, today);
  const links = await actionLinks(db, organisationId, { actionId: a.id });
  return toActionJson(a, state, links(a.id));
}

function toActionJson(
  a: Selectable<ActionsTable>,
  state: ActionRagState,
  links: { findingIds: string[]; indicatorIds: string[] },
) {
  return {
    id: a.id,
    planId: a.planId,
    reference: a.reference,
    title: a.title,
    description: a.description,
    themeId: a.themeId,
    ownerId: a.ownerId,
    startDate: a.startDate,
    dueDate: a.dueDate,
    originalDueDate: a.originalDueDate ?? a.dueDate,
    agreedDueDate: agreedDate(a),
    rebaselineCount: state.rebaselines,
    successMeasures: a.successMeasures,
    status: a.status,
    evidenceRag: state.evidenceRag,
    ownerRag: a.ownerRag,
    challenged: state.challenged,
    ...links,
    version: a.version,
  };
}

export function plansApi(api: ApiRegistry, services: Services): void {
  const { db } = services;
  const today = () => todayInLondon(services.now());
  const tag = 'Improvement plans';
  // The `load` steps (ApiRoute.load): the record the path names, so another organisation's is a 404 first.
  const ownPlan = ({ user, params }: ApiLoadContext) => getOwned(db, user.organisationId, 'plans', params.id);
  const ownAction = ({ user, params }: ApiLoadContext) => getOwned(db, user.organisationId, 'actions', params.id);
  const actionToWorkOn = async (ctx: ApiLoadContext) => {
    const action = await ownAction(ctx);
    assertCanWorkOnAction(ctx.user, action);
    return action;
  };

  api.add({
    method: 'get',
    path: '/plans',
    tag,
    summary: 'List the organisation’s improvement plans (every version)',
    response: listOf(s.planOut),
    handler: async ({ user }) => ({ items: (await listPlans(db, user.organisationId)).map(planJson) }),
  });

  api.add({
    method: 'post',
    path: '/plans',
    tag,
    summary: 'Create a draft plan',
    body: s.apiPlanCreate,
    response: s.planOut,
    status: 201,
    handler: async ({ actor, body }) => planJson(await createPlan(db, actor, body)),
  });

  api.add({
    method: 'get',
    path: '/plans/:id',
    tag,
    summary: 'One plan',
    response: s.planOut,
    load: ownPlan,
    handler: async ({ record: plan }) => planJson(plan),
  });

  api.add({
    method: 'patch',
    path: '/plans/:id',
    tag,
    summary: 'Change a plan’s title, period, themes or inspections (409 if `version` is stale)',
    load: ownPlan,
    body: s.apiPlanUpdate,
    response: s.planOut,
    handler: async ({ actor, record: plan, body: { version, ...input } }) =>
      planJson(await updatePlan(db, actor, plan.id, input, version)),
  });

  api.add({
    method: 'post',
    path: '/plans/:id/approve',
    tag,
    summary: 'Record a draft’s approval (the previously approved version becomes superseded)',
    load: ownPlan,
    body: s.apiPlanApprove,
    response: s.planOut,
    handler: async ({ actor, record: plan, body: { version, ...approval } }) =>
      planJson(await approvePlan(db, actor, plan.id, approval, version)),
  });

  api.add({
    method: 'post',
    path: '/plans/:id/revisions',
    tag,
    summary: 'Start a new draft version of an approved plan, copying its actions and milestones',
    response: s.planOut,
    status: 201,
    load: ownPlan,
    handler: async ({ actor, record: plan }) => planJson(await revisePlan(db, actor, plan.id)),
  });

  api.add({
    method: 'get',
    path: '/plans/:id/summary',
    tag,
    summary: 'RAG counts (evidence and owner), challenged actions and uncovered findings',
    response: s.summaryOut,
    handler: async ({ user, params }) => getPlanSummary(db, user.organisationId, params.id, today()),
  });

  api.add({
    method: 'get',
    path: '/plans/:id/actions',
    tag,
    summary: 'The plan’s actions with evidence and owner RAG',
    response: listOf(s.actionOut),
    load: ownPlan,
    handler: async ({ user, record: plan }) => {
      const rows = await planActions(db, user.organisationId, plan.id);
      const states = await computeActionRags(db, user.organisationId, { planId: plan.id }, today());
      const links = await actionLinks(db, user.organisationId, { planId: plan.id });
      return {
        items: states.map((st) =>
          toActionJson(
            rows.find((r) => r.id === st.actionId)!,
            st,
            links(st.actionId),
          ),
        ),
      };
    },
  });

  api.add({
    method: 'post',
    path: '/plans/:id/actions',
    tag,
    summary: 'Add an action (with the findings it answers)',
    load: ownPlan,
    body: s.apiActionCreate,
    response: s.actionOut,
    status: 201,
    handler: async ({ actor, record: plan, body }) => {
      const action = await createAction(db, actor, plan.id, body, today());
      return actionJson(db, actor.organisationId, action, today());
    },
  });

  api.add({
    method: 'get',
    path: '/actions/:id',
    tag,
    summary: 'One action with its RAG',
    response: s.actionOut,
    load: ownAction,
    handler: async ({ user, record: action }) => actionJson(db, user.organisationId, action, today()),
  });

  api.add({
    method: 'patch',
    path: '/actions/:id',
    tag,
    summary:
      'Change an action (409 if `version` is stale: the other person’s change is kept). A later `dueDate` needs `rebaselineReason` (422 without); on an approved plan only an editor may move it; `acceptRebaseline` (editors) makes the evidence RAG count from the new date',
    load: ownAction,
    body: s.apiActionUpdate,
    response: s.actionOut,
    handler: async ({ actor, user, record, body: { version, rebaselineReason, acceptRebaseline, ...input } }) => {
      const rb = { isEditor: hasRole(user.role, 'editor'), rebaselineReason, acceptRebaseline };
      const action = await updateAction(db, actor, record.id, input, version, today(), rb);
      return actionJson(db, actor.organisationId, action, today());
    },
  });

  api.add({
    method: 'delete',
    path: '/actions/:id',
    tag,
    summary: 'Delete an action of a draft plan, with its milestones and updates',
    status: 204,
    handler: async ({ actor, params }) => {
      await deleteAction(db, actor, params.id);
    },
  });

  api.add({
    method: 'get',
    path: '/actions/:id/milestones',
    tag,
    summary: 'The action’s milestones',
    response: listOf(s.milestoneOut),
    load: ownAction,
    handler: async ({ user, record: action }) => ({
      items: (await actionMilestones(db, user.organisationId, action.id)).map(milestoneJson),
    }),
  });

  api.add({
    method: 'post',
    path: '/actions/:id/milestones',
    tag,
    summary: 'Add a milestone (due within the action’s dates)',
    role: 'contributor',
    load: actionToWorkOn,
    body: s.apiMilestoneCreate,
    response: s.milestoneOut,
    status: 201,
    handler: async ({ actor, record: action, body }) =>
      milestoneJson(await createMilestone(db, actor, action.id, body, today())),
  });

  api.add({
    method: 'patch',
    path: '/milestones/:id',
    tag,
    summary:
      'Change or complete a milestone (409 if `version` is stale). A later `dueDate` needs `rebaselineReason` (422 without); on an approved plan only an editor may move it (403); `acceptRebaseline` (editors) makes the evidence RAG count from the new date',
    role: 'contributor',
    load: async ({ user, params }) => {
      const milestone = await getOwned(db, user.organisationId, 'milestones', params.id);
      assertCanWorkOnAction(user, await getOwned(db, user.organisationId, 'actions', milestone.actionId));
      return milestone;
    },
    body: s.apiMilestoneUpdate,
    response: s.milestoneOut,
    handler: async ({ actor, user, record, body: { version, rebaselineReason, acceptRebaseline, ...input } }) => {
      const rb = { isEditor: hasRole(user.role, 'editor'), rebaselineReason, acceptRebaseline };
      return milestoneJson(await updateMilestone(db, actor, record.id, input, version, today(), rb));
    },
  });

  api.add({
    method: 'delete',
    path: '/milestones/:id',
    tag,
    summary: 'Delete a milestone',
    status: 204,
    handler: async ({ actor, params }) => {
      await deleteMilestone(db, actor, params.id);
    },
  });

  api.add({
    method: 'get',
    path: '/actions/:id/updates',
    tag,
    summary: 'The action’s progress updates, newest first',
    response: listOf(s.updateOut),
    load: ownAction,
    handler: async ({ user, record: action }) => ({
      items: (await actionUpdates(db, user.organisationId, action.id)).map(updateJson),
    }),
  });

  api.add({
    method: 'post',
    path: '/actions/:id/updates',
    tag,
    summary:
      'Post a progress update with the owner’s RAG (a reason is required where it is better than the evidence RAG)',
    role: 'contributor',
    load: actionToWorkOn,
    body: s.apiUpdateCreate,
    response: s.updateOut,
    status: 201,
    handler: async ({ actor, record: action, body }) =>
      updateJson(await createUpdate(db, actor, action.id, body, [], today())),
  });
}
