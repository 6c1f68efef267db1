import fs from 'node:fs';
import path from 'node:path';
import type { NationalAuthority } from '../../lib/authority-names.js';
import { dfeCsvRecords } from '../../lib/national-outcomes.js';
import { DFE_DATA_DIR } from '../../paths.js';

const POPULATION_FILE = path.join(DFE_DATA_DIR, 'ons_mid-year_population_estimates_2012_to_2024.csv');
let cached: NationalAuthority[] | null = null;

/**
 * Every English local authority since 2012 with its DfE and area codes and the years it existed, from the
 * DfE copy of the ONS population estimates shipped in national-data/ (read once per process).
 */
export function nationalAuthorities(file = POPULATION_FILE): NationalAuthority[] {
  if (cached && file === POPULATION_FILE) return cached;
  const rows = dfeCsvRecords(fs.readFileSync(file, 'utf8'));
  const byKey = new Map<string, NationalAuthority>();
  for (const r of rows) {
    if (r.geographic_level !== 'Local authority' || !/^\d{3}$/.test(r.old_la_code ?? '') || !r.new_la_code) continue;
    const year = Number(String(r.time_period).slice(0, 4));
    const key = `${r.old_la_code}|${r.new_la_code}|${r.la_name}`;
    const e = byKey.get(key);
    if (e) {
      e.from = Math.min(e.from, year);
      e.to = Math.max(e.to, year);
    } else byKey.set(key, { laCode: r.old_la_code, gssCode: r.new_la_code, name: r.la_name, from: year, to: year });
  }
  const list = [...byKey.values()];
  if (file === POPULATION_FILE) cached = list;
  return list;
}
