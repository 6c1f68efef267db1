import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { verifyPassword } from './passwords.js';

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

export interface LockoutPolicy {
  threshold: number;
  minutes: number;
}

/**
 * Email and password sign-in with lockout: after `threshold` failures in a row the account is locked
 * for `minutes`, whatever password is tried, and the same vague message is shown for unknown emails.
 */
export async function signInWithPassword(
  db: Kysely<Database>,
  policy: LockoutPolicy,
  email: string,
  password: string,
  now: Date = new Date(),
): Promise<SignInResult> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'failedAttempts', 'lockedUntil', 'active'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();

  if (user?.lockedUntil && user.lockedUntil > now) return { ok: false, reason: 'locked', until: user.lockedUntil };

  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !user.active) return { ok: false, reason: 'invalid' };

  if (!passwordOk) {
    const attempts = user.failedAttempts + 1;
    const lock = attempts >= policy.threshold;
    const until = new Date(now.getTime() + policy.minutes * 60_000);
    await db
      .updateTable('users')
      .set({ failedAttempts: lock ? 0 : attempts, lockedUntil: lock ? until : null })
      .where('id', '=', user.id)
      .execute();
    return lock ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'invalid' };
  }

  await db.updateTable('users').set({ failedAttempts: 0, lockedUntil: null, lastSignInAt: now }).where('id', '=', user.id).execute();
  return { ok: true, userId: user.id };
}
