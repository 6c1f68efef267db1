import { inspectionType } from '../../lib/frameworks.js';
import {
  inspectionFromNational,
  notYetRecorded,
  type NationalOutcomeRow,
  type PrefillInspection,
} from '../../lib/national-prefill.js';
import type { Actor, Executor } from '../audit/audit.js';
import { createInspection, validateInspection, type InspectionRow } from '../inspections/service.js';

export interface NationalPending {
  row: NationalOutcomeRow & { laName: string };
  typeLabel: string;
  input: PrefillInspection;
  /** Why Waymark cannot record it as published (a rule of the inspection), or null. */
  problem: string | null;
}

export interface NationalRecord {
  /** The organisation's 3-digit DfE code, or null when it has none set. */
  laCode: string | null;
  /** Whether the organisation has an area code (3-digit or GSS) to match Ofsted's table on. */
  areaSet: boolean;
  /** Ofsted's name for the authority, when it has published outcomes. */
  authority: string | null;
  /** How many published inspections and visits Ofsted lists for the authority. */
  published: number;
  pending: NationalPending[];
}

/** The authority's rows of the national table, matched on its 3-digit code (or its GSS code when set). */
async function nationalRows(db: Executor, laCode: string | null, gssCode: string | null) {
  if (!laCode && !gssCode) return [];
  const rows = await db
    .selectFrom('nationalInspections')
    .select(['laName', 'inspectionDate', 'publishedDate', 'typeKey', 'judgements', 'visitTheme'])
    .where((eb) =>
      eb.or([...(laCode ? [eb('laCode', '=', laCode)] : []), ...(gssCode ? [eb('gssCode', '=', gssCode)] : [])]),
    )
    .orderBy('inspectionDate')
    .execute();
  return rows.map((r) => ({ ...r, judgements: (r.judgements ?? {}) as unknown as Record<string, string> }));
}

/** Ofsted's published record for the organisation's authority, and which of it is not yet in its history. */
export async function nationalRecordFor(db: Executor, organisationId: string): Promise<NationalRecord> {
  const org = await db
    .selectFrom('organisations')
    .select(['laCode', 'gssCode'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const rows = await nationalRows(db, org.laCode, org.gssCode);
  const recorded = await db
    .selectFrom('inspections')
    .select(['typeKey', 'startDate', 'endDate', 'publishedDate'])
    .where('organisationId', '=', organisationId)
    .execute();
  return {
    laCode: org.laCode,
    areaSet: Boolean(org.laCode || org.gssCode),
    authority: rows[0]?.laName ?? null,
    published: rows.length,
    pending: notYetRecorded(rows, recorded).map((row) => {
      const input = inspectionFromNational(row);
      const { details } = validateInspection(input);
      return {
        row,
        input,
        typeLabel: inspectionType(row.typeKey)?.label ?? row.typeKey,
        problem: details[0]?.message ?? null,
      };
    }),
  };
}

/**
 * Record every published inspection of the organisation's authority that its history lacks (source
 * 'national-import'), in the caller's transaction. Running it again adds nothing.
 */
export async function prefillFromNational(
  trx: Executor,
  actor: Actor,
): Promise<{ areaSet: boolean; added: InspectionRow[]; skipped: NationalPending[] }> {
  const record = await nationalRecordFor(trx, actor.organisationId);
  const added: InspectionRow[] = [];
  for (const p of record.pending) {
    if (!p.problem) added.push(await createInspection(trx, actor, p.input, 'national-import'));
  }
  return { areaSet: record.areaSet, added, skipped: record.pending.filter((p) => p.problem) };
}
