import type { CliCommand } from '../../cli/extra-commands.js';
import { withServices } from '../../cli/services.js';

/**
 * `npm run waymark -- reminders send [--date YYYY-MM-DD] [--force]`: send the day's reminder digests now.
 * The run is claimed in the database first, so cron on two servers (or cron and a running server's own
 * schedule) sends each digest once; --force sends again without a claim.
 */
export const remindersSendCommand: CliCommand = {
  name: 'reminders',
  sub: 'send',
  usage:
    'reminders send [--date YYYY-MM-DD] [--force]        email owners their digest of overdue and due-soon items (once a day unless --force)',
  async run(args) {
    const { parseArgs } = await import('node:util');
    const { values } = parseArgs({ args, options: { date: { type: 'string' }, force: { type: 'boolean' } } });
    if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
      throw new Error('--date must be a date in the format YYYY-MM-DD');
    const { runReminders, describeRun } = await import('./runner.js');
    const { runClaimed } = await import('../../jobs/claims.js');
    const { todayInLondon } = await import('../../lib/dates.js');
    await withServices(async (services) => {
      const today = values.date ?? todayInLondon(services.now());
      const send = () => runReminders(services, { today, force: values.force, log: (line) => console.log(line) });
      if (values.force) {
        console.log(`Reminders: ${describeRun(await send())}.`);
        return;
      }
      const run = await runClaimed(services.db, 'reminders', today, send, describeRun);
      if (run.outcome === 'done') console.log(`Reminders: ${describeRun(run.result)}.`);
      else
        console.log(
          `Reminders for ${today} ${run.finished ? 'were already sent' : 'are being sent'} by ${run.by} (started ${run.at.toISOString()}); nothing sent. Use --force to send again.`,
        );
    });
  },
};
