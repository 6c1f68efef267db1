import type { CliCommand } from '../../cli/extra-commands.js';

/** `npm run waymark -- reminders send [--date YYYY-MM-DD] [--force]`: send today's reminder digests now. */
export const remindersSendCommand: CliCommand = {
  name: 'reminders',
  sub: 'send',
  usage: 'reminders send [--date YYYY-MM-DD] [--force]        email owners their digest of overdue and due-soon items (once a day unless --force)',
  async run(args) {
    const { parseArgs } = await import('node:util');
    const { values } = parseArgs({ args, options: { date: { type: 'string' }, force: { type: 'boolean' } } });
    if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new Error('--date must be a date in the format YYYY-MM-DD');
    const { loadConfig } = await import('../../config.js');
    const { createServices } = await import('../../container.js');
    const { runReminders } = await import('./runner.js');
    const services = await createServices(loadConfig());
    try {
      const r = await runReminders(services, { today: values.date, force: values.force, log: (line) => console.log(line) });
      console.log(`Reminders: ${r.sent} sent, ${r.failed} failed, ${r.unsent} not sent (no SMTP_URL or Notify key), ${r.skipped} organisations already done today.`);
    } finally {
      await services.close();
    }
  },
};
