import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Executor } from '../audit/audit.js';
import {
  DfeLayoutError,
  readMeasures,
  readNeighbours,
  readPopulation,
  parseTidyCsv,
  type BenchmarkRow,
  type PopulationTable,
} from '../../lib/dfe-tidy.js';
import {
  laCodesFromDfeCsv,
  OutcomesFormatError,
  parseOutcomesCsv,
  type NationalOutcome,
} from '../../lib/national-outcomes.js';
import {
  NationalFileError,
  recogniseNationalFile,
  type MeasureGroup,
  type RecognisedFile,
} from '../../lib/national-files.js';
import { NATIONAL_MEASURES, POPULATION_FILE } from '../benchmarks/measures.js';
import { clearBenchmarkCache } from '../benchmarks/service.js';
import { DFE_DATA_DIR } from '../../paths.js';

/**
 * `national import --from <folder or file>`: load a newer DfE or Ofsted release in its published format.
 * Every file is recognised by its header and parsed before anything is written; then one transaction
 * writes only what changed and records each table's vintage. Running it again changes nothing.
 */
export interface FileChange {
  file: string;
  label: string;
  kind: RecognisedFile['kind'];
  yearsAdded: number[];
  authoritiesAdded: string[];
  authoritiesRenamed: { code: string; from: string; to: string }[];
  valuesAdded: number;
  valuesRevised: number;
  /** Ofsted: inspections and visits added or revised (judgements, publication date). */
  inspectionsAdded: number;
  inspectionsRevised: number;
  note: string | null;
}

export const MEASURE_GROUPS: MeasureGroup[] = [...new Set(NATIONAL_MEASURES.map((m) => m.file))].map((table) => {
  const specs = NATIONAL_MEASURES.filter((m) => m.file === table);
  const columns = [...new Set(specs.flatMap((s) => [s.column, ...Object.keys(s.filters ?? {})]))];
  const distinct = specs.find((s) => s.filters && Object.keys(s.filters).includes('breakdown'));
  return {
    table,
    publication: specs[0].publication,
    columns,
    needsValue: distinct ? (['breakdown', distinct.filters!.breakdown] as [string, string]) : undefined,
  };
});

function csvFiles(from: string): string[] {
  if (!fs.existsSync(from)) throw new NationalFileError(from, null, null, 'no such file or folder');
  if (fs.statSync(from).isDirectory()) {
    const files = fs
      .readdirSync(from)
      .filter((f) => f.toLowerCase().endsWith('.csv'))
      .sort()
      .map((f) => path.join(from, f));
    if (!files.length) throw new NationalFileError(from, null, null, 'the folder has no .csv files');
    return files;
  }
  return [from];
}

interface Parsed {
  file: string;
  text: string;
  recognised: RecognisedFile;
  measures?: BenchmarkRow[];
  population?: PopulationTable;
  areas?: Map<string, { laName: string; regionName: string | null }>;
  neighbours?: ReturnType<typeof readNeighbours>;
  outcomes?: NationalOutcome[];
}

function asFileError(file: string, err: unknown): never {
  if (err instanceof NationalFileError) throw err;
  if (err instanceof DfeLayoutError) {
    const m = /row (\d+), column "([^"]+)": (.*)/.exec(err.problems[0] ?? '');
    throw m
      ? new NationalFileError(file, Number(m[1]), m[2], m[3])
      : new NationalFileError(file, null, null, err.problems.join('; '));
  }
  if (err instanceof OutcomesFormatError) throw new NationalFileError(file, 3, null, err.message);
  throw err;
}

/** Read and check every file; nothing is written. */
export function readRelease(from: string): Parsed[] {
  const files = csvFiles(from);
  const parsed: Parsed[] = files.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { file, text, recognised: recogniseNationalFile(path.basename(file), text, MEASURE_GROUPS) };
  });
  const populationFile = parsed.find((p) => p.recognised.kind === 'dfe-population');
  let population: PopulationTable;
  try {
    population = populationFile
      ? readPopulation(path.basename(populationFile.file), populationFile.text)
      : readPopulation(POPULATION_FILE, fs.readFileSync(path.join(DFE_DATA_DIR, POPULATION_FILE), 'utf8'));
  } catch (err) {
    asFileError(path.basename(populationFile?.file ?? POPULATION_FILE), err);
  }
  for (const p of parsed) {
    const name = path.basename(p.file);
    try {
      if (p.recognised.kind === 'dfe-measures') {
        p.measures = readMeasures(
          name,
          p.text,
          NATIONAL_MEASURES.filter((m) => m.file === p.recognised.table),
          population,
        );
      } else if (p.recognised.kind === 'dfe-population') {
        p.population = population;
        p.areas = new Map();
        for (const r of parseTidyCsv(name, p.text)) {
          if (r.geographic_level === 'Local authority' && /^\d{3}$/.test(r.old_la_code ?? ''))
            p.areas.set(r.old_la_code, { laName: r.la_name, regionName: r.region_name || null });
        }
      } else if (p.recognised.kind === 'dfe-neighbours') {
        p.neighbours = readNeighbours(name, p.text);
      } else if (p.recognised.kind === 'ofsted-history' || p.recognised.kind === 'ofsted-in-year') {
        p.outcomes = parseOutcomesCsv(p.text);
        p.outcomes.forEach((o, i) => {
          if (!/^E\d{8}$/.test(o.gssCode))
            throw new NationalFileError(
              name,
              i + 4,
              'Local authority area code',
              `“${o.gssCode.slice(0, 20)}” is not an area code like E06000016`,
            );
        });
      }
    } catch (err) {
      asFileError(name, err);
    }
  }
  return parsed;
}

const emptyChange = (p: Parsed): FileChange => ({
  file: path.basename(p.file),
  label: p.recognised.label,
  kind: p.recognised.kind,
  yearsAdded: [],
  authoritiesAdded: [],
  authoritiesRenamed: [],
  valuesAdded: 0,
  valuesRevised: 0,
  inspectionsAdded: 0,
  inspectionsRevised: 0,
  note: null,
});

async function inBatches<T>(items: T[], size: number, fn: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

async function upsertAreas(
  trx: Executor,
  areas: Map<string, { laName: string; regionName: string | null }>,
  change: FileChange,
) {
  const existing = new Map(
    (await trx.selectFrom('benchmarkAreas').select(['laCode', 'laName']).execute()).map((a) => [a.laCode, a.laName]),
  );
  const changed: { laCode: string; laName: string; newLaCode: null; regionName: string | null }[] = [];
  for (const [laCode, a] of areas) {
    const before = existing.get(laCode);
    if (before === undefined) change.authoritiesAdded.push(`${a.laName} (${laCode})`);
    else if (before !== a.laName) change.authoritiesRenamed.push({ code: laCode, from: before, to: a.laName });
    else continue;
    changed.push({ laCode, laName: a.laName, newLaCode: null, regionName: a.regionName });
  }
  await inBatches(changed, 500, (batch) =>
    trx
      .insertInto('benchmarkAreas')
      .values(batch)
      .onConflict((oc) =>
        oc
          .column('laCode')
          .doUpdateSet((eb) => ({ laName: eb.ref('excluded.laName'), regionName: eb.ref('excluded.regionName') })),
      )
      .execute(),
  );
}

async function applyMeasures(trx: Executor, p: Parsed, change: FileChange) {
  const rows = p.measures!;
  const measures = [...new Set(rows.map((r) => r.measure))];
  const existing = await trx
    .selectFrom('benchmarkValues')
    .select(['measure', 'year', 'level', 'areaCode', 'areaName', 'value', 'suppression'])
    .where('measure', 'in', measures)
    .execute();
  const byKey = new Map(existing.map((e) => [`${e.measure}|${e.year}|${e.level}|${e.areaCode}`, e]));
  const yearsBefore = new Set(existing.map((e) => e.year));
  const changed: BenchmarkRow[] = [];
  for (const r of rows) {
    const before = byKey.get(`${r.measure}|${r.year}|${r.level}|${r.areaCode}`);
    if (!before) {
      change.valuesAdded++;
      changed.push(r);
    } else if (
      before.value !== r.value ||
      (before.suppression ?? null) !== (r.suppression ?? null) ||
      before.areaName !== r.areaName
    ) {
      if (before.value !== r.value || (before.suppression ?? null) !== (r.suppression ?? null)) change.valuesRevised++;
      changed.push(r);
    }
  }
  change.yearsAdded = [...new Set(rows.map((r) => r.year))].filter((y) => !yearsBefore.has(y)).sort();
  await inBatches(changed, 1000, (batch) =>
    trx
      .insertInto('benchmarkValues')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['measure', 'year', 'level', 'areaCode']).doUpdateSet((eb) => ({
          areaName: eb.ref('excluded.areaName'),
          regionName: eb.ref('excluded.regionName'),
          value: eb.ref('excluded.value'),
          suppression: eb.ref('excluded.suppression'),
        })),
      )
      .execute(),
  );
  // The authorities as this release names them (latest year wins).
  const latest = new Map<string, { year: number; laName: string; regionName: string | null }>();
  for (const r of rows)
    if (r.level === 'la' && (latest.get(r.areaCode)?.year ?? 0) <= r.year)
      latest.set(r.areaCode, { year: r.year, laName: r.areaName, regionName: r.regionName });
  await upsertAreas(
    trx,
    new Map([...latest].map(([k, v]) => [k, { laName: v.laName, regionName: v.regionName }])),
    change,
  );
}

async function applyNeighbours(trx: Executor, p: Parsed, change: FileChange) {
  const existing = await trx.selectFrom('nationalNeighbours').select(['laCode', 'position', 'neighbourCode']).execute();
  const before = new Map(existing.map((e) => [`${e.laCode}|${e.position}`, e.neighbourCode]));
  const links = p.neighbours!.flatMap((n) =>
    n.neighbours.map((x) => ({
      laCode: n.laCode,
      position: x.position,
      neighbourCode: x.code,
      closeness: x.closeness,
    })),
  );
  const changedCodes = new Set(
    links.filter((l) => before.get(`${l.laCode}|${l.position}`) !== l.neighbourCode).map((l) => l.laCode),
  );
  change.valuesRevised = changedCodes.size;
  if (!changedCodes.size) return;
  await trx
    .deleteFrom('nationalNeighbours')
    .where('laCode', 'in', [...changedCodes])
    .execute();
  await inBatches(
    links.filter((l) => changedCodes.has(l.laCode)),
    1000,
    (batch) => trx.insertInto('nationalNeighbours').values(batch).execute(),
  );
  change.note = `Statistical neighbours changed for ${changedCodes.size} authorit${changedCodes.size === 1 ? 'y' : 'ies'}.`;
}

async function applyOutcomes(
  trx: Executor,
  p: Parsed,
  change: FileChange,
  codes: Map<string, string>,
  status: Map<string, string>,
) {
  const existing = await trx
    .selectFrom('nationalInspections')
    .select(['gssCode', 'laName', 'inspectionDate', 'typeKey', 'publishedDate', 'judgements', 'laStatus'])
    .execute();
  const byKey = new Map(existing.map((e) => [`${e.gssCode}|${e.inspectionDate}|${e.typeKey}`, e]));
  const names = new Map(existing.map((e) => [e.gssCode, e.laName]));
  const renamed = new Map<string, { code: string; from: string; to: string }>();
  const added = new Set<string>();
  const values = [];
  for (const r of p.outcomes!) {
    const laStatus = status.get(r.gssCode) ?? r.laStatus;
    const before = byKey.get(`${r.gssCode}|${r.inspectionDate}|${r.typeKey}`);
    const judgements = JSON.stringify(r.judgements);
    const canonical = (j: unknown) =>
      JSON.stringify(Object.entries((j ?? {}) as Record<string, string>).sort(([a], [b]) => a.localeCompare(b)));
    const prevName = names.get(r.gssCode);
    if (prevName === undefined) added.add(`${r.laName} (${r.gssCode})`);
    else if (prevName !== r.laName) renamed.set(r.gssCode, { code: r.gssCode, from: prevName, to: r.laName });
    if (!before) change.inspectionsAdded++;
    else if (before.publishedDate !== r.publishedDate || canonical(before.judgements) !== canonical(r.judgements))
      change.inspectionsRevised++;
    else if (before.laName === r.laName && before.laStatus === laStatus) continue;
    values.push({
      gssCode: r.gssCode,
      laCode: codes.get(r.gssCode) ?? null,
      laName: r.laName,
      laStatus,
      region: r.region,
      inspectionDate: r.inspectionDate,
      publishedDate: r.publishedDate,
      typeKey: r.typeKey,
      overall: r.overall,
      judgements,
      visitTheme: r.visitTheme,
      source: change.file,
    });
  }
  change.authoritiesAdded = existing.length ? [...added] : [];
  change.authoritiesRenamed = [...renamed.values()];
  await inBatches(values, 100, (batch) =>
    trx
      .insertInto('nationalInspections')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['gssCode', 'inspectionDate', 'typeKey']).doUpdateSet((eb) => ({
          laCode: eb.ref('excluded.laCode'),
          laName: eb.ref('excluded.laName'),
          laStatus: eb.ref('excluded.laStatus'),
          region: eb.ref('excluded.region'),
          publishedDate: eb.ref('excluded.publishedDate'),
          overall: eb.ref('excluded.overall'),
          judgements: eb.ref('excluded.judgements'),
          visitTheme: eb.ref('excluded.visitTheme'),
          source: eb.ref('excluded.source'),
          importedAt: sql`now()`,
        })),
      )
      .execute(),
  );
}

async function recordSource(trx: Executor, p: Parsed) {
  const sha256 = crypto.createHash('sha256').update(p.text).digest('hex');
  await trx
    .insertInto('nationalSources')
    .values({
      sourceKey: p.recognised.sourceKey,
      label: p.recognised.label,
      latestPeriod: p.recognised.latestPeriod,
      fileName: path.basename(p.file),
      sha256,
    })
    .onConflict((oc) =>
      oc.column('sourceKey').doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        latestPeriod: eb.ref('excluded.latestPeriod'),
        fileName: eb.ref('excluded.fileName'),
        sha256: eb.ref('excluded.sha256'),
        importedAt: sql`now()`,
      })),
    )
    .execute();
}

/** Load a release (a folder of CSVs or one CSV) into the national tables; returns what changed, file by file. */
export async function importRelease(db: Kysely<Database>, from: string): Promise<FileChange[]> {
  const parsed = readRelease(from);
  const populationFile = parsed.find((p) => p.recognised.kind === 'dfe-population');
  const codes = laCodesFromDfeCsv(
    populationFile?.text ?? fs.readFileSync(path.join(DFE_DATA_DIR, POPULATION_FILE), 'utf8'),
  );
  const status = new Map(
    parsed
      .filter((p) => p.recognised.kind === 'ofsted-history')
      .flatMap((p) => p.outcomes!.map((o) => [o.gssCode, o.laStatus] as [string, string])),
  );
  const changes = await db.transaction().execute(async (trx) => {
    if (!status.size)
      for (const r of await trx.selectFrom('nationalInspections').select(['gssCode', 'laStatus']).execute())
        status.set(r.gssCode, r.laStatus);
    const out: FileChange[] = [];
    for (const p of parsed) {
      const change = emptyChange(p);
      if (p.recognised.kind === 'dfe-measures') await applyMeasures(trx, p, change);
      else if (p.recognised.kind === 'dfe-population') await upsertAreas(trx, p.areas!, change);
      else if (p.recognised.kind === 'dfe-neighbours') await applyNeighbours(trx, p, change);
      else if (p.recognised.kind === 'ofsted-history' || p.recognised.kind === 'ofsted-in-year')
        await applyOutcomes(trx, p, change, codes, status);
      else change.note = 'Recognised, not loaded: Waymark computes this table from the inspection history.';
      if (p.recognised.kind !== 'ofsted-as-at') await recordSource(trx, p);
      out.push(change);
    }
    return out;
  });
  clearBenchmarkCache();
  return changes;
}

/** Record the vintages of the files a seeder loaded (no data is compared or written beyond that). */
export async function recordVintages(db: Kysely<Database>, dir: string): Promise<void> {
  const files = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv'));
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const recognised = recogniseNationalFile(f, text, MEASURE_GROUPS);
    if (recognised.kind !== 'ofsted-as-at') await recordSource(db, { file: f, text, recognised });
  }
}

/** Plain words for the command line: one paragraph per file. */
export function describeChanges(changes: FileChange[]): string {
  return changes
    .map((c) => {
      const parts: string[] = [];
      if (c.yearsAdded.length) parts.push(`years added: ${c.yearsAdded.join(', ')}`);
      if (c.valuesAdded) parts.push(`${c.valuesAdded} values added`);
      if (c.valuesRevised)
        parts.push(
          `${c.valuesRevised} ${c.kind === 'dfe-neighbours' ? 'authorities with new neighbours' : 'values revised'}`,
        );
      if (c.inspectionsAdded) parts.push(`${c.inspectionsAdded} inspections and visits added`);
      if (c.inspectionsRevised) parts.push(`${c.inspectionsRevised} inspections revised`);
      if (c.authoritiesAdded.length)
        parts.push(
          `authorities added: ${c.authoritiesAdded.slice(0, 10).join(', ')}${c.authoritiesAdded.length > 10 ? ` and ${c.authoritiesAdded.length - 10} more` : ''}`,
        );
      if (c.authoritiesRenamed.length)
        parts.push(
          `authorities renamed: ${c.authoritiesRenamed.map((r) => `${r.from} → ${r.to} (${r.code})`).join(', ')}`,
        );
      const what = parts.length ? parts.join('; ') : (c.note ?? 'no changes');
      return `${c.file}: ${c.label}\n  ${what}${parts.length && c.note ? `\n  ${c.note}` : ''}`;
    })
    .join('\n');
}
