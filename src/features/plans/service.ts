import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  getOwned,
  isUuid,
  insertAudited,
  insertManyAudited,
  recordAudit,
  updateAudited,
  type Actor,
  type Executor,
} from '../audit/audit.js';
import { ConflictError, ForbiddenError, ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { isChallenged, ownerRatingProblem, type ActionStatus, type OwnerRag } from '../../lib/rag.js';
import { hasRole } from '../../lib/roles.js';
import { decideDueDateChange, type RebaselineContext } from '../../lib/rebaseline.js';
import { formatGovukDate } from '../../lib/dates.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { computeActionRags, syncRagHistory, type ActionScope } from './status.js';
import { planCoverage } from './coverage.js';
import type { SourceKind } from './tables.js';

type Db = Kysely<Database>;

export interface PlanInput {
  title: string;
  startDate: string;
  endDate: string;
  themes?: string[];
  inspectionIds?: string[];
  toleranceWorkingDays?: number;
}

export interface ActionInput {
  reference: string;
  title: string;
  description?: string;
  themeId?: string | null;
  ownerId?: string | null;
  startDate: string;
  dueDate: string;
  successMeasures?: string;
  status?: ActionStatus;
  findingIds?: string[];
  indicatorIds?: string[];
  sources?: { source: SourceKind; description: string }[];
}

export interface MilestoneInput {
  title: string;
  dueDate: string;
  completedDate?: string | null;
  evidenceNote?: string;
}

/** Moving a due date later: the reason, and an editor's acceptance of the new date (ADR 0860). */
export interface RebaselineInput {
  isEditor: boolean;
  rebaselineReason?: string | null;
  acceptRebaseline?: boolean;
}

export interface UpdateInput {
  date: string;
  narrative: string;
  ownerRag: OwnerRag;
  challengeReason?: string | null;
}

export interface EvidenceUpload {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Superseded versions are the record of what was agreed: they are read-only. */
export function assertPlanEditable(plan: { status: string; planVersion: number }): void {
  if (plan.status === 'superseded')
    throw new ConflictError(
      `Version ${plan.planVersion} of this plan has been superseded and can no longer be changed`,
    );
}

/** Editors change anything; a contributor only works on the actions they own. */
export function canWorkOnAction(user: Pick<CurrentUser, 'id' | 'role'>, action: { ownerId: string | null }): boolean {
  return hasRole(user.role, 'editor') || (user.role === 'contributor' && action.ownerId === user.id);
}

export function assertCanWorkOnAction(
  user: Pick<CurrentUser, 'id' | 'role'>,
  action: { ownerId: string | null },
): void {
  if (!canWorkOnAction(user, action)) throw new ForbiddenError('Only the action’s owner or an editor can do that');
}

/** Recompute and store the RAG of the actions in scope (after any write that can move it). */
export async function refreshRag(db: Executor, organisationId: string, scope: ActionScope, today: string) {
  const states = await computeActionRags(db, organisationId, scope, today);
  await syncRagHistory(db, organisationId, states, today);
  return states;
}

function checkDates(details: ErrorDetail[], start: string, end: string, endField: string, label: string) {
  if (start > end) details.push({ path: endField, message: `${label} must be on or after the start date` });
}

async function checkInspections(db: Executor, organisationId: string, ids: string[], details: ErrorDetail[]) {
  if (!ids.length) return;
  const found = await db
    .selectFrom('inspections')
    .select('id')
    .where('organisationId', '=', organisationId)
    .where('id', 'in', ids.filter(isUuid))
    .execute();
  const ok = new Set(found.map((f) => f.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length)
    details.push({
      path: 'inspectionIds',
      message: `Inspection ${bad[0]} is not one of your organisation’s inspections`,
    });
}

export async function createPlan(db: Db, actor: Actor, input: PlanInput) {
  const details: ErrorDetail[] = [];
  checkDates(details, input.startDate, input.endDate, 'endDate', 'End date');
  const themes = [...new Set((input.themes ?? []).map((t) => t.trim()).filter(Boolean))];
  return db.transaction().execute(async (trx) => {
    await checkInspections(trx, actor.organisationId, input.inspectionIds ?? [], details);
    if (details.length) throw new ValidationError(details);
    const id = crypto.randomUUID();
    const plan = await insertAudited(trx, actor, 'plans', {
      id,
      lineageId: id,
      title: input.title,
      startDate: input.startDate,
      endDate: input.endDate,
      ...(input.toleranceWorkingDays !== undefined ? { toleranceWorkingDays: input.toleranceWorkingDays } : {}),
    });
    for (const [position, name] of themes.entries())
      await insertAudited(trx, actor, 'planThemes', { planId: id, name, position });
    for (const inspectionId of new Set(input.inspectionIds ?? [])) {
      await trx
        .insertInto('planInspections')
        .values({ organisationId: actor.organisationId, planId: id, inspectionId })
        .execute();
    }
    return plan;
  });
}

export async function updatePlan(db: Db, actor: Actor, planId: string, input: PlanInput, expectedVersion: number) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    const details: ErrorDetail[] = [];
    checkDates(details, input.startDate, input.endDate, 'endDate', 'End date');
    if (input.inspectionIds) await checkInspections(trx, actor.organisationId, input.inspectionIds, details);
    if (details.length) throw new ValidationError(details);
    const updated = await updateAudited(
      trx,
      actor,
      'plans',
      planId,
      {
        title: input.title,
        startDate: input.startDate,
        endDate: input.endDate,
        ...(input.toleranceWorkingDays !== undefined ? { toleranceWorkingDays: input.toleranceWorkingDays } : {}),
      },
      expectedVersion,
    );
    if (input.themes) {
      const existing = await trx
        .selectFrom('planThemes')
        .select(['name', 'position'])
        .where('planId', '=', planId)
        .execute();
      const names = new Set(existing.map((t) => t.name.toLowerCase()));
      let position = existing.length;
      for (const name of input.themes.map((t) => t.trim()).filter(Boolean)) {
        if (names.has(name.toLowerCase())) continue;
        names.add(name.toLowerCase());
        await insertAudited(trx, actor, 'planThemes', { planId, name, position: position++ });
      }
    }
    if (input.inspectionIds) {
      await trx
        .deleteFrom('planInspections')
        .where('planId', '=', planId)
        .where('organisationId', '=', actor.organisationId)
        .execute();
      for (const inspectionId of new Set(input.inspectionIds)) {
        await trx
          .insertInto('planInspections')
          .values({ organisationId: actor.organisationId, planId, inspectionId })
          .execute();
      }
    }
    return updated;
  });
}

/** Record the approval; the lineage's previously approved version becomes superseded. */
export async function approvePlan(
  db: Db,
  actor: Actor,
  planId: string,
  approval: { approvalBody: string; approvalDate: string; approvalReference: string },
  expectedVersion: number,
) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    if (plan.status !== 'draft')
      throw new ConflictError(`Only a draft can be approved: version ${plan.planVersion} is ${plan.status}`);
    const updated = await updateAudited(
      trx,
      actor,
      'plans',
      planId,
      { status: 'approved', ...approval },
      expectedVersion,
    );
    const others = await trx
      .selectFrom('plans')
      .select('id')
      .where('organisationId', '=', actor.organisationId)
      .where('lineageId', '=', plan.lineageId)
      .where('status', '=', 'approved')
      .where('id', '!=', planId)
      .execute();
    for (const o of others) await updateAudited(trx, actor, 'plans', o.id, { status: 'superseded' });
    return updated;
  });
}

/** Mark the plan ready to submit: refused while any recommendation or area for improvement is uncovered without a reason. */
export async function setReadyToSubmit(db: Db, actor: Actor, planId: string, ready: boolean, expectedVersion: number) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    if (ready) {
      const missing = (await planCoverage(trx, actor.organisationId, planId)).filter(
        (f) => !f.actions.length && !f.reason,
      );
      if (missing.length) {
        throw new ValidationError(
          [
            {
              path: 'readyToSubmit',
              message: `${missing.length} finding${missing.length === 1 ? ' is' : 's are'} not answered by any action and ha${missing.length === 1 ? 's' : 've'} no recorded reason: link ${missing.length === 1 ? 'it' : 'them'} to an action or record why`,
            },
          ],
          'The plan is not ready to submit',
        );
      }
    }
    return updateAudited(trx, actor, 'plans', planId, { readyToSubmit: ready }, expectedVersion);
  });
}

/** `expectedVersion` is the reason's version the editor saw, 0 when there was none: any change since is a 409. */
export async function saveFindingReason(
  db: Db,
  actor: Actor,
  planId: string,
  findingId: string,
  reason: string,
  expectedVersion: number,
) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    const coverage = await planCoverage(trx, actor.organisationId, planId);
    const finding = coverage.find((f) => f.id === findingId);
    if (!finding)
      throw new ValidationError([
        { path: 'findingId', message: 'Choose a finding of an inspection this plan answers' },
      ]);
    if ((finding.reasonVersion ?? 0) !== expectedVersion) {
      throw new ConflictError(
        'Someone else changed this reason while you were editing it. Their change has been kept: review it and try again.',
      );
    }
    if (finding.reasonId) {
      if (!reason.trim()) {
        await trx.deleteFrom('planFindingReasons').where('id', '=', finding.reasonId).execute();
        await recordAudit(trx, actor, {
          action: 'delete',
          entityType: 'planFindingReasons',
          entityId: finding.reasonId,
          before: { findingId, reason: finding.reason },
        });
        return;
      }
      await updateAudited(
        trx,
        actor,
        'planFindingReasons',
        finding.reasonId,
        { reason: reason.trim() },
        expectedVersion,
      );
    } else if (reason.trim()) {
      await insertAudited(trx, actor, 'planFindingReasons', { planId, findingId, reason: reason.trim() });
    }
  });
}

async function checkActionInput(
  trx: Executor,
  organisationId: string,
  planId: string,
  input: ActionInput,
  exceptActionId: string | null,
): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  checkDates(details, input.startDate, input.dueDate, 'dueDate', 'Due date');
  let dup = trx
    .selectFrom('actions')
    .select('id')
    .where('planId', '=', planId)
    .where((eb) => eb(eb.fn('lower', ['reference']), '=', input.reference.toLowerCase()));
  if (exceptActionId) dup = dup.where('id', '!=', exceptActionId);
  if (await dup.executeTakeFirst())
    details.push({
      path: 'reference',
      message: `Reference ${input.reference} is already used by another action in this plan`,
    });
  if (input.ownerId) {
    const owner = isUuid(input.ownerId)
      ? await trx
          .selectFrom('users')
          .select('id')
          .where('id', '=', input.ownerId)
          .where('organisationId', '=', organisationId)
          .where('active', '=', true)
          .executeTakeFirst()
      : undefined;
    if (!owner) details.push({ path: 'ownerId', message: 'Choose an owner from your organisation' });
  }
  if (input.themeId) {
    const theme = isUuid(input.themeId)
      ? await trx
          .selectFrom('planThemes')
          .select('id')
          .where('id', '=', input.themeId)
          .where('planId', '=', planId)
          .executeTakeFirst()
      : undefined;
    if (!theme) details.push({ path: 'themeId', message: 'Choose one of this plan’s themes' });
  }
  const findingIds = [...new Set(input.findingIds ?? [])];
  if (findingIds.length) {
    const found = await trx
      .selectFrom('findings')
      .select('id')
      .where('organisationId', '=', organisationId)
      .where('id', 'in', findingIds.filter(isUuid))
      .execute();
    const ok = new Set(found.map((f) => f.id));
    const bad = findingIds.findIndex((id) => !ok.has(id));
    if (bad >= 0)
      details.push({
        path: `findingIds.${bad}`,
        message: `Finding ${findingIds[bad]} is not one of your organisation’s inspection findings`,
      });
  }
  const indicatorIds = [...new Set(input.indicatorIds ?? [])];
  if (indicatorIds.length) {
    const found = await trx
      .selectFrom('indicators')
      .select('id')
      .where('organisationId', '=', organisationId)
      .where('id', 'in', indicatorIds.filter(isUuid))
      .execute();
    const ok = new Set(found.map((f) => f.id));
    const bad = indicatorIds.findIndex((id) => !ok.has(id));
    if (bad >= 0)
      details.push({
        path: `indicatorIds.${bad}`,
        message: `Indicator ${indicatorIds[bad]} is not one of your organisation’s indicators`,
      });
  }
  return details;
}

async function writeActionLinks(trx: Executor, actor: Actor, actionId: string, input: ActionInput) {
  if (input.findingIds) {
    await trx
      .deleteFrom('actionFindings')
      .where('actionId', '=', actionId)
      .where('organisationId', '=', actor.organisationId)
      .execute();
    for (const findingId of new Set(input.findingIds)) {
      await trx
        .insertInto('actionFindings')
        .values({ organisationId: actor.organisationId, actionId, findingId })
        .execute();
    }
  }
  if (input.indicatorIds) {
    await trx
      .deleteFrom('actionIndicators')
      .where('actionId', '=', actionId)
      .where('organisationId', '=', actor.organisationId)
      .execute();
    for (const indicatorId of new Set(input.indicatorIds)) {
      await trx
        .insertInto('actionIndicators')
        .values({ organisationId: actor.organisationId, actionId, indicatorId })
        .execute();
    }
  }
  if (input.sources) {
    await trx
      .deleteFrom('actionSources')
      .where('actionId', '=', actionId)
      .where('organisationId', '=', actor.organisationId)
      .execute();
    for (const s of input.sources)
      if (s.description.trim())
        await insertAudited(trx, actor, 'actionSources', {
          actionId,
          source: s.source,
          description: s.description.trim(),
        });
  }
}

export async function createAction(db: Db, actor: Actor, planId: string, input: ActionInput, today: string) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    const details = await checkActionInput(trx, actor.organisationId, planId, input, null);
    if (details.length) throw new ValidationError(details);
    const action = await insertAudited(trx, actor, 'actions', {
      planId,
      reference: input.reference,
      title: input.title,
      description: input.description ?? '',
      themeId: input.themeId || null,
      ownerId: input.ownerId || null,
      startDate: input.startDate,
      dueDate: input.dueDate,
      successMeasures: input.successMeasures ?? '',
      status: input.status ?? 'not-started',
    });
    await writeActionLinks(trx, actor, action.id, input);
    await refreshRag(trx, actor.organisationId, { actionIds: [action.id] }, today);
    return action;
  });
}

export async function updateAction(
  db: Db,
  actor: Actor,
  actionId: string,
  input: ActionInput,
  expectedVersion: number,
  today: string,
  rb: RebaselineInput = { isEditor: true },
) {
  return db.transaction().execute(async (trx) => {
    const action = await getOwned(trx, actor.organisationId, 'actions', actionId);
    const plan = await getOwned(trx, actor.organisationId, 'plans', action.planId);
    assertPlanEditable(plan);
    const details = await checkActionInput(trx, actor.organisationId, action.planId, input, actionId);
    if (details.length) throw new ValidationError(details);
    assertVersion(action, expectedVersion);
    const dates = dueDateDecision(action, input.dueDate, rb, { planStatus: plan.status, what: 'action' });
    const updated = await updateAudited(
      trx,
      actor,
      'actions',
      actionId,
      {
        reference: input.reference,
        title: input.title,
        description: input.description ?? '',
        themeId: input.themeId || null,
        ownerId: input.ownerId || null,
        startDate: input.startDate,
        ...dates.dates,
        successMeasures: input.successMeasures ?? '',
        status: input.status ?? action.status,
      },
      expectedVersion,
    );
    await recordRebaseline(trx, actor, actionId, null, dates, today);
    await writeActionLinks(trx, actor, actionId, input);
    await refreshRag(trx, actor.organisationId, { actionIds: [actionId] }, today);
    return updated;
  });
}

/**
 * Apply the re-baselining rule to a due-date change: the dates to store, and the record of a move
 * later (written by the caller once the row is saved). Refusals are 403 or 422 naming the field.
 */
function dueDateDecision(
  current: { dueDate: string; originalDueDate: string | null; agreedDueDate: string | null },
  dueDate: string,
  rb: RebaselineInput,
  ctx: Omit<RebaselineContext, 'isEditor'>,
) {
  const decision = decideDueDateChange(
    current,
    { dueDate, reason: rb.rebaselineReason, accept: rb.acceptRebaseline },
    { ...ctx, isEditor: rb.isEditor },
  );
  if (!decision.ok) {
    if (decision.status === 403) throw new ForbiddenError(decision.message);
    throw new ValidationError([{ path: decision.path, message: decision.message }]);
  }
  return decision;
}

async function recordRebaseline(
  trx: Executor,
  actor: Actor,
  actionId: string,
  milestoneId: string | null,
  decision: Pick<ReturnType<typeof dueDateDecision>, 'rebaseline' | 'accepts'>,
  today: string,
) {
  if (decision.rebaseline) {
    const { fromDate, toDate, reason, accepted } = decision.rebaseline;
    await insertAudited(trx, actor, 'rebaselines', {
      actionId,
      milestoneId,
      fromDate,
      toDate,
      reason,
      requestedBy: actor.userId,
      requestedByName: actor.label,
      ...(accepted ? { acceptedByName: actor.label, acceptedOn: today } : {}),
    });
  }
  if (decision.accepts) {
    // Accepting the date accepts every move of this milestone (or action) still waiting.
    let pending = trx
      .selectFrom('rebaselines')
      .select('id')
      .where('organisationId', '=', actor.organisationId)
      .where('actionId', '=', actionId)
      .where('acceptedOn', 'is', null);
    pending = milestoneId ? pending.where('milestoneId', '=', milestoneId) : pending.where('milestoneId', 'is', null);
    for (const r of await pending.execute())
      await updateAudited(trx, actor, 'rebaselines', r.id, { acceptedByName: actor.label, acceptedOn: today });
  }
}

/**
 * An editor accepts a moved due date (from the action page): the milestone's or action's agreed date
 * becomes its due date, so the evidence RAG counts from it, and every move still waiting is accepted.
 */
export async function acceptRebaseline(db: Db, actor: Actor, rebaselineId: string, today: string) {
  return db.transaction().execute(async (trx) => {
    const move = await getOwned(trx, actor.organisationId, 'rebaselines', rebaselineId);
    if (move.acceptedOn)
      throw new ConflictError(
        `The move to ${formatGovukDate(move.toDate)} was already accepted by ${move.acceptedByName ?? 'an editor'}`,
      );
    const action = await getOwned(trx, actor.organisationId, 'actions', move.actionId);
    assertPlanEditable(await getOwned(trx, actor.organisationId, 'plans', action.planId));
    if (move.milestoneId) {
      const m = await getOwned(trx, actor.organisationId, 'milestones', move.milestoneId);
      if (m.agreedDueDate !== null) await updateAudited(trx, actor, 'milestones', m.id, { agreedDueDate: null });
    } else if (action.agreedDueDate !== null) {
      await updateAudited(trx, actor, 'actions', action.id, { agreedDueDate: null });
    }
    await recordRebaseline(trx, actor, action.id, move.milestoneId, { rebaseline: null, accepts: true }, today);
    await refreshRag(trx, actor.organisationId, { actionIds: [action.id] }, today);
  });
}

function checkMilestone(
  action: { startDate: string; dueDate: string },
  input: MilestoneInput,
  today: string,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (input.dueDate < action.startDate || input.dueDate > action.dueDate) {
    details.push({
      path: 'dueDate',
      message: `Milestone due date must be between the action’s start date (${formatGovukDate(action.startDate)}) and due date (${formatGovukDate(action.dueDate)})`,
    });
  }
  if (input.completedDate && input.completedDate > today)
    details.push({ path: 'completedDate', message: 'Completed date must be today or in the past' });
  return details;
}

export async function createMilestone(db: Db, actor: Actor, actionId: string, input: MilestoneInput, today: string) {
  return db.transaction().execute(async (trx) => {
    const action = await getOwned(trx, actor.organisationId, 'actions', actionId);
    assertPlanEditable(await getOwned(trx, actor.organisationId, 'plans', action.planId));
    const details = checkMilestone(action, input, today);
    if (details.length) throw new ValidationError(details);
    const milestone = await insertAudited(trx, actor, 'milestones', {
      actionId,
      title: input.title,
      dueDate: input.dueDate,
      completedDate: input.completedDate ?? null,
      evidenceNote: input.evidenceNote ?? '',
    });
    await refreshRag(trx, actor.organisationId, { actionIds: [actionId] }, today);
    return milestone;
  });
}

export async function updateMilestone(
  db: Db,
  actor: Actor,
  milestoneId: string,
  input: MilestoneInput,
  expectedVersion: number,
  today: string,
  rb: RebaselineInput = { isEditor: true },
) {
  return db.transaction().execute(async (trx) => {
    const milestone = await getOwned(trx, actor.organisationId, 'milestones', milestoneId);
    const action = await getOwned(trx, actor.organisationId, 'actions', milestone.actionId);
    const plan = await getOwned(trx, actor.organisationId, 'plans', action.planId);
    assertPlanEditable(plan);
    const details = checkMilestone(action, input, today);
    if (details.length) throw new ValidationError(details);
    assertVersion(milestone, expectedVersion);
    const dates = dueDateDecision(milestone, input.dueDate, rb, { planStatus: plan.status, what: 'milestone' });
    const updated = await updateAudited(
      trx,
      actor,
      'milestones',
      milestoneId,
      {
        title: input.title,
        ...dates.dates,
        completedDate: input.completedDate === undefined ? milestone.completedDate : input.completedDate,
        evidenceNote: input.evidenceNote ?? milestone.evidenceNote,
      },
      expectedVersion,
    );
    await recordRebaseline(trx, actor, action.id, milestoneId, dates, today);
    await refreshRag(trx, actor.organisationId, { actionIds: [action.id] }, today);
    return updated;
  });
}

/** A stale edit is a 409 before the re-baselining rule is judged (the same refusal `updateAudited` gives). */
function assertVersion(row: { version: number }, expectedVersion: number): void {
  if (row.version === expectedVersion) return;
  throw new ConflictError(
    'Someone else changed this record while you were editing it. Their change has been kept: review it and make your edit again.',
    [{ path: 'version', message: `You edited version ${expectedVersion}; the current version is ${row.version}` }],
  );
}

/**
 * Mark a milestone complete: its own step, confirmed by the person doing it, with the date they give
 * (never a date filled in for them).
 */
export async function completeMilestone(
  db: Db,
  actor: Actor,
  milestoneId: string,
  input: { completedDate: string; evidenceNote?: string },
  expectedVersion: number,
  today: string,
) {
  return db.transaction().execute(async (trx) => {
    const milestone = await getOwned(trx, actor.organisationId, 'milestones', milestoneId);
    const action = await getOwned(trx, actor.organisationId, 'actions', milestone.actionId);
    assertPlanEditable(await getOwned(trx, actor.organisationId, 'plans', action.planId));
    if (milestone.completedDate)
      throw new ConflictError(
        `This milestone was already marked complete on ${formatGovukDate(milestone.completedDate)}`,
      );
    if (input.completedDate > today)
      throw new ValidationError([{ path: 'completedDate', message: 'Completed date must be today or in the past' }]);
    const updated = await updateAudited(
      trx,
      actor,
      'milestones',
      milestoneId,
      {
        completedDate: input.completedDate,
        evidenceNote: input.evidenceNote?.trim() ? input.evidenceNote.trim() : milestone.evidenceNote,
      },
      expectedVersion,
    );
    await refreshRag(trx, actor.organisationId, { actionIds: [action.id] }, today);
    return updated;
  });
}

/**
 * A progress update from the owner: narrative, own RAG and evidence files. Where the owner's RAG is
 * better than the evidence RAG the update must carry a reason (the board's challenge, made routine).
 */
export async function createUpdate(
  db: Db,
  actor: Actor,
  actionId: string,
  input: UpdateInput,
  files: EvidenceUpload[],
  today: string,
) {
  return db.transaction().execute(async (trx) => {
    const action = await getOwned(trx, actor.organisationId, 'actions', actionId);
    assertPlanEditable(await getOwned(trx, actor.organisationId, 'plans', action.planId));
    const details: ErrorDetail[] = [];
    if (input.date > today) details.push({ path: 'date', message: 'Date of the update must be today or in the past' });
    const [state] = await computeActionRags(trx, actor.organisationId, { actionIds: [actionId] }, today);
    const problem = ownerRatingProblem(state.evidenceRag, input.ownerRag, input.challengeReason);
    if (problem) details.push({ path: 'challengeReason', message: problem });
    if (details.length) throw new ValidationError(details);
    const reason = input.challengeReason?.trim() || null;
    const update = await insertAudited(trx, actor, 'actionUpdates', {
      actionId,
      updateDate: input.date,
      narrative: input.narrative,
      ownerRag: input.ownerRag,
      evidenceRag: state.evidenceRag,
      challenged: isChallenged(state.evidenceRag, input.ownerRag),
      challengeReason: reason,
      authorId: actor.userId,
    });
    for (const f of files) {
      const sha256 = crypto.createHash('sha256').update(f.content).digest('hex');
      const row = await trx
        .insertInto('actionUpdateFiles')
        .values({
          organisationId: actor.organisationId,
          updateId: update.id,
          filename: f.filename,
          contentType: f.contentType,
          sizeBytes: f.content.length,
          sha256,
          content: f.content,
        })
        .returning(['id', 'filename', 'contentType', 'sizeBytes', 'sha256'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'create',
        entityType: 'actionUpdateFiles',
        entityId: row.id,
        after: row,
      });
    }
    // The action carries the owner's latest rating (the newest update by date wins).
    if (!action.lastUpdateDate || input.date >= action.lastUpdateDate) {
      await trx
        .updateTable('actions')
        .set({ ownerRag: input.ownerRag, ownerRagReason: reason, lastUpdateDate: input.date })
        .where('id', '=', actionId)
        .where('organisationId', '=', actor.organisationId)
        .execute();
    }
    await refreshRag(trx, actor.organisationId, { actionIds: [actionId] }, today);
    return update;
  });
}

/**
 * Revise a plan: a new draft version copying its themes, actions (with their milestones, links and
 * the owner's latest rating) and inspections. The old version stays as it was until the new one is approved.
 */
export async function revisePlan(db: Db, actor: Actor, planId: string) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    if (plan.status !== 'approved') throw new ConflictError('Only the approved version of a plan can be revised');
    const newer = await trx
      .selectFrom('plans')
      .select(['planVersion'])
      .where('lineageId', '=', plan.lineageId)
      .where('planVersion', '>', plan.planVersion)
      .executeTakeFirst();
    if (newer) throw new ConflictError(`Version ${newer.planVersion} of this plan already exists: work on that draft`);
    const id = crypto.randomUUID();
    const copy = await insertAudited(trx, actor, 'plans', {
      id,
      lineageId: plan.lineageId,
      planVersion: plan.planVersion + 1,
      previousPlanId: plan.id,
      title: plan.title,
      startDate: plan.startDate,
      endDate: plan.endDate,
      toleranceWorkingDays: plan.toleranceWorkingDays,
    });
    // Every copy is a record of its own with its own "create" event, so the new version's history
    // starts complete (before, the copies had none).
    const themeMap = new Map<string, string>();
    const themes = await trx
      .selectFrom('planThemes')
      .selectAll()
      .where('planId', '=', planId)
      .orderBy('position')
      .execute();
    for (const t of themes) {
      const nt = await insertAudited(trx, actor, 'planThemes', { planId: id, name: t.name, position: t.position });
      themeMap.set(t.id, nt.id);
    }
    await trx
      .insertInto('planInspections')
      .columns(['organisationId', 'planId', 'inspectionId'])
      .expression((eb) =>
        eb
          .selectFrom('planInspections')
          .select([eb.val(actor.organisationId).as('organisationId'), eb.val(id).as('planId'), 'inspectionId'])
          .where('planId', '=', planId),
      )
      .execute();
    const actions = await trx.selectFrom('actions').selectAll().where('planId', '=', planId).execute();
    for (const a of actions) {
      const na = await insertAudited(trx, actor, 'actions', {
        planId: id,
        themeId: a.themeId ? (themeMap.get(a.themeId) ?? null) : null,
        reference: a.reference,
        title: a.title,
        description: a.description,
        ownerId: a.ownerId,
        startDate: a.startDate,
        dueDate: a.dueDate,
        originalDueDate: a.originalDueDate,
        agreedDueDate: a.agreedDueDate,
        successMeasures: a.successMeasures,
        status: a.status,
        ownerRag: a.ownerRag,
        ownerRagReason: a.ownerRagReason,
        lastUpdateDate: a.lastUpdateDate,
      });
      // A new version keeps each date's first value, the date last agreed and every re-baselining, so
      // slippage cannot be hidden by starting a new version.
      const milestones = await trx
        .selectFrom('milestones')
        .selectAll()
        .where('actionId', '=', a.id)
        .orderBy('id')
        .execute();
      const copied = await insertManyAudited(
        trx,
        actor,
        'milestones',
        milestones.map((m) => ({
          actionId: na.id,
          title: m.title,
          dueDate: m.dueDate,
          originalDueDate: m.originalDueDate,
          agreedDueDate: m.agreedDueDate,
          completedDate: m.completedDate,
          evidenceNote: m.evidenceNote,
        })),
      );
      const milestoneMap = new Map(milestones.map((m, i) => [m.id, copied[i].id]));
      const moves = await trx
        .selectFrom('rebaselines')
        .selectAll()
        .where('actionId', '=', a.id)
        .where('organisationId', '=', actor.organisationId)
        .execute();
      await insertManyAudited(
        trx,
        actor,
        'rebaselines',
        moves.map(({ id: _id, version: _v, organisationId: _o, updatedAt: _u, ...rest }) => ({
          ...rest,
          actionId: na.id,
          milestoneId: rest.milestoneId ? (milestoneMap.get(rest.milestoneId) ?? null) : null,
        })),
      );
      await trx
        .insertInto('actionFindings')
        .columns(['organisationId', 'actionId', 'findingId'])
        .expression((eb) =>
          eb
            .selectFrom('actionFindings')
            .select([eb.val(actor.organisationId).as('organisationId'), eb.val(na.id).as('actionId'), 'findingId'])
            .where('actionId', '=', a.id),
        )
        .execute();
      await trx
        .insertInto('actionIndicators')
        .columns(['organisationId', 'actionId', 'indicatorId'])
        .expression((eb) =>
          eb
            .selectFrom('actionIndicators')
            .select([eb.val(actor.organisationId).as('organisationId'), eb.val(na.id).as('actionId'), 'indicatorId'])
            .where('actionId', '=', a.id),
        )
        .execute();
      const sources = await trx.selectFrom('actionSources').selectAll().where('actionId', '=', a.id).execute();
      await insertManyAudited(
        trx,
        actor,
        'actionSources',
        sources.map((src) => ({ actionId: na.id, source: src.source, description: src.description })),
      );
    }
    return copy;
  });
}
