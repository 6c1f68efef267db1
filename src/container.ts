import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import { createDb, type Engine } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import type { PoolStats } from './observability/metrics.js';

/** Everything the app needs, built once here (the composition root) and handed to createApp. */
export interface Services {
  config: Config;
  db: Kysely<Database>;
  engine: Engine;
  /** The clock, so deadlines and reminders can be tested at a fixed date. */
  now: () => Date;
  /** Database connections open, idle and waiting, for /metrics (PostgreSQL only). */
  poolStats?: () => PoolStats;
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
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, memory: opts.memory, searchPath: opts.searchPath, template: opts.template });
  try {
    if (opts.migrate !== false) await migrateToLatest(handle.db, opts.searchPath);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return {
    config,
    db: handle.db,
    engine: handle.engine,
    now: opts.now ?? (() => new Date()),
    poolStats: handle.poolStats,
    close: () => handle.close(),
  };
}
