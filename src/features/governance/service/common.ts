import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/schema.js';
import {
  findOwned,
  getOwned,
  insertAudited,
  isUuid,
  updateAudited,
  type Actor,
  type Executor,
  type RecordTable,
} from '../../audit/audit.js';
import { ValidationError, type ErrorDetail } from '../../../lib/errors.js';

/** A problem found while checking input, or nothing (`null`/`false`) when that check passed. */
export type Problem = ErrorDetail | null | false | undefined | '';

export function fail(details: ErrorDetail[]): never {
  throw new ValidationError(details);
}

/** Refuse with a 422 naming every field that has a problem; do nothing when all checks passed. */
export function failIfAny(problems: Problem[]): void {
  const details = problems.filter((p): p is ErrorDetail => Boolean(p));
  if (details.length) fail(details);
}

/** The problem with a chosen person, if they are not an active user of this organisation (null when none was chosen). */
export async function userProblem(
  db: Executor,
  organisationId: string,
  userId: string | null,
  path: string,
  message: string,
): Promise<ErrorDetail | null> {
  if (userId === null) return null;
  const ok =
    isUuid(userId) &&
    (await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('organisationId', '=', organisationId)
      .where('active', '=', true)
      .executeTakeFirst());
  return ok ? null : { path, message };
}

/** The owner of an item (action, forward-plan report, risk) must be an active user of the organisation. */
export const ownerProblem = (db: Executor, organisationId: string, ownerId: string | null) =>
  userProblem(db, organisationId, ownerId, 'ownerId', 'Select an owner from your organisation');

/** An active user of the organisation, or a 422 naming the field (another organisation's user is never accepted). */
export async function checkUser(
  db: Executor,
  organisationId: string,
  userId: string | null,
  path: string,
  message: string,
): Promise<void> {
  failIfAny([await userProblem(db, organisationId, userId, path, message)]);
}

export { activeUsers as listUsers } from '../../admin/users-service.js';

/** A chosen record (a body, a meeting) must belong to the organisation: the problem when it does not. */
export async function notOwnedProblem(
  db: Executor,
  organisationId: string,
  table: RecordTable,
  id: string,
  problem: ErrorDetail,
): Promise<ErrorDetail | null> {
  return (await findOwned(db, organisationId, table, id)) ? null : problem;
}

/**
 * Whether another record of the organisation already uses this name (compared without case), leaving out
 * the record being edited: names and references are how people find things, so they are kept unique.
 */
export async function nameTaken(
  db: Executor,
  organisationId: string,
  table: 'bodies' | 'risks',
  column: 'name' | 'reference',
  value: string,
  exceptId?: string,
): Promise<boolean> {
  let q = (db as Kysely<Database>)
    .selectFrom(table)
    .select('id')
    .where('organisationId', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', [column as never]), '=', value.toLowerCase()));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return Boolean(await q.executeTakeFirst());
}

/** Where a save goes: a new record (`null`), or the record `id` as the editor saw it at `version`. */
export type Target = { id: string; version: number } | null;

/**
 * Create and update share one path, so both run the same checks: an update first loads the owned record
 * (another organisation's id is a 404 before any 422) and hands it to `check`, then the audited write.
 */
export async function saveChecked<T extends RecordTable, C>(
  db: Kysely<Database>,
  actor: Actor,
  table: T,
  target: Target,
  check: (before: Selectable<Database[T]> | null) => Promise<C>,
  values: (checked: C) => Record<string, unknown>,
) {
  const before = target ? await getOwned(db, actor.organisationId, table, target.id) : null;
  const row = values(await check(before));
  return db
    .transaction()
    .execute((trx) =>
      target ? updateAudited(trx, actor, table, target.id, row, target.version) : insertAudited(trx, actor, table, row),
    );
}

/** The organisation's rows of `table` that belong to one parent (a meeting's agenda, a body's members). */
export function rowsOf<T extends 'agendaItems' | 'decisions' | 'bodyMembers' | 'riskScoreHistory'>(
  db: Executor,
  table: T,
  organisationId: string,
  parent: { column: string; id: string },
) {
  // Kysely cannot check a table and column chosen at run time; the union above keeps them to real ones.
  return (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .selectFrom(table)
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where(parent.column, '=', parent.id) as unknown as SelectQueryBuilder<Database, T, Selectable<Database[T]>>;
}
