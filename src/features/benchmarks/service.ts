import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/schema.js';
import type { Executor } from '../audit/audit.js';
import { averageOf, quartileOf, rankAmong, type Polarity } from '../../lib/benchmark-stats.js';
import { latestJudgementsAt } from '../national/comparators.js';
import { GRADE_LABELS, GRADES, type Grade } from '../../lib/frameworks.js';
import { formatGovukDate, todayInLondon } from '../../lib/dates.js';

/**
 * Authorities grouped by their latest Ofsted overall effectiveness grade (from the national
 * inspection outcomes) as at a date. Cached for a minute: it changes only when outcomes are imported.
 */
const judgementCache = new Map<string, { at: number; groups: { id: string; name: string; laCodes: string[] }[] }>();
/** The groups use Ofsted's own basis: the latest inspection carried out by the date (as its "as at" tables). */
export const JUDGEMENT_GROUP_BASIS = 'inspected' as const;
export async function judgementGroups(
  db: Executor,
  asAtIso: string,
): Promise<{ id: string; name: string; laCodes: string[] }[]> {
  const hit = judgementCache.get(asAtIso);
  if (hit && Date.now() - hit.at < 60_000) return hit.groups;
  let latest: Awaited<ReturnType<typeof latestJudgementsAt>> = [];
  try {
    latest = await latestJudgementsAt(db as Kysely<Database>, asAtIso, JUDGEMENT_GROUP_BASIS);
  } catch {
    latest = [];
  }
  const groups = GRADES.map((g: Grade) => ({
    id: `ofsted-${g}`,
    name: `Judged ${GRADE_LABELS[g].toLowerCase()} at their latest Ofsted inspection carried out by ${formatGovukDate(asAtIso)} (Ofsted’s basis)`,
    laCodes: latest.filter((l) => l.overall === g && /^\d{3}$/.test(l.laCode)).map((l) => l.laCode),
  })).filter((g) => g.laCodes.length);
  judgementCache.set(asAtIso, { at: Date.now(), groups });
  return groups;
}

export interface Comparators {
  laCode: string | null;
  region: string | null;
  regionCode: string | null;
  /** The organisation's statistical neighbours (3-digit codes), in order. */
  neighbours: string[];
  groups: { id: string; name: string; laCodes: string[] }[];
}

export async function getComparators(
  db: Executor,
  organisationId: string,
  now: Date = new Date(),
): Promise<Comparators> {
  const org = await db
    .selectFrom('organisations')
    .select(['laCode', 'region'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const neighbours = await db
    .selectFrom('organisationNeighbours')
    .select('laCode')
    .where('organisationId', '=', organisationId)
    .orderBy('position')
    .execute();
  const groups = await db
    .selectFrom('benchmarkGroups')
    .select(['id', 'name', 'laCodes'])
    .where('organisationId', '=', organisationId)
    .orderBy('name')
    .execute();
  let regionCode: string | null = null;
  if (org.region) {
    const r = await db
      .selectFrom('benchmarkValues')
      .select('areaCode')
      .where('level', '=', 'regional')
      .where('areaName', 'ilike', org.region.trim())
      .limit(1)
      .executeTakeFirst();
    regionCode = r?.areaCode ?? null;
  }
  const byJudgement = await judgementGroups(db, todayInLondon(now));
  return {
    laCode: org.laCode,
    region: org.region,
    regionCode,
    neighbours: neighbours.map((n) => n.laCode),
    groups: [...byJudgement, ...groups.map((g) => ({ ...g, laCodes: g.laCodes as string[] }))],
  };
}

export interface MeasureYearData {
  measure: string;
  year: number;
  england: number | null;
  regions: Map<string, number | null>;
  authorities: {
    laCode: string;
    laName: string;
    regionName: string | null;
    value: number | null;
    suppression: string | null;
  }[];
}

/**
 * National figures change only when the DfE files are imported, so each measure-year is kept in memory
 * for five minutes (and dropped at once when this process imports): the scorecard then reads no
 * national rows at all on most requests.
 */
const measureCache = new Map<string, { at: number; data: MeasureYearData | null }>();
const latestCache = new Map<string, { at: number; year: number | null }>();
const CACHE_MS = 5 * 60_000;
export function clearBenchmarkCache(): void {
  measureCache.clear();
  latestCache.clear();
}

/** All geographies of some measures for one year each (the latest published when `year` is null). */
export async function loadMeasureYears(
  db: Kysely<Database> | Executor,
  requests: { measure: string; year: number | null }[],
): Promise<Map<string, MeasureYearData>> {
  const now = Date.now();
  const fresh = <T extends { at: number }>(e: T | undefined): e is T => !!e && now - e.at < CACHE_MS;
  const needLatest = [
    ...new Set(requests.filter((r) => r.year === null && !fresh(latestCache.get(r.measure))).map((r) => r.measure)),
  ];
  if (needLatest.length) {
    const latest = await db
      .selectFrom('benchmarkValues')
      .select(['measure', (eb) => eb.fn.max('year').as('year')])
      .where('measure', 'in', needLatest)
      .where('level', '=', 'national')
      .groupBy('measure')
      .execute();
    const found = new Map(latest.map((l) => [l.measure, Number(l.year)]));
    for (const m of needLatest) latestCache.set(m, { at: now, year: found.get(m) ?? null });
  }
  const resolved = requests.map((r) => ({ ...r, resolved: r.year ?? latestCache.get(r.measure)?.year ?? null }));
  const missing = resolved
    .filter((r) => r.resolved !== null && !fresh(measureCache.get(`${r.measure}|${r.resolved}`)))
    .map((r) => ({ measure: r.measure, year: r.resolved }));
  if (missing.length) {
    const loaded = await loadMeasureYearsUncached(db, missing);
    for (const m of missing)
      measureCache.set(`${m.measure}|${m.year}`, { at: now, data: loaded.get(`${m.measure}|${m.year}`) ?? null });
  }
  const out = new Map<string, MeasureYearData>();
  for (const r of resolved) {
    if (r.resolved === null) continue;
    const data = measureCache.get(`${r.measure}|${r.resolved}`)?.data;
    if (!data) continue;
    out.set(`${r.measure}|${r.resolved}`, data);
    if (r.year === null) out.set(`${r.measure}|latest`, data);
  }
  return out;
}

async function loadMeasureYearsUncached(
  db: Kysely<Database> | Executor,
  requests: { measure: string; year: number | null }[],
): Promise<Map<string, MeasureYearData>> {
  const out = new Map<string, MeasureYearData>();
  if (!requests.length) return out;
  const measures = [...new Set(requests.map((r) => r.measure))];
  const latest = await db
    .selectFrom('benchmarkValues')
    .select(['measure', (eb) => eb.fn.max('year').as('year')])
    .where('measure', 'in', measures)
    .groupBy('measure')
    .execute();
  const latestBy = new Map(latest.map((l) => [l.measure, Number(l.year)]));
  const wanted = requests
    .map((r) => ({ measure: r.measure, year: r.year ?? latestBy.get(r.measure) ?? null }))
    .filter((r): r is { measure: string; year: number } => r.year !== null);
  if (!wanted.length) return out;
  const query = db
    .selectFrom('benchmarkValues')
    .select(['measure', 'year', 'level', 'areaCode', 'areaName', 'regionName', 'value', 'suppression'])
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb('measure', '=', w.measure), eb('year', '=', w.year)]))))
    .orderBy('areaName');
  // One JSON array: PGlite decodes thousands of plain rows slowly.
  const { rows } = await db.selectNoFrom(() => jsonArrayFrom(query).as('rows')).executeTakeFirstOrThrow();
  for (const w of wanted)
    out.set(`${w.measure}|${w.year}`, {
      measure: w.measure,
      year: w.year,
      england: null,
      regions: new Map(),
      authorities: [],
    });
  for (const r of rows) {
    const d = out.get(`${r.measure}|${r.year}`);
    if (!d) continue;
    if (r.level === 'national') d.england = r.value;
    else if (r.level === 'regional') d.regions.set(r.areaCode, r.value);
    else
      d.authorities.push({
        laCode: r.areaCode,
        laName: r.areaName,
        regionName: r.regionName,
        value: r.value,
        suppression: r.suppression,
      });
  }
  for (const w of requests)
    if (w.year === null && latestBy.has(w.measure))
      out.set(`${w.measure}|latest`, out.get(`${w.measure}|${latestBy.get(w.measure)}`)!);
  return out;
}

export interface BenchmarkSummary {
  measure: string;
  year: number;
  england: number | null;
  region: number | null;
  regionName: string | null;
  neighbours: number | null;
  own: number | null;
  rank: number | null;
  of: number | null;
  quartile: 1 | 2 | 3 | 4 | null;
  neighbourRank: number | null;
  neighbourOf: number | null;
  groups: { name: string; average: number | null }[];
  items: {
    laCode: string;
    laName: string;
    value: number | null;
    suppression: string | null;
    neighbour: boolean;
    own: boolean;
  }[];
}

/**
 * Compare one year of a measure: England, the organisation's region, the average of its statistical
 * neighbours and of each custom group, and the organisation's rank and quartile among all English
 * authorities and among its neighbours. `own` is the organisation's value for that year (its DfE
 * value when it has a DfE code, otherwise its own recorded value); no own value → no rank.
 */
export function summarise(
  data: MeasureYearData,
  comparators: Comparators,
  polarity: Polarity,
  ownFallback: number | null,
): BenchmarkSummary {
  const neighbourSet = new Set(comparators.neighbours);
  const byCode = new Map(data.authorities.map((a) => [a.laCode, a]));
  const ownRow = comparators.laCode ? byCode.get(comparators.laCode) : undefined;
  const own = comparators.laCode ? (ownRow?.value ?? null) : ownFallback;
  const others = data.authorities.filter((a) => a.laCode !== comparators.laCode);
  const national = rankAmong(
    own,
    others.map((a) => a.value),
    polarity,
  );
  const neighbourValues = comparators.neighbours.map((c) => byCode.get(c)?.value ?? null);
  const amongNeighbours = rankAmong(own, neighbourValues, polarity);
  return {
    measure: data.measure,
    year: data.year,
    england: data.england,
    region: comparators.regionCode ? (data.regions.get(comparators.regionCode) ?? null) : null,
    regionName: comparators.region,
    neighbours: averageOf(neighbourValues),
    own,
    rank: national?.rank ?? null,
    of: national?.of ?? null,
    quartile: national ? quartileOf(national.rank, national.of) : null,
    neighbourRank: amongNeighbours?.rank ?? null,
    neighbourOf: amongNeighbours?.of ?? null,
    groups: comparators.groups.map((g) => ({
      name: g.name,
      average: averageOf(g.laCodes.map((c) => byCode.get(c)?.value ?? null)),
    })),
    items: data.authorities.map((a) => ({
      laCode: a.laCode,
      laName: a.laName,
      value: a.value,
      suppression: a.suppression,
      neighbour: neighbourSet.has(a.laCode),
      own: a.laCode === comparators.laCode,
    })),
  };
}

/** Years for which a measure has national data, newest first. */
export async function measureYears(db: Executor, measure: string): Promise<number[]> {
  const rows = await db
    .selectFrom('benchmarkValues')
    .select('year')
    .distinct()
    .where('measure', '=', measure)
    .where('level', '=', 'national')
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => r.year);
}

/** England, region and neighbour-average series across every year, for the line chart. */
export async function benchmarkSeries(
  db: Executor,
  measure: string,
  comparators: Comparators,
): Promise<{ year: number; england: number | null; region: number | null; neighbours: number | null }[]> {
  const codes = [...comparators.neighbours];
  const rows = await db
    .selectFrom('benchmarkValues')
    .select(['year', 'level', 'areaCode', 'value'])
    .where('measure', '=', measure)
    .where((eb) =>
      eb.or([
        eb('level', '=', 'national'),
        eb.and([eb('level', '=', 'regional'), eb('areaCode', '=', comparators.regionCode ?? '-')]),
        ...(codes.length ? [eb.and([eb('level', '=', 'la'), eb('areaCode', 'in', codes)])] : []),
      ]),
    )
    .orderBy('year')
    .execute();
  const years = new Map<number, { england: number | null; region: number | null; nb: (number | null)[] }>();
  for (const r of rows) {
    if (!years.has(r.year)) years.set(r.year, { england: null, region: null, nb: [] });
    const y = years.get(r.year)!;
    if (r.level === 'national') y.england = r.value;
    else if (r.level === 'regional') y.region = r.value;
    else y.nb.push(r.value);
  }
  return [...years.entries()].map(([year, y]) => ({
    year,
    england: y.england,
    region: y.region,
    neighbours: averageOf(y.nb),
  }));
}

/** Pre-fill an organisation's statistical neighbours from the DfE model for a DfE code. */
export async function neighboursFromDfe(db: Executor, laCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('nationalNeighbours')
    .select('neighbourCode')
    .where('laCode', '=', laCode)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.neighbourCode);
}

export async function listAuthorities(
  db: Executor,
): Promise<{ laCode: string; laName: string; regionName: string | null }[]> {
  return db.selectFrom('benchmarkAreas').select(['laCode', 'laName', 'regionName']).orderBy('laName').execute();
}
