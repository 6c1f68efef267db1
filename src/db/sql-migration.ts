import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A migration made of plain SQL statements, run one by one: PGlite's extended protocol takes a single
 * statement per query, and plain SQL keeps one dialect for both engines.
 */
export function sqlMigration(statements: string[]): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}
