import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Role } from '../../db/foundation-tables.js';
import { insertAudited, updateAudited, type Actor } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { ValidationError } from '../../lib/errors.js';

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  password?: string;
}

export async function emailTaken(db: Kysely<Database>, email: string, exceptUserId?: string): Promise<boolean> {
  let q = db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()));
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  return Boolean(await q.executeTakeFirst());
}

export async function createUser(db: Kysely<Database>, actor: Actor, input: NewUser) {
  if (await emailTaken(db, input.email)) throw new ValidationError([{ path: 'email', message: 'A user with this email address already exists' }], 'A user with this email address already exists', 409);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction().execute((trx) =>
    insertAudited(trx, actor, 'users', { email: input.email.trim(), displayName: input.displayName.trim(), role: input.role, passwordHash }),
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

export async function updateUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  patch: { displayName?: string; role?: Role; active?: boolean; unlock?: boolean },
  expectedVersion?: number,
) {
  const { unlock, ...rest } = patch;
  const values: Record<string, unknown> = { ...rest };
  if (unlock) Object.assign(values, { lockedUntil: null, failedAttempts: 0 });
  return db.transaction().execute((trx) => updateAudited(trx, actor, 'users', userId, values, expectedVersion));
}

export async function setPassword(db: Kysely<Database>, actor: Actor, userId: string, password: string) {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute((trx) => updateAudited(trx, actor, 'users', userId, { passwordHash, failedAttempts: 0, lockedUntil: null }));
}
