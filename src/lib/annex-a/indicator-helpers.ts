/** What the Annex A indicators share: date windows, rounding, reading a record's values, and result builders. */
import { formatIsoDate, parseIsoDate } from '../dates.js';
import { countWorkingDays } from '../working-days.js';
import type { AnnexRecord } from './import-types.js';
import type {
  Breakdown,
  ColumnRef,
  DrillRow,
  IndicatorContext,
  IndicatorDefinition,
  IndicatorResult,
  OwnArea,
} from './indicator-types.js';
import { normaliseHeader } from './values.js';

export const NO_TEAM = 'No team recorded';
export const NO_WORKER = 'No allocated worker';

/** Same day n months earlier (or later), clamped to the month's last day: 31 August − 6 months → 28/29 February. */
export function addMonths(iso: string, months: number): string {
  const d = parseIsoDate(iso);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return formatIsoDate(target);
}

/** In the n months up to and including the reference date: after (ref − n months), on or before ref. */
export function inMonthsBefore(date: string | null | undefined, ref: string, months: number): boolean {
  return !!date && date > addMonths(ref, -months) && date <= ref;
}

/** Round to one decimal place (half away from zero). */
export function round1(n: number): number {
  return (Math.sign(n) * Math.round(Math.abs(n) * 10 + 1e-9)) / 10;
}

export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round1((numerator / denominator) * 100);
}

export function ratePer10k(count: number, population: number | null): number | null {
  return population && population > 0 ? round1((count / population) * 10_000) : null;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const str = (r: AnnexRecord, key: string): string | null => {
  const v = r.v[key];
  return typeof v === 'string' ? v : null;
};
export const num = (r: AnnexRecord, key: string): number | null => {
  const v = r.v[key];
  return typeof v === 'number' ? v : null;
};
export const yes = (r: AnnexRecord, key: string): boolean | null => {
  const v = r.v[key];
  return typeof v === 'boolean' ? v : null;
};
export const team = (r: AnnexRecord) => r.team ?? NO_TEAM;
export const list = (ctx: IndicatorContext, n: number) => ctx.lists.get(n) ?? [];

export function started(date: string | null, ref: string): boolean {
  return !!date && date <= ref;
}
export function openAt(start: string | null, end: string | null, ref: string): boolean {
  return started(start, ref) && (!end || end > ref);
}

export const isOpenCin = (r: AnnexRecord, ref: string) => openAt(str(r, 'cinStartDate'), str(r, 'cinClosureDate'), ref);
export const isOpenCp = (r: AnnexRecord, ref: string) => openAt(str(r, 'cppStartDate'), str(r, 'cppEndDate'), ref);
export const isOpenCla = (r: AnnexRecord, ref: string) => openAt(str(r, 'claStartDate'), str(r, 'claEndDate'), ref);

/** Education, employment or training, from the template's activity codes: F and P are, G is not. */
export function isEet(activity: string | null): boolean {
  return !!activity && /^[FP]\d$/.test(activity);
}

/** Authority names without the words that differ between lists ("Council", "City of", "Borough"). */
export function areaName(s: string): string {
  return normaliseHeader(s)
    .replace(
      /\b(the|council|city|of|borough|county|metropolitan|district|royal|london|la|local|authority|childrens|services)\b/g,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

const OUTSIDE_ENGLAND = new Set(['NIR', 'WAL', 'SCO', 'NUK']);

/**
 * Is the child placed outside the authority's area? "Placement Location" (In / Out) answers it; when
 * it is blank, "LA of Placement" does: Wales, Scotland, Northern Ireland and outside the UK are outside;
 * the authority's own name or code is inside; another authority is outside; a confidential placement
 * (CON) or a blank is not known.
 */
export function placedOutside(r: AnnexRecord, own: OwnArea | null | undefined): boolean | null {
  const location = str(r, 'placementLocation');
  if (location === 'IN') return false;
  if (location === 'OUT') return true;
  const la = str(r, 'placementLa');
  if (!la || la === 'CON') return null;
  if (OUTSIDE_ENGLAND.has(la)) return true;
  if (!own) return null;
  const v = normaliseHeader(la);
  if ((own.laCode && v === own.laCode.toLowerCase()) || (own.gssCode && v === own.gssCode.toLowerCase())) return false;
  const name = areaName(own.name);
  return !(name && areaName(la) === name);
}

export function byTeam(rows: DrillRow[]): Breakdown[] {
  const teams = new Map<string, { n: number; d: number }>();
  for (const r of rows) {
    const t = teams.get(r.group) ?? { n: 0, d: 0 };
    t.d++;
    if (r.counted) t.n++;
    teams.set(r.group, t);
  }
  return [...teams.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([label, t]) => ({ label, value: percent(t.n, t.d), detail: `${t.n} of ${t.d}` }));
}

export function share(key: string, rows: DrillRow[]): IndicatorResult {
  let numerator = 0;
  for (const r of rows) if (r.counted) numerator++;
  return {
    key,
    value: percent(numerator, rows.length),
    numerator,
    denominator: rows.length,
    breakdown: byTeam(rows),
    rows,
  };
}

export function countByTeam(rows: DrillRow[]): Breakdown[] {
  const teams = new Map<string, number>();
  for (const r of rows) if (r.counted) teams.set(r.group, (teams.get(r.group) ?? 0) + 1);
  return [...teams.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([label, value]) => ({ label, value }));
}

export function windowed(ctx: IndicatorContext, listNumber: number, dateKey: string): DrillRow[] {
  const from = addMonths(ctx.referenceDate, -6);
  const ref = ctx.referenceDate;
  const rows: DrillRow[] = [];
  for (const r of list(ctx, listNumber)) {
    const d = str(r, dateKey);
    if (d && d > from && d <= ref) rows.push({ record: r, counted: true, group: team(r) });
  }
  return rows;
}

/** The same date a year earlier (29 February → 28 February): addMonths(iso, -12) without Date objects. */
export function yearEarlier(iso: string): string {
  const y = String(Number(iso.slice(0, 4)) - 1).padStart(4, '0');
  const md = iso.slice(4);
  return md === '-02-29' ? `${y}-02-28` : `${y}${md}`;
}

export function countIndicator(key: string, rows: DrillRow[]): IndicatorResult {
  return { key, value: rows.length, numerator: rows.length, denominator: null, breakdown: countByTeam(rows), rows };
}

export function rateIndicator(key: string, rows: DrillRow[], population: number | null): IndicatorResult {
  return {
    key,
    value: ratePer10k(rows.length, population),
    numerator: rows.length,
    denominator: population,
    breakdown: [],
    rows,
  };
}

/** Distinct children with an open case at the reference date on the given lists, with their open records. */
export function openCases(ctx: IndicatorContext, lists: readonly number[] = [6, 7, 8, 9]): Map<string, AnnexRecord[]> {
  const ref = ctx.referenceDate;
  const children = new Map<string, AnnexRecord[]>();
  const add = (r: AnnexRecord) => {
    const rs = children.get(r.child);
    if (rs) rs.push(r);
    else children.set(r.child, [r]);
  };
  if (lists.includes(6)) for (const r of list(ctx, 6)) if (isOpenCin(r, ref)) add(r);
  if (lists.includes(7)) for (const r of list(ctx, 7)) if (isOpenCp(r, ref)) add(r);
  if (lists.includes(8)) for (const r of list(ctx, 8)) if (isOpenCla(r, ref)) add(r);
  if (lists.includes(9)) for (const r of list(ctx, 9)) add(r);
  return children;
}

export const CP_VISIT_WORKING_DAYS = 10;
export const CLA_VISIT_DAYS = 42;
export const c = (list: number, key: string): ColumnRef => ({ list, key });

export const SIX_MONTHS_VS_YEAR =
  'Annex A covers the six months to the reference date, so the figure moves more from snapshot to snapshot than a year’s figure';

/**
 * Rows for "the share with a number of `threshold` or more": records that leave the number blank are
 * left out of the denominator; the note gives the number and what it counts.
 */
export function numberAtLeast(records: AnnexRecord[], key: string, threshold: number, noun: string): DrillRow[] {
  return records
    .filter((r) => num(r, key) !== null)
    .map((r) => ({ record: r, counted: num(r, key)! >= threshold, group: team(r), note: `${num(r, key)} ${noun}` }));
}

/** Care leavers aged 19 to 21 at the reference date: the ages DfE publishes. */
export function leavers19to21(ctx: IndicatorContext): AnnexRecord[] {
  return list(ctx, 9).filter((r) => {
    const a = num(r, 'ageAtRef');
    return a !== null && a >= 19 && a <= 21;
  });
}

/** An indicator that is a percentage: the rows it looks at, each counted or not, by team. */
export function shareIndicator(
  def: Omit<IndicatorDefinition, 'compute'> & { rows(ctx: IndicatorContext): DrillRow[] },
): IndicatorDefinition {
  const { rows, ...rest } = def;
  return { ...rest, compute: (ctx) => share(def.key, rows(ctx)) };
}

/** Rows of a list dated in the six months to the reference date: counted, or per 10,000 children. */
export function windowIndicator(
  per10k: boolean,
  listNumber: number,
  dateKey: string,
  def: Pick<IndicatorDefinition, 'key' | 'name' | 'definition'>,
): IndicatorDefinition {
  return {
    key: def.key,
    name: def.name,
    unit: per10k ? 'rate-per-10k' : 'count',
    polarity: 'neither',
    columns: [c(listNumber, dateKey)],
    definition: def.definition,
    compute: per10k
      ? (ctx) => rateIndicator(def.key, windowed(ctx, listNumber, dateKey), ctx.childPopulation)
      : (ctx) => countIndicator(def.key, windowed(ctx, listNumber, dateKey)),
  };
}

/**
 * The share of a list's records done within `limit` working days: those whose `toKey` date is on or
 * before the reference date and not before their `fromKey` date, counted when the working days after
 * `fromKey`, up to and including `toKey`, are `limit` or fewer; the note gives the days.
 */
export function withinWorkingDaysIndicator(
  listNumber: number,
  fromKey: string,
  toKey: string,
  limit: number,
  def: Pick<IndicatorDefinition, 'key' | 'name' | 'definition'>,
): IndicatorDefinition {
  return shareIndicator({
    key: def.key,
    name: def.name,
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(listNumber, fromKey), c(listNumber, toKey)],
    definition: def.definition,
    rows(ctx) {
      const rows: DrillRow[] = [];
      for (const r of list(ctx, listNumber)) {
        const from = str(r, fromKey);
        const to = str(r, toKey);
        if (!from || !to || to > ctx.referenceDate || to < from) continue;
        const days = countWorkingDays(from, to, ctx.holidays);
        rows.push({ record: r, counted: days <= limit, group: team(r), note: `${days} working days` });
      }
      return rows;
    },
  });
}
