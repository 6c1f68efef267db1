import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/**
 * `schema` names the schema that holds Kysely's own bookkeeping tables: its existence check looks
 * across all schemas, so it is always named, by default the connection's current schema (a deployment
 * or test that sets search_path to its own schema then never mistakes another schema's tables for its own).
 */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<string[]> {
  schema ??= (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    migrationTableSchema: schema,
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
