import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.js';
import type { Executor, RecordTable } from '../../features/audit/audit.js';

/**
 * The organisation's first `table` record whose columns equal `match`, in `orderBy` order where the choice
 * matters. Demo seeders use it both to find what an earlier seeder made and to notice their own earlier
 * run, since every seeder must be safe to run twice.
 */
export async function firstRecord<T extends RecordTable>(
  db: Executor,
  organisationId: string,
  table: T,
  match: Partial<Selectable<Database[T]>> = {},
  orderBy: [column: keyof Database[T] & string, direction: 'asc' | 'desc'][] = [],
): Promise<{ id: string } | undefined> {
  // Kysely cannot check a table and columns chosen at run time; the parameter types above keep them real.
  let query = (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .selectFrom(table as string)
    .select('id')
    .where('organisationId', '=', organisationId);
  for (const [column, value] of Object.entries(match)) query = query.where(column, '=', value);
  for (const [column, direction] of orderBy) query = query.orderBy(column, direction);
  return (await query.limit(1).executeTakeFirst()) as { id: string } | undefined;
}
