import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The days that are not working days for this organisation: national bank holidays plus its own. */
export async function loadHolidays(db: Kysely<Database>, organisationId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('bankHolidays')
    .select('date')
    .where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]))
    .execute();
  return new Set(rows.map((r) => r.date));
}

export async function listHolidays(db: Kysely<Database>, organisationId: string, fromIso: string) {
  return db
    .selectFrom('bankHolidays')
    .select(['id', 'date', 'title', 'organisationId'])
    .where((eb) => eb.or([eb('organisationId', 'is', null), eb('organisationId', '=', organisationId)]))
    .where('date', '>=', fromIso)
    .orderBy('date')
    .execute();
}
