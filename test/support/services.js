import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/container.js';
export const TEMPLATE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.tmp/pglite-template.tgz');
let template;
/** The migrated database that test/support/pglite-template.ts made for this run, if there is one. */
function pgliteTemplate() {
    if (!template && fs.existsSync(TEMPLATE_PATH))
        template = new Blob([fs.readFileSync(TEMPLATE_PATH)]);
    return template;
}
export function testEngine() {
    return process.env.WAYMARK_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}
/**
 * Services on a new embedded database in a folder (as a server has it), started from the migrated
 * template; close them before a child process opens the folder.
 */
export async function createTestDataDir(dir) {
    return createServices(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', WAYMARK_DATA_DIR: dir }), {
        template: pgliteTemplate(),
    });
}
/** A throw-away schema in TEST_DATABASE_URL, and a URL whose connections use it (for child processes too). */
export async function createTestSchema() {
    const base = process.env.TEST_DATABASE_URL;
    if (!base)
        throw new Error('WAYMARK_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const run = async (statement) => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        try {
            await c.query(statement);
        }
        finally {
            await c.end();
        }
    };
    await run(`create schema ${schema}`);
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return { schema, url: url.toString(), drop: () => run(`drop schema ${schema} cascade`) };
}
/**
 * Services on a fresh database: in-memory PGlite, or (WAYMARK_TEST_ENGINE=postgres) a throw-away
 * schema in TEST_DATABASE_URL so test files can run side by side on one PostgreSQL database.
 */
export async function createTestServices(opts = {}) {
    const base = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' }, { uploadLimitBytes: 5 * 1024 * 1024, bodyLimit: '100kb', ...opts.config });
    // `empty`: a database with no tables at all (not even migrations), as a restore starts from.
    if ((opts.engine ?? testEngine()) === 'pglite') {
        return createServices({ ...base, databaseUrl: undefined }, { memory: true, now: opts.now, template: opts.empty ? undefined : pgliteTemplate(), migrate: !opts.empty });
    }
    const { schema, url, drop } = await createTestSchema();
    const services = await createServices({ ...base, databaseUrl: process.env.TEST_DATABASE_URL }, { searchPath: schema, now: opts.now, migrate: !opts.empty });
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
//# sourceMappingURL=services.js.map