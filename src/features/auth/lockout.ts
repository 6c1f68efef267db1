import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface LockoutPolicy {
  threshold: number;
  minutes: number;
}

/** Failures are counted per address as typed, trimmed and lower-cased, whether or not an account has it. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}

/** When the address is locked at `now`, the time the lock ends. */
export async function lockedUntil(db: Kysely<Database>, key: string, now: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom('signInLockouts')
    .select('lockedUntil')
    .where('emailKey', '=', key)
    .executeTakeFirst();
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
}

/**
 * Count one failure in a single statement (no read-then-write, so parallel attempts cannot lose
 * counts). The attempt that reaches the threshold locks the address and starts a fresh count, so after
 * the lock ends there are `threshold` attempts again. Returns the lock's end when the address is now locked.
 */
export async function recordFailure(
  db: Kysely<Database>,
  policy: LockoutPolicy,
  key: string,
  now: Date,
): Promise<Date | undefined> {
  const until = new Date(now.getTime() + policy.minutes * 60_000);
  const reached = sql<boolean>`sign_in_lockouts.failures + 1 >= ${policy.threshold}`;
  const row = await db
    .insertInto('signInLockouts')
    .values({
      emailKey: key,
      failures: policy.threshold <= 1 ? 0 : 1,
      lockedUntil: policy.threshold <= 1 ? until : null,
      updatedAt: now,
    })
    .onConflict((oc) =>
      oc.column('emailKey').doUpdateSet({
        failures: sql`case when ${reached} then 0 else sign_in_lockouts.failures + 1 end`,
        lockedUntil: sql`case when ${reached} then ${until}::timestamptz else sign_in_lockouts.locked_until end`,
        updatedAt: now,
      }),
    )
    .returning(['lockedUntil', 'failures'])
    .executeTakeFirstOrThrow();
  if (row.lockedUntil?.getTime() === until.getTime() && row.failures === 0) {
    // The admin pages show a locked account from the user row; keep it in step for every account with the address.
    await db
      .updateTable('users')
      .set({ lockedUntil: until })
      .where(sql<boolean>`lower(email) = ${key}`)
      .execute();
  }
  return row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
}

/**
 * A right password clears the count in one statement that also re-reads the lock, so a lock set by a
 * parallel wrong attempt while this password was being checked still wins. Returns the lock's end if locked.
 */
export async function recordSuccess(db: Kysely<Database>, key: string, now: Date): Promise<Date | undefined> {
  const row = await db
    .insertInto('signInLockouts')
    .values({ emailKey: key, failures: 0, lockedUntil: null, updatedAt: now })
    .onConflict((oc) =>
      oc.column('emailKey').doUpdateSet({
        failures: sql`case when sign_in_lockouts.locked_until > ${now}::timestamptz then sign_in_lockouts.failures else 0 end`,
        updatedAt: now,
      }),
    )
    .returning('lockedUntil')
    .executeTakeFirstOrThrow();
  return row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
}

/** An administrator's unlock (or a new password they set) clears the address's count and lock. */
export async function clearLockout(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('signInLockouts').where('emailKey', '=', emailKey(email)).execute();
}

/** Rows whose last failure is older than a lock can last are no longer needed (pruned with sessions). */
export async function pruneLockouts(
  db: Kysely<Database>,
  policy: LockoutPolicy,
  now: Date = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - Math.max(policy.minutes, 60) * 60_000);
  const result = await db.deleteFrom('signInLockouts').where('updatedAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
