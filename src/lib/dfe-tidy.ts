import { parse } from 'csv-parse/sync';
import { SUPPRESSION_CODES } from './indicator-values.js';
import { ratePer10k } from './benchmark-stats.js';

/**
 * Reading DfE "tidy" CSVs (Explore Education Statistics): one row per year and geography, the
 * geography in `geographic_level` (National / Regional / Local authority) and its codes, then the
 * measures. A measure is one column, optionally narrowed by filter columns (for files that hold
 * several measures in long form), or a count turned into a rate per 10,000 children with the ONS
 * 0–17 population. Suppression codes become missing values with the code kept, never zero.
 */
export interface MeasureSpec {
  key: string;
  file: string;
  column: string;
  filters?: Record<string, string>;
  /** Turn the column (a count) into a rate per 10,000 children aged 0–17. */
  perTenThousand?: boolean;
}

export interface BenchmarkRow {
  measure: string;
  year: number;
  level: 'national' | 'regional' | 'la';
  areaCode: string;
  areaName: string;
  regionName: string | null;
  value: number | null;
  suppression: string | null;
}

export class DfeLayoutError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not in the expected DfE layout: ${problems.join('; ')}`);
  }
}

const GEOGRAPHY_COLUMNS = [
  'time_period',
  'geographic_level',
  'country_code',
  'region_code',
  'region_name',
  'old_la_code',
  'la_name',
];
const LEVELS: Record<string, BenchmarkRow['level']> = {
  National: 'national',
  Regional: 'regional',
  'Local authority': 'la',
};

/** Population lookup: `${level}:${areaCode}` → year → children aged 0–17. */
export type PopulationTable = Map<string, Map<number, number>>;

export function parseTidyCsv(file: string, text: string): Record<string, string>[] {
  try {
    return parse(text, {
      columns: (header: string[]) => header.map((h) => h.replace(/^\uFEFF/, '').trim()),
      skip_empty_lines: true,
      bom: true,
      relax_column_count: false,
    }) as Record<string, string>[];
  } catch (err) {
    throw new DfeLayoutError(file, [`the CSV cannot be read (${(err as Error).message})`]);
  }
}

function checkColumns(file: string, rows: Record<string, string>[], needed: string[]): void {
  if (!rows.length) throw new DfeLayoutError(file, ['it has no data rows']);
  const have = new Set(Object.keys(rows[0]));
  const missing = needed.filter((c) => !have.has(c));
  if (missing.length)
    throw new DfeLayoutError(file, [
      `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}`,
    ]);
}

function geography(
  row: Record<string, string>,
): { level: BenchmarkRow['level']; areaCode: string; areaName: string; regionName: string | null } | null {
  const level = LEVELS[row.geographic_level];
  if (!level) return null;
  if (level === 'national')
    return {
      level,
      areaCode: row.country_code || 'E92000001',
      areaName: row.country_name || 'England',
      regionName: null,
    };
  if (level === 'regional')
    return row.region_code
      ? { level, areaCode: row.region_code, areaName: row.region_name, regionName: row.region_name }
      : null;
  return row.old_la_code
    ? { level, areaCode: row.old_la_code, areaName: row.la_name, regionName: row.region_name || null }
    : null;
}

/** The ONS mid-year 0–17 population by geography and year. */
export function readPopulation(file: string, text: string): PopulationTable {
  const rows = parseTidyCsv(file, text);
  checkColumns(file, rows, [...GEOGRAPHY_COLUMNS, 'population_estimate']);
  const table: PopulationTable = new Map();
  rows.forEach((row) => {
    const geo = geography(row);
    const pop = Number(row.population_estimate);
    if (!geo || !Number.isFinite(pop) || pop <= 0) return;
    const key = `${geo.level}:${geo.areaCode}`;
    if (!table.has(key)) table.set(key, new Map());
    table.get(key)!.set(Number(row.time_period), pop);
  });
  return table;
}

/**
 * The population for a DfE reporting year ending 31 March `year`: the ONS mid-year estimate for the
 * calendar year before (as DfE does), or the latest earlier estimate when that is not published yet.
 */
export function populationFor(table: PopulationTable, level: string, areaCode: string, year: number): number | null {
  const byYear = table.get(`${level}:${areaCode}`);
  if (!byYear) return null;
  for (let y = year - 1; y >= year - 4; y--) if (byYear.has(y)) return byYear.get(y)!;
  return null;
}

/** Every row of every geography and year for the measures read from one file. */
export function readMeasures(
  file: string,
  text: string,
  specs: MeasureSpec[],
  population?: PopulationTable,
): BenchmarkRow[] {
  const rows = parseTidyCsv(file, text);
  const needed = new Set(GEOGRAPHY_COLUMNS);
  for (const s of specs) {
    needed.add(s.column);
    Object.keys(s.filters ?? {}).forEach((c) => needed.add(c));
  }
  checkColumns(file, rows, [...needed]);
  const out = new Map<string, BenchmarkRow>();
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const geo = geography(row);
    if (!geo) return;
    const year = Number(String(row.time_period).slice(0, 4));
    if (!Number.isInteger(year) || year < 1990) {
      if (problems.length < 5) problems.push(`row ${i + 2}, column "time_period": "${row.time_period}" is not a year`);
      return;
    }
    for (const spec of specs) {
      if (spec.filters && Object.entries(spec.filters).some(([c, v]) => row[c] !== v)) continue;
      const raw = String(row[spec.column] ?? '').trim();
      let value: number | null = null;
      let suppression: string | null = null;
      if (raw === '' || SUPPRESSION_CODES.has(raw.toLowerCase())) suppression = raw || 'blank';
      else {
        const n = Number(raw.replace(/,/g, ''));
        if (!Number.isFinite(n)) {
          if (problems.length < 5)
            problems.push(
              `row ${i + 2}, column "${spec.column}": "${raw.slice(0, 20)}" is neither a number nor a suppression code`,
            );
          continue;
        }
        value = n;
      }
      if (spec.perTenThousand && value !== null) {
        value = ratePer10k(value, population ? populationFor(population, geo.level, geo.areaCode, year) : null);
        if (value === null) suppression = 'no population';
      }
      out.set(`${spec.key}|${year}|${geo.level}|${geo.areaCode}`, {
        measure: spec.key,
        year,
        ...geo,
        value,
        suppression,
      });
    }
  });
  if (problems.length) throw new DfeLayoutError(file, problems);
  return [...out.values()];
}

/** DfE statistical neighbour files (the 2021 groupings or the 2025 model): each authority's ten nearest. */
export function readNeighbours(
  file: string,
  text: string,
): { laCode: string; laName: string; neighbours: { position: number; code: string; closeness: string }[] }[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new DfeLayoutError(file, [`the CSV cannot be read (${(err as Error).message})`]);
  }
  const header = records[0]?.map((h) => h.replace(/^\uFEFF/, '').trim()) ?? [];
  const codeCol = header.findIndex((h) => /^(old_la_code|LA num)$/i.test(h));
  const nameCol = header.findIndex((h) => /^(la_name|LA Name)$/i.test(h));
  const snCols = header.map((h, i) => ({ h, i })).filter(({ h }) => /^SN_?\d+$/i.test(h));
  if (codeCol < 0 || nameCol < 0 || snCols.length < 5)
    throw new DfeLayoutError(file, ['expected an authority code column, a name column and neighbour columns SN1…SN10']);
  return records
    .slice(1)
    .filter((r) => /^\d{3}$/.test((r[codeCol] ?? '').trim()))
    .map((r) => ({
      laCode: r[codeCol].trim(),
      laName: r[nameCol].trim(),
      neighbours: snCols
        .map(({ h, i }) => ({
          position: Number(h.replace(/\D/g, '')),
          code: (r[i] ?? '').trim(),
          closeness: (r[i + 1] ?? '').trim(),
        }))
        .filter((n) => /^\d{3}$/.test(n.code)),
    }));
}
