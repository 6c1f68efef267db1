import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { readMeasures, readNeighbours, readPopulation, type BenchmarkRow } from '../../lib/dfe-tidy.js';
import { clearBenchmarkCache } from './service.js';
import { NATIONAL_MEASURES, NEIGHBOUR_FILE, POPULATION_FILE } from './measures.js';

import { DFE_DATA_DIR } from '../../paths.js';
import { recordVintages } from '../national/release-import.js';

export { DFE_DATA_DIR };

type NationalData = { rows: BenchmarkRow[]; neighbours: ReturnType<typeof readNeighbours> };
// Weakly held: a server imports once and should not keep ~45 MB of parsed rows for its whole life; a
// test run that imports again soon after usually still finds them.
const cache = new Map<string, WeakRef<NationalData>>();

/** Read every national measure from the DfE files in `dir` (nothing written). */
export function readNationalData(dir = DFE_DATA_DIR): NationalData {
  let data = cache.get(dir)?.deref();
  if (!data) {
    data = readNationalDataUncached(dir);
    cache.set(dir, new WeakRef(data));
  }
  return data;
}

function readNationalDataUncached(dir: string): NationalData {
  const population = readPopulation(POPULATION_FILE, fs.readFileSync(path.join(dir, POPULATION_FILE), 'utf8'));
  const byFile = new Map<string, typeof NATIONAL_MEASURES>();
  for (const m of NATIONAL_MEASURES) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
  const rows: BenchmarkRow[] = [];
  for (const [file, specs] of byFile)
    rows.push(...readMeasures(file, fs.readFileSync(path.join(dir, file), 'utf8'), specs, population));
  const neighbours = readNeighbours(NEIGHBOUR_FILE, fs.readFileSync(path.join(dir, NEIGHBOUR_FILE), 'utf8'));
  return { rows, neighbours };
}

async function insertBatches<T>(items: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await insertBatch(items.slice(i, i + size), insert);
}
async function insertBatch<T>(batch: T[], insert: (batch: T[]) => Promise<unknown>) {
  if (batch.length) await insert(batch);
}

/**
 * Load the national benchmark tables (shared by every organisation) from the DfE files, replacing
 * what was there, in one transaction. Returns the number of values read.
 */
export async function importNationalData(
  db: Kysely<Database>,
  dir = DFE_DATA_DIR,
): Promise<{ values: number; authorities: number }> {
  const { rows, neighbours } = readNationalData(dir);
  const areas = new Map<
    string,
    { laCode: string; laName: string; newLaCode: string | null; regionName: string | null }
  >();
  for (const r of rows)
    if (r.level === 'la')
      areas.set(r.areaCode, { laCode: r.areaCode, laName: r.areaName, newLaCode: null, regionName: r.regionName });
  for (const n of neighbours)
    if (!areas.has(n.laCode))
      areas.set(n.laCode, { laCode: n.laCode, laName: n.laName, newLaCode: null, regionName: null });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('benchmarkValues').execute();
    await trx.deleteFrom('nationalNeighbours').execute();
    await trx.deleteFrom('benchmarkAreas').execute();
    await insertBatches(rows, 1000, (batch) => trx.insertInto('benchmarkValues').values(batch).execute());
    await insertBatches([...areas.values()], 500, (batch) => trx.insertInto('benchmarkAreas').values(batch).execute());
    const links = neighbours.flatMap((n) =>
      n.neighbours.map((x) => ({
        laCode: n.laCode,
        position: x.position,
        neighbourCode: x.code,
        closeness: x.closeness,
      })),
    );
    await insertBatches(links, 1000, (batch) => trx.insertInto('nationalNeighbours').values(batch).execute());
  });
  clearBenchmarkCache();
  return { values: rows.length, authorities: areas.size };
}

/** Load the national data once: a no-op when it is already there. */
export async function ensureNationalData(db: Kysely<Database>, dir = DFE_DATA_DIR): Promise<boolean> {
  const any = await db.selectFrom('benchmarkValues').select('measure').limit(1).executeTakeFirst();
  if (any) return false;
  await importNationalData(db, dir);
  await recordVintages(db, dir);
  return true;
}
