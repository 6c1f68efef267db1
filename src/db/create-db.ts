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
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }

  let release = () => {};
  let client: PGlite;
  const parsers = { [DATE_OID]: identity, [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber };
  if (opts.memory || !opts.dataDir) {
    client = new PGlite({ parsers, loadDataDir: opts.template });
  } else {
    const dir = path.resolve(opts.dataDir);
    release = acquireDataDirLock(dir);
    try {
      client = new PGlite(path.join(dir, 'pglite'), { parsers });
      await client.waitReady;
    } catch (err) {
      release();
      throw err;
    }
  }
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client), plugins });
  let closed = false;
  return {
    db,
    engine: 'pglite',
    dump: () => client.dumpDataDir('gzip'),
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
