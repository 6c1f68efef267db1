import request from 'supertest';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, demoContextFor, csrfFrom, type World } from '../support/world.js';
import { demoSeeders } from '../../src/db/seeds/demo-seeders.js';
import type { RouteEntry } from '../../src/app.js';

/**
 * Organisation isolation: give organisation B one of everything (every feature's demo seeder), then
 * walk every route that takes an ID as organisation A, with each of B's record IDs. All must be 404.
 */
describe('a user of one organisation gets 404 for every record of another', () => {
  let w: World;
  let foreignIds: { table: string; id: string }[];
  let routes: { web: RouteEntry[]; api: RouteEntry[] };

  beforeAll(async () => {
    w = await createWorld();
    const ctx = demoContextFor(w.orgB);
    for (const seeder of demoSeeders) await seeder(w.services, ctx);
    const tables = await sql<{ tableName: string }>`
      select c.table_name from information_schema.columns c
      join information_schema.columns o on o.table_name = c.table_name and o.table_schema = c.table_schema and o.column_name = 'organisation_id'
      where c.column_name = 'id' and c.table_schema = current_schema()
      group by c.table_name order by c.table_name`.execute(w.services.db);
    foreignIds = [];
    for (const { tableName } of tables.rows) {
      const rows = await sql<{
        id: string;
      }>`select id::text as id from ${sql.table(tableName)} where organisation_id = ${w.orgB.id} limit 1`.execute(
        w.services.db,
      );
      for (const r of rows.rows) foreignIds.push({ table: tableName, id: r.id });
    }
    foreignIds.push({ table: 'organisations', id: w.orgB.id });
    routes = w.app.locals.routeIndex;
  }, 180_000);
  afterAll(() => w.close());

  const withParams = (list: RouteEntry[]) => list.filter((r) => r.path.includes(':'));
  const fill = (path: string, id: string) => path.replace(/:[A-Za-z0-9_]+/g, id);

  /**
   * The IDs worth trying on a route: those of the tables its parameters name (`/plans/:id`,
   * `:actionId`, `/annex-a/imports/:id`), plus a user's ID as a stranger. Where no table matches
   * the route gets every ID. Trying all IDs on all routes would take minutes for no more proof.
   */
  function candidatesFor(path: string): { table: string; id: string }[] {
    const snake = (s: string) =>
      s
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/-/g, '_')
        .toLowerCase();
    const names = new Set<string>();
    const segments = path.split('/').filter(Boolean);
    segments.forEach((seg, i) => {
      if (!seg.startsWith(':')) return;
      const fromParam = seg === ':id' ? '' : snake(seg.slice(1).replace(/Id$/, ''));
      const before = segments
        .slice(0, i)
        .filter((s) => !s.startsWith(':'))
        .map(snake);
      for (const base of [fromParam, before.at(-1) ?? '', before.slice(-2).join('_')]) {
        if (!base) continue;
        names.add(base);
        names.add(`${base}s`);
        names.add(base.replace(/y$/, 'ies'));
      }
    });
    const matched = foreignIds.filter((f) =>
      [...names].some((n) => f.table === n || f.table.endsWith(`_${n}`) || n.endsWith(`_${f.table}`)),
    );
    if (!matched.length) return foreignIds;
    return [...matched, ...foreignIds.filter((f) => f.table === 'users')];
  }

  it('has another organisation’s records and routes to try', () => {
    expect(foreignIds.map((f) => f.table)).toContain('users');
    // Case file audits (issue 17): the demo seeder gives one of each record the routes take an id of.
    expect(foreignIds.map((f) => f.table)).toEqual(
      expect.arrayContaining([
        'case_audit_frameworks',
        'case_audit_framework_versions',
        'case_auditors',
        'case_audit_cycles',
        'case_audits',
        'case_audit_notes',
        'case_audit_learning',
      ]),
    );
    expect(withParams(routes.web).length).toBeGreaterThan(0);
  });

  it('answers 404 on every page and form route', async () => {
    const agent = await w.agent(w.orgA, 'admin');
    const _csrf = await csrfFrom(agent, '/account');
    const before = await w.services.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisationId', '=', w.orgB.id)
      .executeTakeFirstOrThrow();
    const failures: string[] = [];
    for (const route of withParams(routes.web)) {
      for (const { table, id } of candidatesFor(route.path)) {
        const path = fill(route.path, id);
        const res =
          route.method === 'get' ? await agent.get(path) : await agent.post(path).type('form').send({ _csrf });
        if (res.status !== 404)
          failures.push(`${route.method.toUpperCase()} ${route.path} with ${table} id → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    const after = await w.services.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisationId', '=', w.orgB.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  }, 300_000);

  it('answers 404 JSON on every API route', async () => {
    const token = await w.token(w.orgA, 'admin');
    const failures: string[] = [];
    for (const route of withParams(routes.api)) {
      for (const { table, id } of candidatesFor(route.path)) {
        const path = `/api/v1${fill(route.path, id)}`;
        const req = request(w.app)[route.method as 'get'](path).set('Authorization', `Bearer ${token}`);
        const res = route.method === 'get' ? await req : await req.send({});
        if (res.status !== 404 || res.body?.error?.code !== 'not-found')
          failures.push(`${route.method.toUpperCase()} ${route.path} with ${table} id → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
