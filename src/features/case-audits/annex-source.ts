/**
 * Everything case file audits take from Annex A, in one place (the Annex A internals are being
 * rewritten, so this file is the whole contract): the keyed hash of a case identifier, the latest
 * committed import, and the open records of lists 6 to 9 with their team and worker.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { pseudonymise, shortPseudonym } from '../../lib/annex-a/pseudonym.js';
import { isOpenCin, isOpenCla, isOpenCp } from '../../lib/annex-a/indicators.js';
import type { AnnexRecord } from '../../lib/annex-a/importer.js';
import { CASE_LIST_NUMBERS, casesFromRecords, type CaseList, type OpenRecord } from '../../lib/case-audit-sampling.js';
import { latestCommitted } from '../annex-a/service.js';
import { loadRows } from '../annex-a/row-store.js';

export { shortPseudonym as caseReference };

const LIST_OF_NUMBER = new Map(Object.entries(CASE_LIST_NUMBERS).map(([k, n]) => [n, k as CaseList]));

/** The organisation's keyed hash of a case identifier: the same function and key Annex A stores rows with. */
export async function caseHasher(
  db: Kysely<Database>,
  organisationId: string,
): Promise<(identifier: string) => string> {
  const org = await db
    .selectFrom('organisations')
    .select('pseudonymSecret')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return (identifier: string) => pseudonymise(org.pseudonymSecret, identifier);
}

export interface AnnexSnapshot {
  importId: string;
  referenceDate: string;
  /** Every record of lists 6–9, open or not. */
  records: OpenRecord[];
  /** Those open at the reference date (care leavers are all open). */
  open: OpenRecord[];
}

function isOpen(r: AnnexRecord, ref: string): boolean {
  if (r.list === 6) return isOpenCin(r, ref);
  if (r.list === 7) return isOpenCp(r, ref);
  if (r.list === 8) return isOpenCla(r, ref);
  return r.list === 9;
}

/** The latest committed Annex A import's lists 6–9, or null when there is none. */
export async function latestSnapshot(db: Kysely<Database>, organisationId: string): Promise<AnnexSnapshot | null> {
  const latest = await latestCommitted(db, organisationId);
  if (!latest) return null;
  const lists = await loadRows(db, organisationId, latest.id, Object.values(CASE_LIST_NUMBERS));
  const records: OpenRecord[] = [];
  const open: OpenRecord[] = [];
  for (const [number, rows] of lists) {
    const list = LIST_OF_NUMBER.get(number);
    if (!list) continue;
    for (const r of rows) {
      const rec: OpenRecord = {
        child: r.child,
        list,
        team: r.team,
        worker: r.worker,
        sourceList: number,
        sourceRow: r.row,
      };
      records.push(rec);
      if (isOpen(r, latest.referenceDate)) open.push(rec);
    }
  }
  return { importId: latest.id, referenceDate: latest.referenceDate, records, open };
}

/**
 * What a case added by identifier takes from the snapshot: its list, team and worker and where it is
 * in the workbook (an open record first, else any), or a flag that the snapshot does not have it.
 */
export function caseInSnapshot(snapshot: AnnexSnapshot | null, hash: string) {
  const mine = (rs: OpenRecord[]) => casesFromRecords(rs.filter((r) => r.child === hash))[0];
  const match = snapshot ? (mine(snapshot.open) ?? mine(snapshot.records)) : undefined;
  return {
    listKey: match?.list ?? null,
    team: match?.team ?? null,
    worker: match?.worker ?? null,
    sourceImportId: match ? snapshot!.importId : null,
    sourceList: match?.sourceList ?? null,
    sourceRow: match?.sourceRow ?? null,
    inLatestImport: !!match,
  };
}

/** The latest import's reference date only (for pages that do not need the rows). */
export async function latestSnapshotDate(
  db: Kysely<Database>,
  organisationId: string,
): Promise<{ importId: string; referenceDate: string } | null> {
  const latest = await latestCommitted(db, organisationId);
  return latest ? { importId: latest.id, referenceDate: latest.referenceDate } : null;
}
