import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { laCodesFromDfeCsv, parseOutcomesCsv, type NationalOutcome } from '../../lib/national-outcomes.js';

import { DFE_DATA_DIR, OFSTED_DATA_DIR } from '../../paths.js';
import { recordVintages } from './release-import.js';
import { inspectionRow, upsertInspections } from './inspection-rows.js';

export { OFSTED_DATA_DIR };
const DFE_CODES_FILE = path.join(DFE_DATA_DIR, 'ons_mid-year_population_estimates_2012_to_2024.csv');

export const OUTCOME_FILES = [
  'LA_Inspection_Outcomes_as_at_31_March_2025__ILACS_inspection_history.csv',
  'LA_Inspection_Outcomes_as_at_31_March_2025__In-year_inspections.csv',
];

/**
 * Load Ofsted's published outcomes into national_inspections (replacing rows with the same authority,
 * date and type). The in-year sheet has no status column: an authority's status comes from the history.
 */
export async function importNationalOutcomes(
  db: Kysely<Database>,
  dir = OFSTED_DATA_DIR,
): Promise<{ rows: number; authorities: number }> {
  const codes = fs.existsSync(DFE_CODES_FILE)
    ? laCodesFromDfeCsv(fs.readFileSync(DFE_CODES_FILE, 'utf8'))
    : new Map<string, string>();
  const all: (NationalOutcome & { source: string })[] = [];
  for (const file of OUTCOME_FILES) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) continue;
    for (const row of parseOutcomesCsv(fs.readFileSync(full, 'utf8'))) all.push({ ...row, source: file });
  }
  const status = new Map(all.filter((r) => r.source.includes('history')).map((r) => [r.gssCode, r.laStatus]));
  const unique = new Map<string, NationalOutcome & { source: string }>();
  for (const r of all)
    unique.set(`${r.gssCode}|${r.inspectionDate}|${r.typeKey}`, {
      ...r,
      laStatus: status.get(r.gssCode) ?? r.laStatus,
    });
  const values = [...unique.values()].map((r) => inspectionRow(r, codes, r.source));
  await db.transaction().execute((trx) => upsertInspections(trx, values));
  return { rows: values.length, authorities: new Set(values.map((v) => v.gssCode)).size };
}

/** The demo seeder loads the national table once, when it is empty. */
export async function importNationalOutcomesIfEmpty(db: Kysely<Database>): Promise<boolean> {
  const any = await db.selectFrom('nationalInspections').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await importNationalOutcomes(db);
  await recordVintages(db, OFSTED_DATA_DIR);
  return true;
}
