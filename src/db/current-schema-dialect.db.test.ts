import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, testEngine, type TestServices } from '../../test/support/services.js';

// PostgreSQL only: the embedded database has one schema and one connection, so nothing can drop a
// schema under it. The db-postgres project runs this file (CI always does).
describe.runIf(testEngine() === 'postgres')('introspection on PostgreSQL reads only the current schema', () => {
  let t: TestServices;
  let admin: pg.Client;
  const neighbour = `n_${process.pid}_${Date.now()}`;
  beforeAll(async () => {
    t = await createTestServices();
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${neighbour}; create table ${neighbour}.organisations (id int)`);
  });
  afterAll(async () => {
    await admin.query(`drop schema if exists ${neighbour} cascade`);
    await admin.end();
    await t.close();
  });

  it("lists this schema's tables with their columns, and none of a neighbouring schema's", async () => {
    const own = (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0].s;
    const tables = await t.db.introspection.getTables();
    expect(new Set(tables.map((x) => x.schema))).toEqual(new Set([own]));
    const organisations = tables.filter((x) => x.name === 'organisations');
    expect(organisations).toHaveLength(1);
    expect(organisations[0].columns.map((c) => c.name)).toContain('pseudonym_secret');
    expect(tables.some((x) => x.name === 'kysely_migration')).toBe(false);
    const withInternal = await t.db.introspection.getTables({ withInternalKyselyTables: true });
    expect(withInternal.some((x) => x.name === 'kysely_migration')).toBe(true);
  });

  it('keeps answering while other schemas are created and dropped beside it', async () => {
    // Kysely's own introspector read every schema and failed with `schema "…" does not exist` here.
    const churn = async () => {
      for (let i = 0; i < 40; i++) {
        const s = `${neighbour}_${i}`;
        await admin.query(`create schema ${s}; create table ${s}.t (id serial primary key, v text)`);
        await admin.query(`drop schema ${s} cascade`);
      }
    };
    const read = async () => {
      let reads = 0;
      for (let i = 0; i < 40; i++) reads += (await t.db.introspection.getTables()).length > 0 ? 1 : 0;
      return reads;
    };
    const [, reads] = await Promise.all([churn(), read()]);
    expect(reads).toBe(40);
  });
});
