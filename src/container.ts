import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import { createDb, type Engine } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import type { PoolStats } from './observability/metrics.js';
import { resolveSessionSecret } from './features/security/session-secret.js';
import { StorageMonitor } from './features/health/monitor.js';

/** Everything the app needs, built once here (the composition root) and handed to createApp. */
export interface Services {
  config: Config;
  db: Kysely<Database>;
  engine: Engine;
  /** The clock, so deadlines and reminders can be tested at a fixed date. */
  now: () => Date;
  /** Database connections open, idle and waiting, for /metrics (PostgreSQL only). */
  poolStats?: () => PoolStats;
  /** Whether the database can be read and written; drives /health and the 503 for writes during a fault. */
  storage: StorageMonitor;
  close(): Promise<void>;
}

export interface ServiceOptions {
  memory?: boolean;
  searchPath?: string;
  now?: () => Date;
  migrate?: boolean;
  template?: Blob;
}

export async function createServices(config: Config, opts: ServiceOptions = {}): Promise<Services> {
  const handle = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    memory: opts.memory,
    searchPath: opts.searchPath,
    template: opts.template,
  });
  try {
    if (opts.migrate !== false) await migrateToLatest(handle.db, opts.searchPath);
  } catch (err) {
    await handle.close();
    throw err;
  }
  const sessionSecret = resolveSessionSecret(config.sessionSecret, config.dataDir, Boolean(opts.memory));
  const storage = new StorageMonitor(handle);
  handle.onBackgroundError = (err) => storage.reportFault(err);
  return {
    storage,
    config: { ...config, sessionSecret },
    db: handle.db,
    engine: handle.engine,
    now: opts.now ?? (() => new Date()),
    poolStats: handle.poolStats,
    close: () => {
      storage.stop();
      return handle.close();
    },
  };
}
