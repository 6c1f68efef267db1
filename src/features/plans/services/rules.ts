import { isUuid, type Executor } from '../../audit/audit.js';
import { ConflictError, ForbiddenError, type ErrorDetail } from '../../../lib/errors.js';
import { hasRole } from '../../../lib/roles.js';
import type { CurrentUser } from '../../../middleware/auth.js';
import { computeActionRags, syncRagHistory, type ActionScope } from '../status.js';

/** The rules every plans service (and the routes, through them) applies: who may change what, and when. */

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

/** `neededRole`: a web page names the role to ask for; the API's answer is the same either way. */
export function assertCanWorkOnAction(
  user: Pick<CurrentUser, 'id' | 'role'>,
  action: { ownerId: string | null },
  neededRole?: 'contributor',
): void {
  if (!canWorkOnAction(user, action))
    throw new ForbiddenError('Only the action’s owner or an editor can do that', neededRole);
}

/** Recompute and store the RAG of the actions in scope (after any write that can move it). */
export async function refreshRag(db: Executor, organisationId: string, scope: ActionScope, today: string) {
  const states = await computeActionRags(db, organisationId, scope, today);
  await syncRagHistory(db, organisationId, states, today);
  return states;
}

/**
 * The first of `given` (each counted once) that is not one of the organisation's `table` rows, as a detail
 * against `path(its index)`.
 */
export async function checkOwnedIds(
  trx: Executor,
  organisationId: string,
  table: 'findings' | 'indicators' | 'inspections',
  given: string[] | undefined,
  path: (index: number) => string,
  message: (id: string) => string,
): Promise<ErrorDetail[]> {
  const ids = [...new Set(given ?? [])];
  if (!ids.length) return [];
  const found = await trx
    .selectFrom(table)
    .select('id')
    .where('organisationId', '=', organisationId)
    .where('id', 'in', ids.filter(isUuid))
    .execute();
  const ok = new Set(found.map((f) => f.id));
  const bad = ids.findIndex((id) => !ok.has(id));
  return bad >= 0 ? [{ path: path(bad), message: message(ids[bad]) }] : [];
}

export function checkDates(details: ErrorDetail[], start: string, end: string, endField: string, label: string) {
  if (start > end) details.push({ path: endField, message: `${label} must be on or after the start date` });
}

/** A stale edit is a 409 before the re-baselining rule is judged (the same refusal `updateAudited` gives). */
export function assertVersion(row: { version: number }, expectedVersion: number): void {
  if (row.version === expectedVersion) return;
  throw new ConflictError(
    'Someone else changed this record while you were editing it. Their change has been kept: review it and make your edit again.',
    [{ path: 'version', message: `You edited version ${expectedVersion}; the current version is ${row.version}` }],
  );
}
