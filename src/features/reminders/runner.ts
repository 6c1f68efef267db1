import type { Services } from '../../container.js';
import { todayInLondon } from '../../lib/dates.js';
import { addWorkingDays } from '../../lib/working-days.js';
import { buildDigests, renderDigestEmail } from '../../lib/reminder-digest.js';
import { loadHolidays } from '../calendar/holidays.js';
import { getSettings } from '../governance/service.js';
import { collectReminderItems } from './collect.js';
import { createMailer, type Mailer } from './mailer.js';
import { startScheduler, type ScheduledJob } from '../../jobs/scheduler.js';
import { logger } from '../../observability/logger.js';

export interface ReminderRunResult {
  organisations: number;
  skipped: number;
  sent: number;
  failed: number;
  /** Digests worked out but not sent because no mail transport is configured. */
  unsent: number;
}

/**
 * The daily reminder job: for each organisation, build every owner's digest (overdue, or due within the
 * organisation's window of working days) and email it. Each organisation runs once a day: a row in
 * reminder_runs records the day, so a restart does not send twice (`force` sends again). Callers that may
 * run at the same moment as another process claim the run first (remindersJob, `reminders send`).
 */
export async function runReminders(
  services: Services,
  opts: { today?: string; mailer?: Mailer | null; force?: boolean; log?: (line: string) => void } = {},
): Promise<ReminderRunResult> {
  const { db, config } = services;
  const today = opts.today ?? todayInLondon(services.now());
  const mailer = opts.mailer === undefined ? createMailer(config) : opts.mailer;
  const log = opts.log ?? (() => {});
  const result: ReminderRunResult = { organisations: 0, skipped: 0, sent: 0, failed: 0, unsent: 0 };
  const orgs = await db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute();
  for (const org of orgs) {
    if (
      !opts.force &&
      (await db
        .selectFrom('reminderRuns')
        .select('id')
        .where('organisationId', '=', org.id)
        .where('runDate', '=', today)
        .executeTakeFirst())
    ) {
      result.skipped++;
      continue;
    }
    result.organisations++;
    const settings = await getSettings(db, org.id);
    const holidays = await loadHolidays(db, org.id);
    const until = addWorkingDays(today, settings.reminderDaysAhead, holidays);
    const digests = buildDigests(
      await collectReminderItems(db, org.id, until),
      today,
      settings.reminderDaysAhead,
      holidays,
    );
    const owners = digests.length
      ? await db
          .selectFrom('users')
          .select(['id', 'email', 'displayName', 'active'])
          .where('organisationId', '=', org.id)
          .where(
            'id',
            'in',
            digests.map((d) => d.ownerId),
          )
          .execute()
      : [];
    const byId = new Map(owners.map((o) => [o.id, o]));
    let sent = 0;
    let failed = 0;
    for (const digest of digests) {
      const owner = byId.get(digest.ownerId);
      if (!owner || !owner.active) continue;
      const email = renderDigestEmail(digest, owner.displayName, org.name, config.baseUrl, settings.reminderDaysAhead);
      if (!mailer) {
        result.unsent++;
        log(`[reminders] no mail transport: would send "${email.subject}" to user ${owner.id}`);
        continue;
      }
      try {
        await mailer.send({ to: owner.email, subject: email.subject, text: email.text });
        sent++;
      } catch (err) {
        failed++;
        log(`[reminders] could not send to user ${owner.id}: ${(err as Error).message}`);
      }
    }
    result.sent += sent;
    result.failed += failed;
    await db
      .insertInto('reminderRuns')
      .values({ organisationId: org.id, runDate: today, emailsSent: sent, emailsFailed: failed })
      .onConflict((oc) =>
        oc.columns(['organisationId', 'runDate']).doUpdateSet({ emailsSent: sent, emailsFailed: failed }),
      )
      .execute();
    log(`[reminders] ${org.name}: ${sent} sent, ${failed} failed`);
  }
  return result;
}

const londonHour = (now: Date) =>
  Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(now),
  );

export function describeRun(r: ReminderRunResult): string {
  return `${r.sent} sent, ${r.failed} failed, ${r.unsent} not sent (no mail transport), ${r.skipped} organisations already done`;
}

/**
 * The daily reminder digests as a scheduled job: due once the London clock has passed `hour`, one run
 * per London date, claimed in the database so several processes or servers send each digest once.
 */
export function remindersJob(opts: { hour?: number; log?: (line: string) => void } = {}): ScheduledJob {
  const hour = opts.hour ?? 7;
  const log = opts.log ?? ((line: string) => logger.info(line));
  return {
    name: 'reminders',
    runKey: (now) => (londonHour(now) >= hour ? todayInLondon(now) : null),
    run: async (services) => describeRun(await runReminders(services, { log })),
  };
}

/**
 * The reminder job on its own in-process schedule (the server runs it with its other jobs through
 * src/jobs/server-jobs.ts). Returns a function that stops the schedule.
 */
export function startReminderSchedule(
  services: Services,
  opts: { hour?: number; checkEveryMs?: number; log?: (line: string) => void } = {},
): () => void {
  const scheduler = startScheduler(services, [remindersJob(opts)], { checkEveryMs: opts.checkEveryMs ?? 15 * 60_000 });
  return () => void scheduler.stop();
}
