import request from 'supertest';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, demoContextFor, type World } from '../support/world.js';
import { demoSeeders } from '../../src/db/seeds/demo-seeders.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  anyOf?: Schema[];
};
type Operation = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

/** Values that are wrong in every way an id, a date, an enum, a number or a string can be. */
const BAD_IDS = ["x'", '..%2F..%2Fetc', '%00', 'x'.repeat(5000), '00000000-0000-0000-0000-00000000000g'];
const BAD_QUERY = ["x'", '2020-13-45', '-1', 'x'.repeat(5000), '%00', 'not-an-enum'];
const LONG = 'x'.repeat(60_000);

function wrongValues(schema: Schema | undefined): unknown[] {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  const values: unknown[] = [null, LONG, { nested: { deeper: [[[{}]]] } }];
  if (type === 'string' || schema?.pattern || schema?.enum || !type)
    values.push(12345, '2021-02-30', 'not-an-enum', "x'\u0000; drop table users; --");
  if (type === 'number' || type === 'integer') values.push('abc', -1, 1e308, 3.5);
  if (type === 'boolean') values.push('yes');
  if (type === 'array')
    values.push(
      'not a list',
      [null],
      Array.from({ length: 2000 }, () => "x'"),
    );
  return values;
}

/**
 * Walks every operation of /api/v1/openapi.json as an administrator with malformed path ids, query
 * values and bodies (wrong types, huge strings, impossible dates, unknown enum values, deep nesting,
 * bodies that are not objects or not JSON) and expects no 5xx anywhere. Before, a malformed id in a
 * list filter (`?bodyId=x'` on meetings, questions, action-sheet items, information requests, the
 * forward plan and reports, `?planId=` on reports) reached the database and answered 500.
 */
describe('no input gives a 5xx on any API operation', () => {
  let w: World;
  let token: string;
  let doc: { paths: Record<string, Record<string, Operation>> };
  let ownIds: { table: string; id: string }[];

  beforeAll(async () => {
    w = await createWorld();
    const ctx = demoContextFor(w.orgA);
    for (const seeder of demoSeeders) await seeder(w.services, ctx);
    token = await w.token(w.orgA, 'admin');
    doc = (await request(w.app).get('/api/v1/openapi.json')).body;
    const tables = await sql<{ tableName: string }>`
      select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'organisation_id'`.execute(
      w.services.db,
    );
    ownIds = [];
    for (const { tableName } of tables.rows) {
      const rows = await sql<{
        id: string;
      }>`select id::text as id from ${sql.table(tableName)} where organisation_id = ${w.orgA.id} limit 1`
        .execute(w.services.db)
        .catch(() => ({ rows: [] }));
      for (const r of rows.rows) ownIds.push({ table: tableName, id: r.id });
    }
  }, 180_000);
  afterAll(() => w.close());

  /** A real id of this organisation for the path's first parameter, so bodies reach validation. */
  function realPath(path: string): string {
    const snake = (s: string) =>
      s
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/-/g, '_')
        .toLowerCase();
    return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string, offset: number) => {
      const before = path
        .slice(0, offset)
        .split('/')
        .filter((s) => s && !s.startsWith('{'));
      const base = name === 'id' ? snake(before.at(-1) ?? '') : snake(name.replace(/Id$/, ''));
      const hit = ownIds.find(
        (o) =>
          o.table === base ||
          o.table === `${base}s` ||
          o.table.endsWith(`_${base}`) ||
          o.table === base.replace(/y$/, 'ies'),
      );
      return hit?.id ?? (name === 'key' ? 'unallocated-cases' : '0b5c8a1e-4f7d-4c2a-9a57-2d1f0c3e6b90');
    });
  }

  function send(method: string, path: string) {
    return request(w.app)[method as 'get'](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  }

  it('walks every operation with malformed ids, query values and bodies without a 5xx', async () => {
    const failures: string[] = [];
    let requests = 0;
    const check = (label: string, status: number) => {
      requests++;
      if (status >= 500) failures.push(`${label} → ${status}`);
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(60);
    // Reads first, deletes last, so the walk does not remove the records it needs before it is done.
    const order = (m: string) => (m === 'get' ? 0 : m === 'delete' ? 2 : 1);
    operations.sort((a, b) => order(a.method) - order(b.method));

    for (const { path, method, op } of operations) {
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      for (const bad of pathParams.length ? BAD_IDS : []) {
        const p = path.replace(/\{[^}]+\}/g, encodeURIComponent(bad).replace(/%25/g, '%'));
        const res = method === 'get' || method === 'delete' ? await send(method, p) : await send(method, p).send({});
        check(`${method.toUpperCase()} ${path} id=${bad.slice(0, 20)}`, res.status);
      }
      const real = realPath(path);
      for (const q of (op.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const bad of BAD_QUERY)
          check(
            `${method.toUpperCase()} ${path}?${q.name}=${bad.slice(0, 20)}`,
            (await send(method, `${real}?${q.name}=${encodeURIComponent(bad)}`)).status,
          );
        check(
          `${method.toUpperCase()} ${path}?${q.name}[]`,
          (await send(method, `${real}?${q.name}[]=a&${q.name}[]=b`)).status,
        );
        check(`${method.toUpperCase()} ${path}?${q.name}[x]`, (await send(method, `${real}?${q.name}[x]=y`)).status);
      }
      if (method === 'get' || method === 'delete') continue;
      const json = op.requestBody?.content['application/json']?.schema;
      const multipart = op.requestBody?.content['multipart/form-data']?.schema;
      if (multipart) {
        check(
          `${method.toUpperCase()} ${path} multipart without file`,
          (await send(method, real).field('referenceDate', "x'")).status,
        );
        check(
          `${method.toUpperCase()} ${path} multipart wrong field`,
          (await send(method, real).attach('other', Buffer.from('x'), 'x.bin')).status,
        );
        check(
          `${method.toUpperCase()} ${path} not multipart`,
          (await send(method, real).set('Content-Type', 'multipart/form-data; boundary=zzz').send('--zzz\r\nbroken'))
            .status,
        );
        continue;
      }
      for (const body of [[], 'a string', 123, null, { deep: JSON.parse('['.repeat(2000) + ']'.repeat(2000)) }]) {
        const res = await send(method, real).set('Content-Type', 'application/json').send(JSON.stringify(body));
        check(`${method.toUpperCase()} ${path} body=${JSON.stringify(body).slice(0, 20)}`, res.status);
      }
      check(
        `${method.toUpperCase()} ${path} not JSON`,
        (await send(method, real).set('Content-Type', 'application/json').send('{"a": ')).status,
      );
      const props = {
        ...(json?.properties ?? {}),
        version: { type: 'integer' } as Schema,
        id: { type: 'string' } as Schema,
      };
      for (const [name, schema] of Object.entries(props)) {
        for (const value of wrongValues(schema)) {
          const res = await send(method, real).send({ [name]: value, version: 1 });
          check(`${method.toUpperCase()} ${path} ${name}=${JSON.stringify(value)?.slice(0, 30)}`, res.status);
        }
      }
    }
    console.log(`openapi walk: ${operations.length} operations, ${requests} requests`);
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 300_000);
});
