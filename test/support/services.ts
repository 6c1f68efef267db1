import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices, type Services } from '../../src/container.js';

export type TestEngine = 'pglite' | 'postgres';

export const TEMPLATE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.tmp/pglite-template.tgz');
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
 * Services on a fresh database: in-memory PGlite, or (WAYMARK_TEST_ENGINE=postgres) a throw-away
 * schema in TEST_DATABASE_URL so test files can run side by side on one PostgreSQL database.
 */
export async function createTestServices(
  opts: { now?: () => Date; config?: Partial<Config>; engine?: TestEngine; empty?: boolean } = {},
): Promise<Services> {
  const base = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' }, { uploadLimitBytes: 5 * 1024 * 1024, bodyLimit: '100kb', ...opts.config });
  // `empty`: a database with no tables at all (not even migrations), as a restore starts from.
  if ((opts.engine ?? testEngine()) === 'pglite') {
    return createServices({ ...base, databaseUrl: undefined }, { memory: true, now: opts.now, template: opts.empty ? undefined : pgliteTemplate(), migrate: !opts.empty });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('WAYMARK_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const services = await createServices({ ...base, databaseUrl: url }, { searchPath: schema, now: opts.now, migrate: !opts.empty });
  const close = services.close;
  return {
    ...services,
    async close() {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
