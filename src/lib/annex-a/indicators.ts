/**
 * Indicators computed from the Annex A child-level lists for a reference date, each from named columns
 * of the published template. Each is a pure function of the lists, the reference date, the working-day
 * calendar, the child population and the authority's own area; each returns the figure, its numerator
 * and denominator, a breakdown, and the rows behind it (for drill-down).
 *
 * An indicator whose list or columns are missing from a workbook is not computed at all (see
 * `availability`), so a missing list never shows as a low figure.
 */
import { addDays, isIsoDate, parseIsoDate, formatIsoDate } from '../dates.js';
import type { HolidaySet } from '../working-days.js';
import { fastWorkingDaysBetween as workingDaysBetween } from './fast-working-days.js';
import type { AnnexRecord, ListStats } from './importer.js';
import { columnSpec, listLabel } from './spec.js';
import { normaliseHeader } from './values.js';

export type IndicatorUnit = 'count' | 'percent' | 'rate-per-10k' | 'ratio';
export type IndicatorPolarity = 'higher-is-better' | 'lower-is-better' | 'neither';

/** The authority's own area, to tell placements inside it from those outside ("LA of Placement"). */
export interface OwnArea {
  name: string;
  laCode: string | null;
  gssCode: string | null;
}

export interface IndicatorContext {
  referenceDate: string;
  holidays: HolidaySet;
  /** Children aged 0–17 in the authority, for rates per 10,000. */
  childPopulation: number | null;
  lists: ReadonlyMap<number, readonly AnnexRecord[]>;
  ownArea?: OwnArea | null;
}

export interface DrillRow {
  record: AnnexRecord;
  /** Counted in the numerator (for a percentage) or in the figure (for a count). */
  counted: boolean;
  /** What groups this row on the drill-down: the team, or the worker for caseloads. */
  group: string;
  note?: string;
}

export interface Breakdown {
  label: string;
  value: number | null;
  detail?: string;
}

export interface IndicatorResult {
  key: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown: Breakdown[];
  rows: DrillRow[];
}

export interface ColumnRef {
  list: number;
  key: string;
}

/** The published national (DfE) measure an indicator is set beside, and how their definitions differ. */
export interface NationalCounterpart {
  /** Key of the measure in `src/features/benchmarks/measures.ts`. */
  measure: string;
  differences: string;
}

export interface IndicatorDefinition {
  key: string;
  name: string;
  unit: IndicatorUnit;
  polarity: IndicatorPolarity;
  /** Shown on the indicator page. */
  definition: string;
  /** The template columns it reads; the lists it reads follow from them (drill-down loads only these). */
  columns: ColumnRef[];
  /** Groups of columns of which at least one must be present. */
  oneOf?: ColumnRef[][];
  national?: NationalCounterpart;
  compute(ctx: IndicatorContext): IndicatorResult;
}

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

const str = (r: AnnexRecord, key: string): string | null => {
  const v = r.v[key];
  return typeof v === 'string' ? v : null;
};
const num = (r: AnnexRecord, key: string): number | null => {
  const v = r.v[key];
  return typeof v === 'number' ? v : null;
};
const yes = (r: AnnexRecord, key: string): boolean | null => {
  const v = r.v[key];
  return typeof v === 'boolean' ? v : null;
};
const team = (r: AnnexRecord) => r.team ?? NO_TEAM;
const list = (ctx: IndicatorContext, n: number) => ctx.lists.get(n) ?? [];

function started(date: string | null, ref: string): boolean {
  return !!date && date <= ref;
}
function openAt(start: string | null, end: string | null, ref: string): boolean {
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
function areaName(s: string): string {
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

function byTeam(rows: DrillRow[]): Breakdown[] {
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

function share(key: string, rows: DrillRow[]): IndicatorResult {
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

function countByTeam(rows: DrillRow[]): Breakdown[] {
  const teams = new Map<string, number>();
  for (const r of rows) if (r.counted) teams.set(r.group, (teams.get(r.group) ?? 0) + 1);
  return [...teams.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([label, value]) => ({ label, value }));
}

function windowed(ctx: IndicatorContext, listNumber: number, dateKey: string): DrillRow[] {
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

function countIndicator(key: string, rows: DrillRow[]): IndicatorResult {
  return { key, value: rows.length, numerator: rows.length, denominator: null, breakdown: countByTeam(rows), rows };
}

function rateIndicator(key: string, rows: DrillRow[], population: number | null): IndicatorResult {
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

const CP_VISIT_WORKING_DAYS = 10;
const CLA_VISIT_DAYS = 42;
const c = (list: number, key: string): ColumnRef => ({ list, key });

const SIX_MONTHS_VS_YEAR =
  'Annex A covers the six months to the reference date, so the figure moves more from snapshot to snapshot than a year’s figure';

/** Care leavers aged 19 to 21 at the reference date: the ages DfE publishes. */
function leavers19to21(ctx: IndicatorContext): AnnexRecord[] {
  return list(ctx, 9).filter((r) => {
    const a = num(r, 'ageAtRef');
    return a !== null && a >= 19 && a <= 21;
  });
}

export const INDICATORS: IndicatorDefinition[] = [
  {
    key: 'annex-a-contacts-6m',
    name: 'Contacts in the last six months',
    unit: 'count',
    polarity: 'neither',
    columns: [c(1, 'contactDate')],
    definition:
      'Rows on List 1 (contacts) whose "Date of Contact" is in the six months up to and including the reference date.',
    compute: (ctx) => countIndicator('annex-a-contacts-6m', windowed(ctx, 1, 'contactDate')),
  },
  {
    key: 'annex-a-contacts-6m-rate',
    name: 'Contacts in the last six months per 10,000 children',
    unit: 'rate-per-10k',
    polarity: 'neither',
    columns: [c(1, 'contactDate')],
    definition:
      'Contacts in the six months up to the reference date ("Date of Contact", List 1), divided by the 0–17 population set for the organisation, times 10,000 (one decimal place). No figure without a population.',
    compute: (ctx) => rateIndicator('annex-a-contacts-6m-rate', windowed(ctx, 1, 'contactDate'), ctx.childPopulation),
  },
  {
    key: 'annex-a-referrals-6m',
    name: 'Referrals in the last six months',
    unit: 'count',
    polarity: 'neither',
    columns: [c(3, 'referralDate')],
    definition:
      'Rows on List 3 (referrals) whose "Date of referral" is in the six months up to and including the reference date.',
    compute: (ctx) => countIndicator('annex-a-referrals-6m', windowed(ctx, 3, 'referralDate')),
  },
  {
    key: 'annex-a-referrals-6m-rate',
    name: 'Referrals in the last six months per 10,000 children',
    unit: 'rate-per-10k',
    polarity: 'neither',
    columns: [c(3, 'referralDate')],
    definition:
      'Referrals in the six months up to the reference date ("Date of referral", List 3), divided by the 0–17 population, times 10,000.',
    compute: (ctx) => rateIndicator('annex-a-referrals-6m-rate', windowed(ctx, 3, 'referralDate'), ctx.childPopulation),
  },
  {
    key: 'annex-a-re-referrals-12m',
    name: 'Re-referrals within 12 months',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(3, 'referralDate'), c(3, 'referrals12m')],
    definition:
      'Of the referrals on List 3 in the six months up to the reference date ("Date of referral"), the percentage that came within 12 months of a previous referral of the same child: "Number of Referrals in Last 12 Months" (which the guidance defines as the referrals before this one, so 0 for a first referral) is 1 or more, or the same child has an earlier referral on List 3 in the 12 months before this one.',
    national: {
      measure: 'cin-rereferrals-percent',
      differences: `DfE counts the referrals in the year ending 31 March that came within 12 months of a previous referral; Waymark counts the referrals in the six months to the reference date. ${SIX_MONTHS_VS_YEAR}. Both count a previous referral to this authority only.`,
    },
    compute(ctx) {
      const byChild = new Map<string, string[]>();
      for (const r of list(ctx, 3)) {
        const d = str(r, 'referralDate');
        if (!d) continue;
        const ds = byChild.get(r.child);
        if (ds) ds.push(d);
        else byChild.set(r.child, [d]);
      }
      const rows = windowed(ctx, 3, 'referralDate').map((row) => {
        const d = str(row.record, 'referralDate')!;
        const from = yearEarlier(d);
        const earlier = (byChild.get(row.record.child) ?? []).some((o) => o < d && o >= from);
        const previous = num(row.record, 'referrals12m');
        const counted = earlier || (previous ?? 0) >= 1;
        return {
          ...row,
          counted,
          note:
            previous === null
              ? earlier
                ? 'Earlier referral on the list'
                : 'Number of previous referrals not recorded'
              : `${previous} previous referrals`,
        };
      });
      return share('annex-a-re-referrals-12m', rows);
    },
  },
  {
    key: 'annex-a-assessments-45wd',
    name: 'Assessments completed within 45 working days',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(4, 'assessmentStartDate'), c(4, 'assessmentAuthorisedDate')],
    definition:
      'Of the assessments on List 4 authorised on or before the reference date, the percentage authorised ("Continuous Assessment Date of Authorisation") within 45 working days of the "Continuous Assessment Start Date" (working days after the start, up to and including authorisation; weekends and bank holidays excluded).',
    compute(ctx) {
      const rows: DrillRow[] = [];
      for (const r of list(ctx, 4)) {
        const start = str(r, 'assessmentStartDate');
        const auth = str(r, 'assessmentAuthorisedDate');
        if (!start || !auth || auth > ctx.referenceDate || auth < start) continue;
        const days = workingDaysBetween(start, auth, ctx.holidays);
        rows.push({ record: r, counted: days <= 45, group: team(r), note: `${days} working days` });
      }
      return share('annex-a-assessments-45wd', rows);
    },
  },
  {
    key: 'annex-a-s47-to-icpc',
    name: 'Section 47 enquiries leading to an initial child protection conference',
    unit: 'percent',
    polarity: 'neither',
    columns: [c(5, 'strategyDate'), c(5, 'icpcDate')],
    definition:
      'Of the section 47 enquiries on List 5 that started ("Strategy discussion initiating Section 47 Enquiry Start Date") on or before the reference date, the percentage with a "Date of Initial Child Protection Conference" on or before the reference date.',
    compute(ctx) {
      const rows = list(ctx, 5)
        .filter((r) => started(str(r, 'strategyDate'), ctx.referenceDate))
        .map((r) => ({ record: r, counted: started(str(r, 'icpcDate'), ctx.referenceDate), group: team(r) }));
      return share('annex-a-s47-to-icpc', rows);
    },
  },
  {
    key: 'annex-a-icpc-15wd',
    name: 'Initial child protection conferences within 15 working days of the strategy discussion',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(5, 'strategyDate'), c(5, 'icpcDate')],
    definition:
      'Of the initial child protection conferences on List 5 held on or before the reference date, the percentage held ("Date of Initial Child Protection Conference") within 15 working days after the strategy discussion that started the section 47 enquiry.',
    compute(ctx) {
      const rows: DrillRow[] = [];
      for (const r of list(ctx, 5)) {
        const s = str(r, 'strategyDate');
        const icpc = str(r, 'icpcDate');
        if (!s || !icpc || icpc > ctx.referenceDate || icpc < s) continue;
        const days = workingDaysBetween(s, icpc, ctx.holidays);
        rows.push({ record: r, counted: days <= 15, group: team(r), note: `${days} working days` });
      }
      return share('annex-a-icpc-15wd', rows);
    },
  },
  {
    key: 'annex-a-cp-second-time',
    name: 'Child protection plans for a second or subsequent time',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(7, 'cppStartDate'), c(7, 'previousPlans')],
    definition:
      'Of the child protection plans on List 7 that started ("Child Protection Plan Start Date") in the six months up to the reference date and record "Number of Previous Child Protection Plans", the percentage where that number is 1 or more.',
    national: {
      measure: 'cp-subsequent-percent',
      differences: `DfE counts the plans that started in the year ending 31 March and were a second or subsequent plan at any time; Waymark counts the plans that started in the six months to the reference date. ${SIX_MONTHS_VS_YEAR}. A previous plan in another authority counts only if the export’s "Number of Previous Child Protection Plans" includes it.`,
    },
    compute(ctx) {
      const rows = list(ctx, 7)
        .filter((r) => inMonthsBefore(str(r, 'cppStartDate'), ctx.referenceDate, 6) && num(r, 'previousPlans') !== null)
        .map((r) => ({
          record: r,
          counted: num(r, 'previousPlans')! >= 1,
          group: team(r),
          note: `${num(r, 'previousPlans')} previous`,
        }));
      return share('annex-a-cp-second-time', rows);
    },
  },
  {
    key: 'annex-a-cp-two-years',
    name: 'Child protection plans lasting two years or more',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(7, 'cppStartDate'), c(7, 'cppEndDate')],
    definition:
      'Of the child protection plans on List 7 open at the reference date (started, and no "Child Protection Plan End Date" on or before it), the percentage that started two years or more before it (start date on or before the reference date minus 24 months).',
    national: {
      measure: 'cp-two-years-percent',
      differences:
        'The same definition on a different day: DfE counts the plans open at 31 March; Waymark the plans open at the reference date.',
    },
    compute(ctx) {
      const cutoff = addMonths(ctx.referenceDate, -24);
      const rows = list(ctx, 7)
        .filter((r) => isOpenCp(r, ctx.referenceDate))
        .map((r) => ({ record: r, counted: str(r, 'cppStartDate')! <= cutoff, group: team(r) }));
      return share('annex-a-cp-two-years', rows);
    },
  },
  {
    key: 'annex-a-cp-visits-in-time',
    name: 'Children on a child protection plan seen within 10 working days',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(7, 'cppStartDate'), c(7, 'cppEndDate'), c(7, 'lastVisitDate')],
    definition: `Of the child protection plans open at the reference date, the percentage whose "Date of the Last Statutory Visit" was no more than ${CP_VISIT_WORKING_DAYS} working days before the reference date. A plan with no visit recorded counts as not seen.`,
    compute(ctx) {
      const rows = list(ctx, 7)
        .filter((r) => isOpenCp(r, ctx.referenceDate))
        .map((r) => {
          const seen = str(r, 'lastVisitDate');
          const days =
            seen && seen <= ctx.referenceDate ? workingDaysBetween(seen, ctx.referenceDate, ctx.holidays) : null;
          return {
            record: r,
            counted: days !== null && days <= CP_VISIT_WORKING_DAYS,
            group: team(r),
            note: days === null ? 'No visit recorded' : `${days} working days since the last visit`,
          };
        });
      return share('annex-a-cp-visits-in-time', rows);
    },
  },
  {
    key: 'annex-a-cp-seen-alone',
    name: 'Children on a child protection plan seen alone at the last visit',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(7, 'cppStartDate'), c(7, 'cppEndDate'), c(7, 'seenAlone')],
    definition:
      'Of the child protection plans open at the reference date that answer "Was the Child Seen Alone?" yes or no, the percentage answering yes ("Unknown" and blanks are left out).',
    compute(ctx) {
      const rows = list(ctx, 7)
        .filter((r) => isOpenCp(r, ctx.referenceDate) && yes(r, 'seenAlone') !== null)
        .map((r) => ({ record: r, counted: yes(r, 'seenAlone') === true, group: team(r) }));
      return share('annex-a-cp-seen-alone', rows);
    },
  },
  {
    key: 'annex-a-cla-rate',
    name: 'Children in care per 10,000 children',
    unit: 'rate-per-10k',
    polarity: 'neither',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate')],
    definition:
      'Children in care at the reference date on List 8 ("Date Started to be Looked After" on or before it, and no "Date Ceased to be Looked After" on or before it), counted once each, per 10,000 of the 0–17 population set for the organisation. No figure without a population.',
    national: {
      measure: 'cla-rate',
      differences:
        'DfE counts the children looked after at 31 March per 10,000 children aged 0 to 17 (ONS mid-year estimate); Waymark counts the children in care at the reference date per 10,000 of the population set for the organisation. Both leave out children looked after only under a series of short breaks.',
    },
    compute(ctx) {
      const seen = new Set<string>();
      const rows: DrillRow[] = [];
      for (const r of list(ctx, 8)) {
        if (!isOpenCla(r, ctx.referenceDate) || seen.has(r.child)) continue;
        seen.add(r.child);
        rows.push({ record: r, counted: true, group: team(r) });
      }
      return rateIndicator('annex-a-cla-rate', rows, ctx.childPopulation);
    },
  },
  {
    key: 'annex-a-cla-visits-in-time',
    name: 'Children in care visited within six weeks',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate'), c(8, 'lastVisitDate')],
    definition: `Of the children in care at the reference date, the percentage whose "Date of Last Social Work Visit" was no more than ${CLA_VISIT_DAYS} days (six weeks) before it. A child with no visit recorded counts as not visited.`,
    compute(ctx) {
      const from = addDays(ctx.referenceDate, -CLA_VISIT_DAYS);
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate))
        .map((r) => {
          const seen = str(r, 'lastVisitDate');
          return {
            record: r,
            counted: !!seen && seen >= from && seen <= ctx.referenceDate,
            group: team(r),
            note: seen ? `Last visit ${seen}` : 'No visit recorded',
          };
        });
      return share('annex-a-cla-visits-in-time', rows);
    },
  },
  {
    key: 'annex-a-cla-3-placements',
    name: 'Children in care with three or more placements in 12 months',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate'), c(8, 'placements12m')],
    definition:
      'Of the children in care at the reference date with a "Number of Placements in the Last 12 months", the percentage with 3 or more.',
    national: {
      measure: 'cla-three-placements-percent',
      differences:
        'DfE counts the children looked after at 31 March who had three or more placements during the year ending 31 March; Waymark counts the children in care at the reference date with three or more placements in the 12 months before it.',
    },
    compute(ctx) {
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate) && num(r, 'placements12m') !== null)
        .map((r) => ({
          record: r,
          counted: num(r, 'placements12m')! >= 3,
          group: team(r),
          note: `${num(r, 'placements12m')} placements`,
        }));
      return share('annex-a-cla-3-placements', rows);
    },
  },
  {
    key: 'annex-a-cla-out-of-area',
    name: 'Children in care placed outside the authority’s area',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate')],
    oneOf: [[c(8, 'placementLocation'), c(8, 'placementLa')]],
    definition:
      'Of the children in care at the reference date whose placement location is known, the percentage placed outside the authority’s area: "Placement Location" is Out, or (where it is blank) "LA of Placement" is another authority, Wales, Scotland, Northern Ireland or outside the UK. Confidential placements (CON) and blanks are left out. The template gives no distance from home, so none is computed.',
    compute(ctx) {
      const rows: DrillRow[] = [];
      for (const r of list(ctx, 8)) {
        if (!isOpenCla(r, ctx.referenceDate)) continue;
        const outside = placedOutside(r, ctx.ownArea);
        if (outside === null) continue;
        rows.push({
          record: r,
          counted: outside,
          group: team(r),
          note: str(r, 'placementLa') ?? (outside ? 'Out' : 'In'),
        });
      }
      return share('annex-a-cla-out-of-area', rows);
    },
  },
  {
    key: 'annex-a-missing-rhi-offered',
    name: 'Children missing from care offered a return interview',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate'), c(8, 'missingEpisodes'), c(8, 'rhiOffered')],
    definition:
      'Of the children in care at the reference date with one or more episodes in "Number of Episodes the Child has been \'Missing\' from their Placement in the last 12 months", the percentage answering yes to "Was the child offered a Return Interview after their last missing episode (Y/N)?". No, unknown and blank count as not offered.',
    compute(ctx) {
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate) && (num(r, 'missingEpisodes') ?? 0) >= 1)
        .map((r) => ({
          record: r,
          counted: yes(r, 'rhiOffered') === true,
          group: team(r),
          note: `${num(r, 'missingEpisodes')} missing episodes`,
        }));
      return share('annex-a-missing-rhi-offered', rows);
    },
  },
  {
    key: 'annex-a-missing-rhi-accepted',
    name: 'Return interviews accepted by children missing from care',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [
      c(8, 'claStartDate'),
      c(8, 'claEndDate'),
      c(8, 'missingEpisodes'),
      c(8, 'rhiOffered'),
      c(8, 'rhiAccepted'),
    ],
    definition:
      'Of the children in care at the reference date with one or more missing episodes in the last 12 months who were offered a return interview after the last one, the percentage answering yes to "Did the child accept a Return Interview after their last missing episode (Y/N)?". No, unknown and blank count as not accepted.',
    compute(ctx) {
      const rows = list(ctx, 8)
        .filter(
          (r) =>
            isOpenCla(r, ctx.referenceDate) && (num(r, 'missingEpisodes') ?? 0) >= 1 && yes(r, 'rhiOffered') === true,
        )
        .map((r) => ({ record: r, counted: yes(r, 'rhiAccepted') === true, group: team(r) }));
      return share('annex-a-missing-rhi-accepted', rows);
    },
  },
  {
    key: 'annex-a-care-leavers-in-touch',
    name: 'Care leavers in touch',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(9, 'inTouch')],
    definition:
      'Of the care leavers on List 9, the percentage whose "LA in Touch" is Yes. Care leavers who have died (c) Died) are left out; "No", "Refu" (refused contact), "NREQ" (no longer requires services), "Rhom" (returned home) and blank count as not in touch.',
    compute: (ctx) =>
      share(
        'annex-a-care-leavers-in-touch',
        list(ctx, 9)
          .filter((r) => str(r, 'inTouch') !== 'DIED')
          .map((r) => ({
            record: r,
            counted: str(r, 'inTouch') === 'YES',
            group: team(r),
            note: str(r, 'inTouch') ?? 'Not recorded',
          })),
      ),
  },
  {
    key: 'annex-a-care-leavers-suitable-accommodation',
    name: 'Care leavers aged 19 to 21 in suitable accommodation',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(9, 'accommodationSuitable')],
    oneOf: [[c(9, 'birth'), c(9, 'age')]],
    definition:
      'Of the care leavers on List 9 aged 19, 20 or 21 at the reference date (from "Date of Birth", or "Age of Child (Years)" where it is blank), the percentage whose "Suitability of Accommodation" is a) Suitable. Unsuitable and blank count as not suitable.',
    national: {
      measure: 'care-leavers-suitable-accommodation',
      differences:
        'DfE records each care leaver’s accommodation around their 19th, 20th or 21st birthday during the year ending 31 March; Waymark takes the care leavers aged 19 to 21 at the reference date as List 9 records them then. In both, accommodation not known counts as not suitable.',
    },
    compute: (ctx) =>
      share(
        'annex-a-care-leavers-suitable-accommodation',
        leavers19to21(ctx).map((r) => ({
          record: r,
          counted: str(r, 'accommodationSuitable') === 'SUITABLE',
          group: team(r),
          note: `Aged ${num(r, 'ageAtRef')}`,
        })),
      ),
  },
  {
    key: 'annex-a-care-leavers-eet',
    name: 'Care leavers aged 19 to 21 in education, employment or training',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(9, 'activity')],
    oneOf: [[c(9, 'birth'), c(9, 'age')]],
    definition:
      'Of the care leavers on List 9 aged 19, 20 or 21 at the reference date, the percentage whose "Activity Status" is education, employment or training: the template’s codes beginning F (full time) or P (part time): higher or other education, training, employment or an apprenticeship. Codes beginning G (not in education, employment or training) and blanks are not.',
    national: {
      measure: 'care-leavers-eet',
      differences:
        'DfE records each care leaver’s activity around their 19th, 20th or 21st birthday during the year ending 31 March; Waymark takes the care leavers aged 19 to 21 at the reference date as List 9 records them then. In both, activity not known counts as not in education, employment or training.',
    },
    compute: (ctx) =>
      share(
        'annex-a-care-leavers-eet',
        leavers19to21(ctx).map((r) => ({
          record: r,
          counted: isEet(str(r, 'activity')),
          group: team(r),
          note: str(r, 'activity') ?? 'No activity recorded',
        })),
      ),
  },
  {
    key: 'annex-a-unallocated',
    name: 'Unallocated cases',
    unit: 'count',
    polarity: 'lower-is-better',
    columns: [
      c(6, 'cinStartDate'),
      c(6, 'cinClosureDate'),
      c(6, 'worker'),
      c(7, 'cppStartDate'),
      c(7, 'cppEndDate'),
      c(7, 'worker'),
      c(8, 'claStartDate'),
      c(8, 'claEndDate'),
      c(8, 'worker'),
    ],
    oneOf: [[c(9, 'worker'), c(9, 'personalAdviser')]],
    definition:
      'Children with an open case at the reference date (an open child in need episode on List 6, an open child protection plan on List 7, in care on List 8, or a care leaver on List 9) where none of their open records names an "Allocated Worker" (or, for a care leaver, an "Allocated Personal Advisor"). Counted once per child, by the team on their first open record.',
    compute(ctx) {
      const rows: DrillRow[] = [];
      for (const records of openCases(ctx).values()) {
        const allocated = records.some((r) => r.worker);
        const first = records[0];
        rows.push({
          record: first,
          counted: !allocated,
          group: team(first),
          note: allocated ? undefined : 'No allocated worker',
        });
      }
      const counted = rows.filter((r) => r.counted);
      return {
        key: 'annex-a-unallocated',
        value: counted.length,
        numerator: counted.length,
        denominator: rows.length,
        breakdown: countByTeam(rows),
        rows: counted,
      };
    },
  },
  {
    key: 'annex-a-caseload',
    name: 'Average caseload per allocated worker',
    unit: 'ratio',
    polarity: 'lower-is-better',
    columns: [
      c(6, 'cinStartDate'),
      c(6, 'cinClosureDate'),
      c(6, 'worker'),
      c(7, 'cppStartDate'),
      c(7, 'cppEndDate'),
      c(7, 'worker'),
      c(8, 'claStartDate'),
      c(8, 'claEndDate'),
      c(8, 'worker'),
    ],
    definition:
      'Distinct children with an open case at the reference date on Lists 6, 7 and 8 (children in need, on a plan, in care) allocated to each "Allocated Worker" (a child on several lists counts once per worker), averaged over the workers named (one decimal place). Care leavers are left out: their personal advisers hold a different kind of case. The breakdown gives each team’s workers, median and largest caseload.',
    national: {
      measure: 'csww-caseload',
      differences:
        'DfE (children’s social work workforce census, 30 September) divides the cases held by case-holding social workers by their full-time equivalent number; Waymark divides the children open at the reference date on Lists 6 to 8 by the workers named on them, counted by head. Part-time workers, and workers named who are not social workers, make Waymark’s figure differ.',
    },
    compute(ctx) {
      const perWorker = new Map<string, { team: string; children: Map<string, AnnexRecord> }>();
      for (const records of openCases(ctx, [6, 7, 8]).values()) {
        for (const r of records) {
          if (!r.worker) continue;
          const w = perWorker.get(r.worker) ?? { team: team(r), children: new Map() };
          if (!w.children.has(r.child)) w.children.set(r.child, r);
          perWorker.set(r.worker, w);
        }
      }
      const rows: DrillRow[] = [];
      const teams = new Map<string, number[]>();
      let total = 0;
      for (const [worker, w] of [...perWorker.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        total += w.children.size;
        const t = teams.get(w.team) ?? [];
        t.push(w.children.size);
        teams.set(w.team, t);
        for (const r of w.children.values())
          rows.push({ record: r, counted: true, group: worker, note: `${w.children.size} children` });
      }
      const breakdown = [...teams.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([label, sizes]) => ({
          label,
          value: round1(sizes.reduce((a, b) => a + b, 0) / sizes.length),
          detail: `${sizes.length} workers; median ${median(sizes)}; largest ${Math.max(...sizes)}`,
        }));
      return {
        key: 'annex-a-caseload',
        value: perWorker.size ? round1(total / perWorker.size) : null,
        numerator: total,
        denominator: perWorker.size,
        breakdown,
        rows,
      };
    },
  },
];

export const INDICATOR_BY_KEY = new Map(INDICATORS.map((i) => [i.key, i]));

/** The lists an indicator reads. */
export function listsOf(def: IndicatorDefinition): number[] {
  return [...new Set([...def.columns, ...(def.oneOf ?? []).flat()].map((x) => x.list))].sort((a, b) => a - b);
}

/** "List 8 "Placement Location"": a column as people read it. */
export function columnLabel(ref: ColumnRef): string {
  return `List ${ref.list} "${columnSpec(ref.list, ref.key)?.name ?? ref.key}"`;
}

/**
 * Which indicators a workbook can give: each needs every list it reads and every column it names (and
 * one of each group of alternatives). The reason says what is missing, in words.
 */
export function availability(lists: readonly ListStats[]): Map<string, string | null> {
  const byNumber = new Map(lists.map((l) => [l.list, l]));
  const present = (ref: ColumnRef) => !!byNumber.get(ref.list)?.columns.find((x) => x.key === ref.key)?.present;
  const out = new Map<string, string | null>();
  for (const def of INDICATORS) {
    const missingLists = listsOf(def).filter((n) => !byNumber.has(n));
    if (missingLists.length) {
      out.set(
        def.key,
        `${missingLists.map(listLabel).join(' and ')} ${missingLists.length > 1 ? 'are' : 'is'} missing`,
      );
      continue;
    }
    const missing = def.columns.filter((ref) => !present(ref)).map(columnLabel);
    for (const group of def.oneOf ?? []) if (!group.some(present)) missing.push(group.map(columnLabel).join(' or '));
    out.set(def.key, missing.length ? `No ${missing.join(', ')} column` : null);
  }
  return out;
}

export function computeAll(ctx: IndicatorContext): IndicatorResult[] {
  if (!isIsoDate(ctx.referenceDate)) throw new RangeError('The reference date must be YYYY-MM-DD');
  return INDICATORS.map((i) => i.compute(ctx));
}
