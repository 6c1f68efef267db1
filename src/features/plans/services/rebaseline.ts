import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { getOwned, insertAudited, updateAudited, type Actor, type Executor } from '../../audit/audit.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../lib/errors.js';
import { decideDueDateChange, type RebaselineContext } from '../../../lib/rebaseline.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { assertPlanEditable, assertVersion, refreshRag } from './rules.js';

type Db = Kysely<Database>;

/** Moving a due date later: the reason, and an editor's acceptance of the new date (ADR 0860). */
export interface RebaselineInput {
  isEditor: boolean;
  rebaselineReason?: string | null;
  acceptRebaseline?: boolean;
}

/**
 * Apply the re-baselining rule to a due-date change: the dates to store, and the record of a move
 * later (written by the caller once the row is saved). Refusals are 403 or 422 naming the field.
 */
export function dueDateDecision(
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

export async function recordRebaseline(
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
 * Save an edit of an action or a milestone under the re-baselining rule: a stale edit is a 409 before the
 * rule is judged, then `columns` are written with the due dates it decides, and a move later is recorded.
 */
export async function saveDatedEdit<T extends 'actions' | 'milestones'>(
  trx: Executor,
  actor: Actor,
  edit: {
    table: T;
    row: { id: string; version: number; dueDate: string; originalDueDate: string | null; agreedDueDate: string | null };
    /** The action itself, or the milestone's action. */
    actionId: string;
    planStatus: RebaselineContext['planStatus'];
    dueDate: string;
    columns: Record<string, unknown>;
  },
  expectedVersion: number,
  rb: RebaselineInput,
  today: string,
) {
  const { table, row } = edit;
  assertVersion(row, expectedVersion);
  const what = table === 'actions' ? 'action' : 'milestone';
  const dates = dueDateDecision(row, edit.dueDate, rb, { planStatus: edit.planStatus, what });
  const updated = await updateAudited(trx, actor, table, row.id, { ...edit.columns, ...dates.dates }, expectedVersion);
  await recordRebaseline(trx, actor, edit.actionId, table === 'milestones' ? row.id : null, dates, today);
  return updated;
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
