import { loadConfig, ConfigError } from './config.js';
import { createServices } from './container.js';
import { createApp } from './app.js';
import { DataDirLockedError } from './db/lock.js';
import { seedDemoIfEmpty } from './db/seeds/demo.js';
import { pruneExpiredSessions } from './middleware/session.js';
import { pruneLockouts } from './features/auth/lockout.js';
import { startReminderSchedule } from './features/reminders/runner.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const services = await createServices(config);
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(services);
    if (seeded) console.log('Seeded the fictional demo council (organisation "demo"). Sign in as admin@demo.waymark.test with password "demo-password".');
  }
  const app = createApp(services);
  services.storage.start();
  const stopReminders = startReminderSchedule(services);
  const server = app.listen(config.port, () => {
    console.log(`Waymark is running on http://localhost:${config.port} (database: ${services.engine})`);
  });

  const pruning = setInterval(() => {
    void pruneExpiredSessions(services.db).catch((err) => console.error('Session clean-up failed', err));
    void pruneLockouts(services.db, config.lockout).catch((err) => console.error('Sign-in lockout clean-up failed', err));
  }, 3600_000);
  pruning.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: closing Waymark`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopReminders();
    clearInterval(pruning);
    server.close();
    server.closeIdleConnections?.();
    await services.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof DataDirLockedError || err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
