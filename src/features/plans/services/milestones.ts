import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { deleteAudited, getOwned, insertAudited, updateAudited, type Actor } from '../../audit/audit.js';
import { ConflictError, ValidationError, type ErrorDetail } from '../../../lib/errors.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { assertPlanEditable, refreshRag } from './rules.js';
import { saveDatedEdit, type RebaselineInput } from './rebaseline.js';

type Db = Kysely<Database>;

export interface MilestoneInput {
  title: string;
  dueDate: string;
  completedDate?: string | null;
  evidenceNote?: string;
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
    const updated = await saveDatedEdit(
      trx,
      actor,
      {
        table: 'milestones',
        row: milestone,
        actionId: action.id,
        planStatus: plan.status,
        dueDate: input.dueDate,
        columns: {
          title: input.title,
          completedDate: input.completedDate === undefined ? milestone.completedDate : input.completedDate,
          evidenceNote: input.evidenceNote ?? milestone.evidenceNote,
        },
      },
      expectedVersion,
      rb,
      today,
    );
    await refreshRag(trx, actor.organisationId, { actionIds: [action.id] }, today);
    return updated;
  });
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

export async function deleteMilestone(db: Db, actor: Actor, milestoneId: string) {
  const milestone = await getOwned(db, actor.organisationId, 'milestones', milestoneId);
  const action = await getOwned(db, actor.organisationId, 'actions', milestone.actionId);
  assertPlanEditable(await getOwned(db, actor.organisationId, 'plans', action.planId));
  await db.transaction().execute((trx) => deleteAudited(trx, actor, 'milestones', milestoneId));
}
