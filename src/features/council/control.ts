import type { Executor, Actor } from '../audit/audit.js';
import { deleteAudited, insertAudited, updateAudited } from '../audit/audit.js';
import { requireVersion } from '../../lib/validation.js';
import { ValidationError } from '../../lib/errors.js';
import type { EvidenceRag } from '../../lib/rag.js';

export interface ControlNote {
  id: string;
  actionId: string;
  reason: string;
  markedByName: string;
  markedOn: string;
  version: number;
}

export const CONTROL_REASON_MAX = 2000;

/**
 * Only a red or amber can be "outside our control": the note explains a rating, so there must be a
 * rating that needs explaining. It never changes the rating (ADR 0840).
 */
export function controlNoteProblem(evidenceRag: EvidenceRag, reason: string): string | null {
  if (evidenceRag !== 'red' && evidenceRag !== 'amber')
    return 'Only an action rated red or amber on the evidence can be marked as outside our control';
  if (!reason.trim()) return 'Enter the reason this is outside the council’s control';
  if (reason.length > CONTROL_REASON_MAX)
    return `The reason must be ${CONTROL_REASON_MAX.toLocaleString('en-GB')} characters or fewer`;
  return null;
}

const COLUMNS = ['id', 'actionId', 'reason', 'markedByName', 'markedOn', 'version'] as const;

export async function loadControlNotes(
  db: Executor,
  organisationId: string,
  actionIds: string[],
): Promise<Map<string, ControlNote>> {
  if (!actionIds.length) return new Map();
  const rows = await db
    .selectFrom('actionControlNotes')
    .select(COLUMNS)
    .where('organisationId', '=', organisationId)
    .where('actionId', 'in', actionIds)
    .execute();
  return new Map(rows.map((r) => [r.actionId, r]));
}

export async function loadPlanControlNotes(
  db: Executor,
  organisationId: string,
  planId: string,
): Promise<Map<string, ControlNote>> {
  const rows = await db
    .selectFrom('actionControlNotes')
    .innerJoin('actions', 'actions.id', 'actionControlNotes.actionId')
    .select(COLUMNS.map((c) => `actionControlNotes.${c}` as const))
    .where('actionControlNotes.organisationId', '=', organisationId)
    .where('actions.planId', '=', planId)
    .execute();
  return new Map(rows.map((r) => [r.actionId, r]));
}

/** Mark (or re-word) an action's red or amber as outside our control. */
export async function markOutsideControl(
  trx: Executor,
  actor: Actor,
  actionId: string,
  evidenceRag: EvidenceRag,
  reason: string,
  today: string,
  expectedVersion?: number,
): Promise<ControlNote> {
  const problem = controlNoteProblem(evidenceRag, reason);
  if (problem) throw new ValidationError([{ path: 'reason', message: problem }]);
  const existing = await trx
    .selectFrom('actionControlNotes')
    .select(COLUMNS)
    .where('organisationId', '=', actor.organisationId)
    .where('actionId', '=', actionId)
    .executeTakeFirst();
  const values = { reason: reason.trim(), markedBy: actor.userId, markedByName: actor.label, markedOn: today };
  // Re-wording someone's note needs the version it was based on, as every update does (issue 13).
  if (existing && expectedVersion === undefined) requireVersion(undefined);
  const row = existing
    ? await updateAudited(trx, actor, 'actionControlNotes', existing.id, values, expectedVersion)
    : await insertAudited(trx, actor, 'actionControlNotes', { actionId, ...values });
  return {
    id: row.id,
    actionId: row.actionId,
    reason: row.reason,
    markedByName: row.markedByName,
    markedOn: row.markedOn,
    version: row.version,
  };
}

export async function clearOutsideControl(trx: Executor, actor: Actor, actionId: string): Promise<boolean> {
  const existing = await trx
    .selectFrom('actionControlNotes')
    .select('id')
    .where('organisationId', '=', actor.organisationId)
    .where('actionId', '=', actionId)
    .executeTakeFirst();
  if (!existing) return false;
  await deleteAudited(trx, actor, 'actionControlNotes', existing.id);
  return true;
}
