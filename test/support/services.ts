import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices, type Services } from '../../src/container.js';

export type TestEngine = 'pglite' | 'postgres';

export const TEMPLATE_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../.tmp/pglite-template.tgz',
);
let template: Blob | undefined;

/** The migrated database that test/support/pglite-template.ts made for this run, if there is one. */
function pgliteTemplate(): Blob | undefined {
  if (!template && fs.existsSync(TEMPLATE_PATH)) template = new Blob([fs.readFileSync(TEMPLATE_PATH)]);
  return template;
}

export function testEngine(): TestEngine {
  return process.env.WAYMARK_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * Services on a new embedded database in a folder (as a server has it), started from the migrated
 * template; close them before a child process opens the folder.
 */
export async function createTestDataDir(dir: string): Promise<Services> {
  return createServices(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', WAYMARK_DATA_DIR: dir }), {
    template: pgliteTemplate(),
  });
}

/** A throw-away schema in TEST_DATABASE_URL, and a URL whose connections use it (for child processes too). */
export async function createTestSchema(): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('WAYMARK_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await run(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString(), drop: () => run(`drop schema ${schema} cascade`) };
}

export type TestServices = Services & {
  /** For a child process to open the same database: PostgreSQL's URL with this schema (unset for in-memory PGlite). */
  childDatabaseUrl?: string;
};

/**
 * Services on a fresh database: in-memory PGlite, or (WAYMARK_TEST_ENGINE=postgres) a throw-away
 * schema in TEST_DATABASE_URL so test files can run side by side on one PostgreSQL database.
 */
export async function createTestServices(
  opts: { now?: () => Date; config?: Partial<Config>; engine?: TestEngine; empty?: boolean } = {},
): Promise<TestServices> {
  const base = loadConfig(
    { NODE_ENV: 'test', SEED_DEMO: 'false' },
    { uploadLimitBytes: 5 * 1024 * 1024, bodyLimit: '100kb', ...opts.config },
  );
  // `empty`: a database with no tables at all (not even migrations), as a restore starts from.
  if ((opts.engine ?? testEngine()) === 'pglite') {
    return createServices(
      { ...base, databaseUrl: undefined },
      { memory: true, now: opts.now, template: opts.empty ? undefined : pgliteTemplate(), migrate: !opts.empty },
    );
  }
  const { schema, url, drop } = await createTestSchema();
  const services = await createServices(
    { ...base, databaseUrl: process.env.TEST_DATABASE_URL },
    { searchPath: schema, now: opts.now, migrate: !opts.empty },
  );
  const close = services.close;
  return {
    ...services,
    childDatabaseUrl: url,
    async close() {
      await close();
      await drop();
    },
  };
}
