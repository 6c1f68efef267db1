import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { logger } from '../observability/logger.js';
import { jobDuration, jobRuns } from '../observability/metrics.js';

/** Who holds a claim, as an operator would look for it: host and process id. */
export const CLAIMANT = `${os.hostname()}:${process.pid}`;

/** A claim not finished within its lease is presumed dead (its process crashed) and may be taken over. */
const DEFAULT_LEASE_MS = 30 * 60_000;

export type ClaimResult = { claimed: true } | { claimed: false; by: string; at: Date; finished: boolean };

/**
 * Claim one run of a job. The insert on the (job, run_key) primary key is atomic on both engines: of
 * any number of processes trying at once, exactly one gets the row. A run whose claimant died without
 * finishing is taken over once its lease has passed, by an update that also only one process can win.
 */
export async function claimRun(
  db: Kysely<Database>,
  job: string,
  runKey: string,
  leaseMs = DEFAULT_LEASE_MS,
): Promise<ClaimResult> {
  const leaseUntil = sql<Date>`now() + ${`${Math.round(leaseMs)} milliseconds`}::interval`;
  const inserted = await db
    .insertInto('jobClaims')
    .values({ job, runKey, claimedBy: CLAIMANT, leaseUntil })
    .onConflict((oc) => oc.columns(['job', 'runKey']).doNothing())
    .returning('job')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const takenOver = await db
    .updateTable('jobClaims')
    .set({ claimedBy: CLAIMANT, claimedAt: sql<Date>`now()`, leaseUntil, attempts: sql<number>`attempts + 1` })
    .where('job', '=', job)
    .where('runKey', '=', runKey)
    .where('finishedAt', 'is', null)
    .where('leaseUntil', '<', sql<Date>`now()`)
    .returning('job')
    .executeTakeFirst();
  if (takenOver) return { claimed: true };
  const holder = await db
    .selectFrom('jobClaims')
    .select(['claimedBy', 'claimedAt', 'finishedAt'])
    .where('job', '=', job)
    .where('runKey', '=', runKey)
    .executeTakeFirst();
  // A holder that vanished between the insert and this read released a failed run: try again next time.
  return {
    claimed: false,
    by: holder?.claimedBy ?? 'another process',
    at: holder?.claimedAt ?? new Date(),
    finished: Boolean(holder?.finishedAt),
  };
}

export async function finishRun(
  db: Kysely<Database>,
  job: string,
  runKey: string,
  detail: string | null,
): Promise<void> {
  await db
    .updateTable('jobClaims')
    .set({ finishedAt: sql<Date>`now()`, outcome: 'done', detail })
    .where('job', '=', job)
    .where('runKey', '=', runKey)
    .where('claimedBy', '=', CLAIMANT)
    .execute();
}

/** A failed run gives its claim back, so the next check (in this process or another) tries again. */
export async function releaseRun(db: Kysely<Database>, job: string, runKey: string): Promise<void> {
  await db
    .deleteFrom('jobClaims')
    .where('job', '=', job)
    .where('runKey', '=', runKey)
    .where('claimedBy', '=', CLAIMANT)
    .where('finishedAt', 'is', null)
    .execute();
}

export type RunOutcome<T> =
  { outcome: 'done'; result: T } | { outcome: 'skipped'; by: string; at: Date; finished: boolean };

/**
 * Run `work` for (job, runKey) only if this process wins the claim; otherwise say who has it. Every
 * outcome is counted in /metrics and logged.
 */
export async function runClaimed<T>(
  db: Kysely<Database>,
  job: string,
  runKey: string,
  work: () => Promise<T>,
  describe: (result: T) => string | null = () => null,
): Promise<RunOutcome<T>> {
  const claim = await claimRun(db, job, runKey);
  if (!claim.claimed) {
    jobRuns.inc({ job, outcome: 'skipped' });
    logger.debug({ job, runKey, claimedBy: claim.by }, 'Job run already claimed by another process');
    return { outcome: 'skipped', by: claim.by, at: claim.at, finished: claim.finished };
  }
  const end = jobDuration.startTimer({ job });
  try {
    const result = await work();
    const detail = describe(result);
    await finishRun(db, job, runKey, detail);
    jobRuns.inc({ job, outcome: 'done' });
    logger.info({ job, runKey, durationMs: Math.round(end() * 1000), detail }, 'Job run finished');
    return { outcome: 'done', result };
  } catch (err) {
    end();
    jobRuns.inc({ job, outcome: 'failed' });
    logger.error({ job, runKey, err }, 'Job run failed; its claim is released for the next try');
    await releaseRun(db, job, runKey).catch((releaseErr: unknown) =>
      logger.error({ job, runKey, err: releaseErr }, 'Could not release the job claim'),
    );
    throw err;
  }
}

/** Finished claims are kept 30 days (long enough to see what ran when), then removed. */
export async function pruneOldClaims(db: Kysely<Database>): Promise<number> {
  const result = await db
    .deleteFrom('jobClaims')
    .where('finishedAt', '<', sql<Date>`now() - interval '30 days'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
