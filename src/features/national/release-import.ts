import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Executor } from '../audit/audit.js';
import type { BenchmarkRow } from '../../lib/dfe-tidy.js';
import { laCodesFromDfeCsv } from '../../lib/national-outcomes.js';
import { recogniseNationalFile, type RecognisedFile } from '../../lib/national-files.js';
import { inspectionRow, upsertInspections, type InspectionRow } from './inspection-rows.js';
import { MEASURE_GROUPS, readRelease, type Parsed } from './release-read.js';
import { POPULATION_FILE } from '../benchmarks/measures.js';
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
  const values: InspectionRow[] = [];
  for (const r of p.outcomes!) {
    const laStatus = status.get(r.gssCode) ?? r.laStatus;
    const before = byKey.get(`${r.gssCode}|${r.inspectionDate}|${r.typeKey}`);
    const canonical = (j: unknown) =>
      JSON.stringify(Object.entries((j ?? {}) as Record<string, string>).sort(([a], [b]) => a.localeCompare(b)));
    const prevName = names.get(r.gssCode);
    if (prevName === undefined) added.add(`${r.laName} (${r.gssCode})`);
    else if (prevName !== r.laName) renamed.set(r.gssCode, { code: r.gssCode, from: prevName, to: r.laName });
    if (!before) change.inspectionsAdded++;
    else if (before.publishedDate !== r.publishedDate || canonical(before.judgements) !== canonical(r.judgements))
      change.inspectionsRevised++;
    else if (before.laName === r.laName && before.laStatus === laStatus) continue;
    values.push(inspectionRow({ ...r, laStatus }, codes, change.file));
  }
  change.authoritiesAdded = existing.length ? [...added] : [];
  change.authoritiesRenamed = [...renamed.values()];
  await upsertInspections(trx, values);
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
