import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { verifyPassword } from './passwords.js';
import { emailKey, lockedUntil, recordFailure, recordSuccess, type LockoutPolicy } from './lockout.js';

export type { LockoutPolicy } from './lockout.js';

export type SignInResult =
  { ok: true; userIds: string[] } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; until: Date };

/**
 * Email and password sign-in with lockout. Every path costs the same: one look-up of the address's
 * lock, one look-up of its accounts, one argon2 verification per account (against a dummy hash when
 * there is none, or when the address is locked), and one atomic write of the count. Failures are
 * counted per address, whether or not an account has it, so a locked real account and an unknown
 * email give the same answer, and `threshold` failures lock the address for `minutes` whatever is
 * tried. An address can belong to accounts in several organisations: every account whose password
 * matches is returned and the person chooses which organisation to enter.
 */
export async function signInWithPassword(
  db: Kysely<Database>,
  policy: LockoutPolicy,
  email: string,
  password: string,
  now: Date = new Date(),
): Promise<SignInResult> {
  const key = emailKey(email);
  const locked = await lockedUntil(db, key, now);
  const accounts = await db
    .selectFrom('users')
    .select(['id', 'passwordHash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', key))
    .where('active', '=', true)
    .orderBy('createdAt')
    .limit(20)
    .execute();

  if (locked) {
    await verifyPassword(null, password);
    return { ok: false, reason: 'locked', until: locked };
  }

  const matched: string[] = [];
  if (!accounts.length) await verifyPassword(null, password);
  for (const account of accounts) {
    if (await verifyPassword(account.passwordHash, password)) matched.push(account.id);
  }

  if (!matched.length) {
    const until = await recordFailure(db, policy, key, now);
    return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'invalid' };
  }
  const lockedMeanwhile = await recordSuccess(db, key, now);
  if (lockedMeanwhile) return { ok: false, reason: 'locked', until: lockedMeanwhile };
  await db.updateTable('users').set({ failedAttempts: 0, lockedUntil: null }).where('id', 'in', matched).execute();
  return { ok: true, userIds: matched };
}

/** The accounts a person may enter after proving who they are, with their organisations' names. */
export async function accountsToChoose(db: Kysely<Database>, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select(['users.id', 'organisations.name as organisationName'])
    .where('users.id', 'in', userIds)
    .where('users.active', '=', true)
    .orderBy('organisations.name')
    .execute();
}

export async function markSignedIn(db: Kysely<Database>, userId: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ lastSignInAt: now }).where('id', '=', userId).execute();
}
