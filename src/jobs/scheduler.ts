import type { Services } from '../container.js';
import { logger } from '../observability/logger.js';
import { runClaimed } from './claims.js';

export interface ScheduledJob {
  name: string;
  /** The run `now` belongs to (for a daily job, the London date), or null while it is not yet due. */
  runKey(now: Date): string | null;
  /** Do the work; the text returned is kept on the claim row (what an operator reads afterwards). */
  run(services: Services): Promise<string | null>;
}

export interface Scheduler {
  /** Stop starting runs and wait for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Every `checkEveryMs`, start each job's current run unless this process has already seen it done.
 * Whichever process wins the claim in the database runs it (src/jobs/claims.ts), so any number of
 * servers or worker processes can run the same schedule and each run still happens once.
 */
export function startScheduler(
  services: Services,
  jobs: ScheduledJob[],
  opts: { checkEveryMs?: number } = {},
): Scheduler {
  const seen = new Map<string, string>();
  let current: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      const key = job.runKey(services.now());
      if (!key || seen.get(job.name) === key) continue;
      try {
        const outcome = await runClaimed(
          services.db,
          job.name,
          key,
          () => job.run(services),
          (detail) => detail,
        );
        seen.set(job.name, key);
        if (outcome.outcome === 'skipped' && !outcome.finished) seen.delete(job.name);
      } catch {
        // runClaimed logged it and released the claim: the next check tries again.
      }
    }
  };
  const check = () => {
    if (stopped || current) return;
    current = tick()
      .catch((err: unknown) => logger.error({ err }, 'Scheduled jobs check failed'))
      .finally(() => {
        current = undefined;
      });
  };
  const timer = setInterval(check, opts.checkEveryMs ?? 5 * 60_000);
  timer.unref();
  check();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
