import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CamelCasePlugin, Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from './schema.js';
import { acquireDataDirLock } from './lock.js';
import { CurrentSchemaPostgresDialect } from './current-schema-dialect.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { PoolStats } from '../observability/metrics.js';

export type Engine = 'pglite' | 'postgres';

export interface DbHandle {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
  /** The embedded database's files as one archive (PGlite only). */
  dump?(): Promise<Blob>;
  /** Connections open, idle and waiting (PostgreSQL's pool; the embedded database has one connection). */
  poolStats?(): PoolStats;
  /** The embedded database's folder (PGlite on disk only): the storage monitor checks it can be written. */
  folder?: string;
  /**
   * Open the embedded database afresh from its folder, in place (the Kysely instance stays the same).
   * After a storage fault PGlite can be left unable to work even once the folder is writable again.
   */
  reopen?(): Promise<void>;
  /** Called with errors that happen outside any request (an idle PostgreSQL connection dropped). */
  onBackgroundError?: (err: unknown) => void;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Dates stay 'YYYY-MM-DD' strings: turning them into JS Dates at UTC midnight shifts them a day in BST.
const identity = (v: string) => v;
const toNumber = (v: string) => Number(v);

pg.types.setTypeParser(DATE_OID, identity);
pg.types.setTypeParser(INT8_OID, toNumber);
pg.types.setTypeParser(NUMERIC_OID, toNumber);

export interface CreateDbOptions {
  databaseUrl?: string;
  /** PGlite folder; `memory://` or undefined with `memory: true` for an in-memory database. */
  dataDir?: string;
  memory?: boolean;
  /** PostgreSQL schema to use (tests isolate each file in its own schema). */
  searchPath?: string;
  poolSize?: number;
  /** A new PGlite (in memory, or a new folder) starts from this dump: tests start from one migrated template instead of initdb each time. */
  template?: Blob;
}

/**
 * PGlite's own start parameters (its defaultStartParams in 0.4) with a smaller buffer cache. PostgreSQL's
 * default shared_buffers (128 MB) is all touched at start inside the WebAssembly heap, which never
 * shrinks; 32 MB keeps the heap at its 128 MB minimum. The data folder sits in the operating system's
 * page cache anyway, so a council-sized database loses little (see the README's memory figures).
 */
export const PGLITE_START_PARAMS = [
  '--single',
  '-F',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'shared_buffers=32MB',
];

/**
 * Create a new PGlite data folder in a short-lived child process. PGlite 0.4 runs initdb in a second
 * WebAssembly instance and a dump of the new cluster; the process that did that keeps ~500 MB more
 * resident for its whole life. Run in a child, the server only ever resumes an existing folder.
 */
async function initialiseDataDir(dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return;
  const script = `import { PGlite } from '@electric-sql/pglite';
    const db = new PGlite(process.argv[1]); await db.waitReady; await db.close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, dir], { cwd: PACKAGE_ROOT });
}

export async function createDb(opts: CreateDbOptions): Promise<DbHandle> {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: opts.searchPath ? `-c search_path=${opts.searchPath}` : undefined,
      // A server that does not answer is a storage fault in seconds, not a request that hangs for ever.
      connectionTimeoutMillis: 5_000,
    });
    const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }), plugins });
    const handle: DbHandle = {
      db,
      engine: 'postgres',
      close: () => db.destroy(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
    // An idle connection that the server drops (PostgreSQL stopped or restarted) is an 'error' event on
    // the pool; unheard, it would end the process. The pool opens new connections when asked again.
    pool.on('error', (err) => handle.onBackgroundError?.(err));
    return handle;
  }

  let release = () => {};
  let client: PGlite;
  let folder: string | undefined;
  const parsers = { [DATE_OID]: identity, [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber };
  if (opts.memory || !opts.dataDir) {
    client = new PGlite({ parsers, loadDataDir: opts.template, startParams: PGLITE_START_PARAMS });
  } else {
    const dir = path.resolve(opts.dataDir);
    release = acquireDataDirLock(dir);
    folder = path.join(dir, 'pglite');
    try {
      const fresh = !fs.existsSync(path.join(folder, 'PG_VERSION'));
      if (fresh && !opts.template) await initialiseDataDir(folder);
      client = new PGlite(folder, {
        parsers,
        startParams: PGLITE_START_PARAMS,
        loadDataDir: fresh ? opts.template : undefined,
      });
      await client.waitReady;
    } catch (err) {
      release();
      throw err;
    }
  }
  await client.waitReady;
  // The dialect talks to whichever client is current, so reopen() can replace a broken one in place.
  const current = {
    query: (...args: Parameters<PGlite['query']>) => client.query(...args),
    close: () => client.close(),
  } as unknown as PGlite;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(current), plugins });
  let closed = false;
  return {
    db,
    engine: 'pglite',
    folder,
    dump: () => client.dumpDataDir('gzip'),
    reopen: folder
      ? async () => {
          const old = client;
          // The old instance may hang or throw on close after a fault; it is abandoned either way.
          await Promise.race([old.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000))]);
          const fresh = new PGlite(folder!, { parsers, startParams: PGLITE_START_PARAMS });
          await fresh.waitReady;
          client = fresh;
        }
      : undefined,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
      } finally {
        release();
      }
    },
  };
}
