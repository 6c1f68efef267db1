import path from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from './schema.js';
import { acquireDataDirLock } from './lock.js';

export type Engine = 'pglite' | 'postgres';

export interface DbHandle {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
  /** The embedded database's files as one archive (PGlite only). */
  dump?(): Promise<Blob>;
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
  /** An in-memory PGlite starts from this dump (tests start from one migrated template instead of initdb each time). */
  template?: Blob;
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
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    const handle: DbHandle = { db, engine: 'postgres', close: () => db.destroy() };
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
    client = new PGlite({ parsers, loadDataDir: opts.template });
  } else {
    const dir = path.resolve(opts.dataDir);
    release = acquireDataDirLock(dir);
    folder = path.join(dir, 'pglite');
    try {
      client = new PGlite(folder, { parsers });
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
          const fresh = new PGlite(folder!, { parsers });
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
