import { pruneExpiredSessions } from '../middleware/session.js';
import { remindersJob } from '../features/reminders/runner.js';
import type { ScheduledJob } from './scheduler.js';
import { pruneOldClaims } from './claims.js';
import { pruneLockouts } from '../features/auth/lockout.js';

/**
 * Expired sessions, spent sign-in lockouts and job claims over 30 days old go once an hour: the run key
 * is the UTC hour, run by whichever process claims it.
 */
export const sessionPruningJob: ScheduledJob = {
  name: 'session-pruning',
  runKey: (now) => now.toISOString().slice(0, 13),
  async run(services) {
    const sessions = await pruneExpiredSessions(services.db);
    const lockouts = await pruneLockouts(services.db, services.config.lockout);
    const claims = await pruneOldClaims(services.db);
    return `${sessions} expired sessions, ${lockouts} spent lockouts and ${claims} old job claims removed`;
  },
};

/** Every job the server runs on its schedule. Add a later job here. */
export function serverJobs(): ScheduledJob[] {
  return [remindersJob(), sessionPruningJob];
}
