/** Reads of Annex A imports for the pages and the API: the list of imports, findings, and the rows behind a figure. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getOwned } from '../audit/audit.js';
import { NotFoundError } from '../../lib/errors.js';
import { INDICATOR_BY_KEY, listsOf, type OwnArea } from '../../lib/annex-a/indicators.js';
import { loadHolidays } from '../calendar/holidays.js';
import { loadRows } from './row-store.js';
import type { PreviousSnapshot } from '../../lib/annex-a/snapshot-compare.js';
import type { StoredIndicator } from './tables.js';
import type { Finding } from '../../lib/annex-a/import-types.js';

export async function ownArea(
  db: Kysely<Database>,
  organisationId: string,
): Promise<OwnArea & { childPopulation: number | null }> {
  const org = await db
    .selectFrom('organisations')
    .select(['name', 'laCode', 'gssCode', 'childPopulation'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return { name: org.name, laCode: org.laCode, gssCode: org.gssCode, childPopulation: org.childPopulation };
}

export async function listImports(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('annexImports')
    .select([
      'id',
      'referenceDate',
      'status',
      'filename',
      'fileHash',
      'totalRows',
      'errors',
      'warnings',
      'importedByName',
      'createdAt',
      'committedAt',
    ])
    .where('organisationId', '=', organisationId)
    .where('status', '!=', 'discarded')
    .orderBy('createdAt', 'desc')
    .execute();
}

export async function latestCommitted(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('annexImports')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('status', '=', 'committed')
    .orderBy('referenceDate', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function loadFindings(db: Kysely<Database>, organisationId: string, importId: string, limit?: number) {
  let q = db
    .selectFrom('annexFindings')
    .select(['severity', 'checkName', 'listNumber', 'sheet', 'rowNumber', 'columnName', 'value', 'reason'])
    .where('organisationId', '=', organisationId)
    .where('importId', '=', importId)
    .orderBy('id');
  if (limit) q = q.limit(limit);
  return q.execute();
}

export type StoredFinding = Awaited<ReturnType<typeof loadFindings>>[number];

/** A stored finding in the importer's own terms (and the API's). */
export const findingOf = (f: StoredFinding): Finding => ({
  severity: f.severity,
  check: f.checkName,
  list: f.listNumber,
  sheet: f.sheet,
  row: f.rowNumber,
  column: f.columnName,
  value: f.value,
  reason: f.reason,
});

/** The rows behind one computed figure, recomputed from the stored pseudonymised rows. */
export async function drillDown(db: Kysely<Database>, organisationId: string, importId: string, key: string) {
  const imp = await getOwned(db, organisationId, 'annexImports', importId);
  const def = INDICATOR_BY_KEY.get(key);
  if (!def || imp.status !== 'committed') throw new NotFoundError();
  const stored = ((imp.indicators as StoredIndicator[] | null) ?? []).find((i) => i.key === key);
  if (!stored) throw new NotFoundError('This snapshot has no figure for that indicator');
  const lists = await loadRows(db, organisationId, importId, listsOf(def));
  const area = await ownArea(db, organisationId);
  const holidays = await loadHolidays(db, organisationId);
  const result = def.compute({
    referenceDate: imp.referenceDate,
    holidays,
    childPopulation: area.childPopulation,
    lists,
    ownArea: area,
  });
  return { imp, def, result, stored };
}

/** The committed snapshot to compare an upload with: the one it would replace, else the latest before it, else the latest. */
export async function previousSnapshot(
  db: Kysely<Database>,
  organisationId: string,
  referenceDate: string,
): Promise<PreviousSnapshot | null> {
  const committed = await db
    .selectFrom('annexImports')
    .select(['id', 'referenceDate', 'rowCounts'])
    .where('organisationId', '=', organisationId)
    .where('status', '=', 'committed')
    .orderBy('referenceDate', 'desc')
    .execute();
  const pick =
    committed.find((c) => c.referenceDate === referenceDate) ??
    committed.find((c) => c.referenceDate < referenceDate) ??
    committed[0];
  return pick
    ? { id: pick.id, referenceDate: pick.referenceDate, rowCounts: pick.rowCounts as Record<string, number> }
    : null;
}
