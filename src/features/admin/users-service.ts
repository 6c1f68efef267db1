import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Role } from '../../db/foundation-tables.js';
import { getOwned, insertAudited, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import { clearLockout } from '../auth/lockout.js';
import { endSessionsOf } from '../../middleware/session.js';
import { hashPassword } from '../auth/passwords.js';
import { ValidationError } from '../../lib/errors.js';

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  password?: string;
}

/**
 * Whether the organisation already has a user with this address. Only the organisation's own users
 * are looked at: the same address may have an account in another organisation (a person can sit on
 * two councils' boards), and adding a user must never reveal another organisation's users.
 */
export async function emailTaken(
  db: Kysely<Database>,
  organisationId: string,
  email: string,
  exceptUserId?: string,
): Promise<boolean> {
  let q = db
    .selectFrom('users')
    .select('id')
    .where('organisationId', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()));
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  return Boolean(await q.executeTakeFirst());
}

export async function createUser(db: Kysely<Database>, actor: Actor, input: NewUser) {
  if (await emailTaken(db, actor.organisationId, input.email)) {
    throw new ValidationError([
      { path: 'email', message: 'Your organisation already has a user with this email address' },
    ]);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction().execute((trx) =>
    insertAudited(trx, actor, 'users', {
      email: input.email.trim(),
      displayName: input.displayName.trim(),
      role: input.role,
      passwordHash,
    }),
  );
}

export async function listUsers(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'displayName', 'role', 'active', 'lastSignInAt', 'lockedUntil', 'version'])
    .where('organisationId', '=', organisationId)
    .orderBy('displayName')
    .execute();
}

/** The organisation's active users by name: whom a form offers as an owner (of an action, a meeting item, a risk). */
export function activeUsers(db: Executor, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'email', 'role'])
    .where('organisationId', '=', organisationId)
    .where('active', '=', true)
    .orderBy('displayName')
    .execute();
}

export async function updateUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  patch: { displayName?: string; role?: Role; active?: boolean; unlock?: boolean },
  expectedVersion?: number,
) {
  // An organisation must keep an administrator who can sign in: nobody demotes or closes their own account.
  if (userId === actor.userId && ((patch.role && patch.role !== 'admin') || patch.active === false))
    throw new ValidationError([
      { path: 'role', message: 'You cannot remove your own administrator role or deactivate yourself' },
    ]);
  const { unlock, ...rest } = patch;
  const values: Record<string, unknown> = { ...rest };
  if (unlock) Object.assign(values, { lockedUntil: null, failedAttempts: 0 });
  const before = await getOwned(db, actor.organisationId, 'users', userId);
  const after = await db
    .transaction()
    .execute((trx) => updateAudited(trx, actor, 'users', userId, values, expectedVersion));
  if (unlock) await clearLockout(db, after.email);
  // A session opened under the old role (or before the account was closed) must not carry on with it.
  // API tokens are not revoked: each request runs with the user's current role, and a closed account's
  // tokens stop working because the account no longer signs in.
  if (before.role !== after.role || before.active !== after.active) await endSessionsOf(db, userId);
  return after;
}

/** An administrator (or the command line) sets a password: the lock is cleared and every session ends. */
export async function setPassword(db: Kysely<Database>, actor: Actor, userId: string, password: string) {
  const passwordHash = await hashPassword(password);
  const after = await db
    .transaction()
    .execute((trx) =>
      updateAudited(trx, actor, 'users', userId, { passwordHash, failedAttempts: 0, lockedUntil: null }),
    );
  await clearLockout(db, after.email);
  await endSessionsOf(db, userId);
  return after;
}
