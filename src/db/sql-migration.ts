import { sql, type Kysely, type Migration } from 'kysely';

/** A migration whose statements can be read back, so a test can pin what it runs. */
export interface SqlMigration extends Migration {
  readonly statements: readonly string[];
}

/**
 * A migration made of plain SQL statements, run one by one: PGlite's extended protocol takes a single
 * statement per query, and plain SQL keeps one dialect for both engines.
 */
export function sqlMigration(statements: string[]): SqlMigration {
  return {
    statements,
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}

/**
 * The first columns of every organisation's record table: its id and the organisation that owns it
 * (tenancy: every query filters on it). Written for the six-space indent of a column list, so a
 * statement built with it is the same text as the one written out in full that councils already ran.
 */
export const recordKey = `id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id)`;

/**
 * The last columns of every audited record table: the version an update must quote (a stale one is a
 * 409) and when the row was created and last updated. Table constraints follow them.
 */
export const recordColumns = `version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()`;

/**
 * A link between two of an organisation's records (a plan and an inspection it answers, an action and
 * a finding): the pair is the key, and the link goes when either record does.
 */
export function linkTable(
  name: string,
  from: [column: string, table: string],
  to: [column: string, table: string],
): string {
  return `create table ${name} (
      organisation_id uuid not null references organisations(id),
      ${from[0]} uuid not null references ${from[1]}(id) on delete cascade,
      ${to[0]} uuid not null references ${to[1]}(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (${from[0]}, ${to[0]})
    )`;
}
