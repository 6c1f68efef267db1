import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/container.js';
import { createTestServices } from '../support/services.js';
import { seedDemo, type DemoContext } from '../../src/db/seeds/demo.js';
import { approvePlan, revisePlan } from '../../src/features/plans/service.js';

/**
 * Every record has its "create" event: seed the whole demo council (every feature's seeder, the
 * organisation and its people), then start a new version of its approved plan, and compare each
 * audited table's rows with the create events of that table. Before, the demo's indicators, values,
 * targets, neighbours and groups, its organisation and users, and every copy a revision makes
 * (themes, actions, milestones, sources) had no event at all.
 */
describe('the audit trail is complete', () => {
  let services: Services;
  let ctx: DemoContext;
  let audited: string[];

  const snake = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

  /** Rows of the table (this organisation's) that have no "create" event, as "table id". */
  async function missingEvents(): Promise<string[]> {
    const missing: string[] = [];
    for (const table of audited) {
      const orgFilter =
        table === 'organisations' ? sql`id = ${ctx.organisationId}` : sql`organisation_id = ${ctx.organisationId}`;
      const rows = await sql<{ id: string }>`
        select t.id::text as id from ${sql.table(table)} t
        where ${orgFilter} and not exists (
          select 1 from audit_events e
          where e.organisation_id = ${ctx.organisationId} and e.entity_type = ${snake(table)} and e.action = 'create' and e.entity_id = t.id::text
        )`.execute(services.db);
      for (const r of rows.rows) missing.push(`${table} ${r.id}`);
    }
    return missing;
  }

  async function countOf(table: string): Promise<number> {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)} where organisation_id = ${ctx.organisationId}`.execute(
      services.db,
    );
    return r.rows[0].n;
  }

  beforeAll(async () => {
    services = await createTestServices();
    ctx = await seedDemo(services);
    // Every organisation-owned record table (id, organisation_id and version), the organisation
    // itself, and API tokens (no version: they are revoked, not edited).
    const tables = await sql<{ tableName: string }>`
      select c.table_name from information_schema.columns c
      where c.table_schema = current_schema() and c.column_name in ('id', 'organisation_id', 'version')
      group by c.table_name having count(*) = 3 order by c.table_name`.execute(services.db);
    audited = [...tables.rows.map((t) => t.tableName), 'organisations', 'api_tokens'];
  }, 180_000);
  afterAll(() => services.close());

  it('finds the tables to compare, with the demo’s records in them', async () => {
    expect(audited).toEqual(
      expect.arrayContaining([
        'users',
        'plans',
        'actions',
        'milestones',
        'indicators',
        'indicator_values',
        'risks',
        'meetings',
      ]),
    );
    expect(await countOf('indicator_values')).toBeGreaterThan(100);
    expect(await countOf('users')).toBe(5);
  });

  it('has a create event for every seeded record', async () => {
    expect(await missingEvents()).toEqual([]);
  });

  it('has a create event for every copy that "Start a new version" makes', async () => {
    // The demo itself starts version 2 of its plan; approve that draft and start version 3.
    const draft = await services.db
      .selectFrom('plans')
      .selectAll()
      .where('organisationId', '=', ctx.organisationId)
      .where('status', '=', 'draft')
      .orderBy('planVersion', 'desc')
      .executeTakeFirstOrThrow();
    await approvePlan(
      services.db,
      ctx.actor,
      draft.id,
      { approvalBody: 'Cabinet', approvalDate: '2024-07-15', approvalReference: 'Cabinet 2024/12' },
      draft.version,
    );
    const copy = await revisePlan(services.db, ctx.actor, draft.id);
    expect(copy.planVersion).toBe(draft.planVersion + 1);
    const copiedActions = await services.db.selectFrom('actions').select('id').where('planId', '=', copy.id).execute();
    const copiedMilestones = await services.db
      .selectFrom('milestones')
      .select('id')
      .where(
        'actionId',
        'in',
        copiedActions.map((a) => a.id),
      )
      .execute();
    expect(copiedActions.length).toBeGreaterThan(0);
    expect(copiedMilestones.length).toBeGreaterThan(0);
    expect(await missingEvents()).toEqual([]);
  });
});
