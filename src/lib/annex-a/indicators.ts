/**
 * Indicators computed from the Annex A child-level lists for a reference date. Each is a pure function
 * of the lists, the reference date, the working-day calendar and the child population; each returns
 * the figure, its numerator and denominator, a breakdown, and the rows behind it (for drill-down).
 */
import { addDays, isIsoDate, parseIsoDate, formatIsoDate } from '../dates.js';
import type { HolidaySet } from '../working-days.js';
import { fastWorkingDaysBetween as workingDaysBetween } from './fast-working-days.js';
import type { AnnexRecord } from './importer.js';

export type IndicatorUnit = 'count' | 'percent' | 'rate-per-10k' | 'ratio';
export type IndicatorPolarity = 'higher-is-better' | 'lower-is-better' | 'neither';

export interface IndicatorContext {
  referenceDate: string;
  holidays: HolidaySet;
  /** Children aged 0–17 in the authority, for rates per 10,000. */
  childPopulation: number | null;
  lists: ReadonlyMap<number, readonly AnnexRecord[]>;
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

export interface IndicatorDefinition {
  key: string;
  name: string;
  unit: IndicatorUnit;
  polarity: IndicatorPolarity;
  /** Shown on the indicator page. */
  definition: string;
  /** The lists it reads (drill-down loads only these). */
  lists: number[];
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
  return Math.sign(n) * Math.round(Math.abs(n) * 10 + 1e-9) / 10;
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

/** Education, employment or training, from the care-leaver activity code ("F1", "G4", or words). */
export function isEet(activity: string | null): boolean {
  if (!activity) return false;
  const a = activity.toLowerCase();
  if (/^g\d/.test(a) || /\bnot in\b|\bneet\b|unable|illness|disab|pregnan|parenting|caring|no activity|custody/.test(a)) return false;
  return /^f\d/.test(a) || /education|employment|training|apprentice|\bwork/.test(a);
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
  const numerator = rows.filter((r) => r.counted).length;
  return { key, value: percent(numerator, rows.length), numerator, denominator: rows.length, breakdown: byTeam(rows), rows };
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
  return { key, value: ratePer10k(rows.length, population), numerator: rows.length, denominator: population, breakdown: [], rows };
}

/** Distinct children with an open case at the reference date (CIN, CP, in care, care leaver), with their open records. */
export function openCases(ctx: IndicatorContext): Map<string, AnnexRecord[]> {
  const ref = ctx.referenceDate;
  const children = new Map<string, AnnexRecord[]>();
  const add = (r: AnnexRecord) => {
    const rs = children.get(r.child);
    if (rs) rs.push(r);
    else children.set(r.child, [r]);
  };
  for (const r of list(ctx, 6)) if (isOpenCin(r, ref)) add(r);
  for (const r of list(ctx, 7)) if (isOpenCp(r, ref)) add(r);
  for (const r of list(ctx, 8)) if (isOpenCla(r, ref)) add(r);
  for (const r of list(ctx, 9)) add(r);
  return children;
}

const CP_VISIT_WORKING_DAYS = 10;
const CLA_VISIT_DAYS = 42;

export const INDICATORS: IndicatorDefinition[] = [
  {
    key: 'annex-a-contacts-6m',
    name: 'Contacts in the last six months',
    unit: 'count',
    polarity: 'neither',
    lists: [1],
    definition: 'Rows on List 1 (contacts) whose Date of Contact is in the six months up to and including the reference date.',
    compute: (ctx) => countIndicator('annex-a-contacts-6m', windowed(ctx, 1, 'contactDate')),
  },
  {
    key: 'annex-a-contacts-6m-rate',
    name: 'Contacts in the last six months per 10,000 children',
    unit: 'rate-per-10k',
    polarity: 'neither',
    lists: [1],
    definition: 'Contacts in the six months up to the reference date, divided by the 0–17 population set for the organisation, times 10,000 (one decimal place). No figure without a population.',
    compute: (ctx) => rateIndicator('annex-a-contacts-6m-rate', windowed(ctx, 1, 'contactDate'), ctx.childPopulation),
  },
  {
    key: 'annex-a-referrals-6m',
    name: 'Referrals in the last six months',
    unit: 'count',
    polarity: 'neither',
    lists: [3],
    definition: 'Rows on List 3 (referrals) whose Date of Referral is in the six months up to and including the reference date.',
    compute: (ctx) => countIndicator('annex-a-referrals-6m', windowed(ctx, 3, 'referralDate')),
  },
  {
    key: 'annex-a-referrals-6m-rate',
    name: 'Referrals in the last six months per 10,000 children',
    unit: 'rate-per-10k',
    polarity: 'neither',
    lists: [3],
    definition: 'Referrals in the six months up to the reference date, divided by the 0–17 population, times 10,000.',
    compute: (ctx) => rateIndicator('annex-a-referrals-6m-rate', windowed(ctx, 3, 'referralDate'), ctx.childPopulation),
  },
  {
    key: 'annex-a-re-referrals-12m',
    name: 'Re-referrals within 12 months',
    unit: 'percent',
    polarity: 'lower-is-better',
    lists: [3],
    definition:
      'Of the referrals in the six months up to the reference date, the percentage where the same child had an earlier referral on List 3 in the 12 months before this one, or where "Number of Referrals in Last 12 Months" (which counts this referral) is 2 or more.',
    compute(ctx) {
      const all = list(ctx, 3);
      const byChild = new Map<string, string[]>();
      for (const r of all) {
        const d = str(r, 'referralDate');
        if (!d) continue;
        const ds = byChild.get(r.child) ?? [];
        ds.push(d);
        byChild.set(r.child, ds);
      }
      const rows = windowed(ctx, 3, 'referralDate').map((row) => {
        const d = str(row.record, 'referralDate')!;
        const from = yearEarlier(d);
        const earlier = (byChild.get(row.record.child) ?? []).some((o) => o < d && o >= from);
        const counted = earlier || (num(row.record, 'referrals12m') ?? 0) >= 2;
        return { ...row, counted };
      });
      return share('annex-a-re-referrals-12m', rows);
    },
  },
  {
    key: 'annex-a-assessments-45wd',
    name: 'Assessments completed within 45 working days',
    unit: 'percent',
    polarity: 'higher-is-better',
    lists: [4],
    definition:
      'Of the assessments on List 4 authorised on or before the reference date, the percentage authorised within 45 working days of the start date (working days after the start, up to and including authorisation; weekends and bank holidays excluded).',
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
    lists: [5],
    definition: 'Of the section 47 enquiries on List 5 that started on or before the reference date, the percentage with a Date of Initial Child Protection Conference on or before the reference date.',
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
    lists: [5],
    definition: 'Of the initial child protection conferences on List 5 held on or before the reference date, the percentage held within 15 working days after the strategy discussion that started the section 47 enquiry.',
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
    lists: [7],
    definition: 'Of the child protection plans on List 7 that started on or before the reference date and record the number of previous plans, the percentage where that number is 1 or more.',
    compute(ctx) {
      const rows = list(ctx, 7)
        .filter((r) => started(str(r, 'cppStartDate'), ctx.referenceDate) && num(r, 'previousPlans') !== null)
        .map((r) => ({ record: r, counted: num(r, 'previousPlans')! >= 1, group: team(r), note: `${num(r, 'previousPlans')} previous` }));
      return share('annex-a-cp-second-time', rows);
    },
  },
  {
    key: 'annex-a-cp-two-years',
    name: 'Child protection plans lasting two years or more',
    unit: 'percent',
    polarity: 'lower-is-better',
    lists: [7],
    definition: 'Of the child protection plans open at the reference date, the percentage that started two years or more before it (start date on or before the reference date minus 24 months).',
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
    lists: [7],
    definition: `Of the child protection plans open at the reference date, the percentage whose last statutory visit was no more than ${CP_VISIT_WORKING_DAYS} working days before the reference date. A plan with no visit recorded counts as not seen.`,
    compute(ctx) {
      const rows = list(ctx, 7)
        .filter((r) => isOpenCp(r, ctx.referenceDate))
        .map((r) => {
          const seen = str(r, 'lastVisitDate');
          const days = seen && seen <= ctx.referenceDate ? workingDaysBetween(seen, ctx.referenceDate, ctx.holidays) : null;
          return { record: r, counted: days !== null && days <= CP_VISIT_WORKING_DAYS, group: team(r), note: days === null ? 'No visit recorded' : `${days} working days since the last visit` };
        });
      return share('annex-a-cp-visits-in-time', rows);
    },
  },
  {
    key: 'annex-a-cp-seen-alone',
    name: 'Children on a child protection plan seen alone at the last visit',
    unit: 'percent',
    polarity: 'higher-is-better',
    lists: [7],
    definition: 'Of the child protection plans open at the reference date that answer "Was the child seen alone?", the percentage answering yes.',
    compute(ctx) {
      const rows = list(ctx, 7)
        .filter((r) => isOpenCp(r, ctx.referenceDate) && yes(r, 'seenAlone') !== null)
        .map((r) => ({ record: r, counted: yes(r, 'seenAlone') === true, group: team(r) }));
      return share('annex-a-cp-seen-alone', rows);
    },
  },
  {
    key: 'annex-a-cla-visits-in-time',
    name: 'Children in care visited within six weeks',
    unit: 'percent',
    polarity: 'higher-is-better',
    lists: [8],
    definition: `Of the children in care at the reference date, the percentage whose last social work visit was no more than ${CLA_VISIT_DAYS} days (six weeks) before it. A child with no visit recorded counts as not visited.`,
    compute(ctx) {
      const from = addDays(ctx.referenceDate, -CLA_VISIT_DAYS);
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate))
        .map((r) => {
          const seen = str(r, 'lastVisitDate');
          return { record: r, counted: !!seen && seen >= from && seen <= ctx.referenceDate, group: team(r), note: seen ? `Last visit ${seen}` : 'No visit recorded' };
        });
      return share('annex-a-cla-visits-in-time', rows);
    },
  },
  {
    key: 'annex-a-cla-3-placements',
    name: 'Children in care with three or more placements in 12 months',
    unit: 'percent',
    polarity: 'lower-is-better',
    lists: [8],
    definition: 'Of the children in care at the reference date with a "Number of Placements in the Last 12 Months", the percentage with 3 or more.',
    compute(ctx) {
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate) && num(r, 'placements12m') !== null)
        .map((r) => ({ record: r, counted: num(r, 'placements12m')! >= 3, group: team(r), note: `${num(r, 'placements12m')} placements` }));
      return share('annex-a-cla-3-placements', rows);
    },
  },
  {
    key: 'annex-a-cla-20-miles',
    name: 'Children in care placed more than 20 miles from home',
    unit: 'percent',
    polarity: 'lower-is-better',
    lists: [8],
    definition: 'Of the children in care at the reference date with a placement distance recorded, the percentage placed more than 20 miles from home.',
    compute(ctx) {
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate) && num(r, 'placementDistance') !== null)
        .map((r) => ({ record: r, counted: num(r, 'placementDistance')! > 20, group: team(r), note: `${num(r, 'placementDistance')} miles` }));
      return share('annex-a-cla-20-miles', rows);
    },
  },
  {
    key: 'annex-a-missing-rhi-offered',
    name: 'Children missing from care offered a return home interview',
    unit: 'percent',
    polarity: 'higher-is-better',
    lists: [8],
    definition: 'Of the children in care at the reference date with one or more missing episodes in the last 12 months, the percentage offered a return home interview after the last episode.',
    compute(ctx) {
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate) && (num(r, 'missingEpisodes') ?? 0) >= 1)
        .map((r) => ({ record: r, counted: yes(r, 'rhiOffered') === true, group: team(r), note: `${num(r, 'missingEpisodes')} missing episodes` }));
      return share('annex-a-missing-rhi-offered', rows);
    },
  },
  {
    key: 'annex-a-care-leavers-in-touch',
    name: 'Care leavers in touch',
    unit: 'percent',
    polarity: 'higher-is-better',
    lists: [9],
    definition: 'Of the care leavers on List 9, the percentage the authority is in touch with ("In Touch" is yes). A blank answer counts as not in touch.',
    compute: (ctx) => share('annex-a-care-leavers-in-touch', list(ctx, 9).map((r) => ({ record: r, counted: yes(r, 'inTouch') === true, group: team(r) }))),
  },
  {
    key: 'annex-a-care-leavers-suitable-accommodation',
    name: 'Care leavers in suitable accommodation',
    unit: 'percent',
    polarity: 'higher-is-better',
    lists: [9],
    definition: 'Of the care leavers on List 9, the percentage whose accommodation is recorded as suitable. A blank answer counts as not suitable.',
    compute: (ctx) => share('annex-a-care-leavers-suitable-accommodation', list(ctx, 9).map((r) => ({ record: r, counted: yes(r, 'accommodationSuitable') === true, group: team(r) }))),
  },
  {
    key: 'annex-a-care-leavers-eet',
    name: 'Care leavers in education, employment or training',
    unit: 'percent',
    polarity: 'higher-is-better',
    lists: [9],
    definition: 'Of the care leavers on List 9, the percentage whose main activity is education, employment or training (codes beginning F, or the words education, employment, training, apprenticeship or work; codes beginning G and "not in …" are not).',
    compute: (ctx) => share('annex-a-care-leavers-eet', list(ctx, 9).map((r) => ({ record: r, counted: isEet(str(r, 'activity')), group: team(r), note: str(r, 'activity') ?? 'No activity recorded' }))),
  },
  {
    key: 'annex-a-unallocated',
    name: 'Unallocated cases',
    unit: 'count',
    polarity: 'lower-is-better',
    lists: [6, 7, 8, 9],
    definition:
      'Children with an open case at the reference date (an open child in need episode on List 6, an open child protection plan on List 7, in care on List 8, or a care leaver on List 9) where none of their open records names an allocated worker. Counted once per child, by the team on their first open record.',
    compute(ctx) {
      const rows: DrillRow[] = [];
      for (const records of openCases(ctx).values()) {
        const allocated = records.some((r) => r.worker);
        const first = records[0];
        rows.push({ record: first, counted: !allocated, group: team(first), note: allocated ? undefined : 'No allocated worker' });
      }
      const counted = rows.filter((r) => r.counted);
      return { key: 'annex-a-unallocated', value: counted.length, numerator: counted.length, denominator: rows.length, breakdown: countByTeam(rows), rows: counted };
    },
  },
  {
    key: 'annex-a-caseload',
    name: 'Average caseload per allocated worker',
    unit: 'ratio',
    polarity: 'lower-is-better',
    lists: [6, 7, 8, 9],
    definition:
      'Distinct children with an open case at the reference date allocated to each worker (a child on several lists counts once per worker), averaged over the workers named (one decimal place). The breakdown gives each team’s workers, median and largest caseload.',
    compute(ctx) {
      const perWorker = new Map<string, { team: string; children: Map<string, AnnexRecord> }>();
      for (const records of openCases(ctx).values()) {
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
        for (const r of w.children.values()) rows.push({ record: r, counted: true, group: worker, note: `${w.children.size} children` });
      }
      const breakdown = [...teams.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([label, sizes]) => ({
          label,
          value: round1(sizes.reduce((a, b) => a + b, 0) / sizes.length),
          detail: `${sizes.length} workers; median ${median(sizes)}; largest ${Math.max(...sizes)}`,
        }));
      return { key: 'annex-a-caseload', value: perWorker.size ? round1(total / perWorker.size) : null, numerator: total, denominator: perWorker.size, breakdown, rows };
    },
  },
];

export const INDICATOR_BY_KEY = new Map(INDICATORS.map((i) => [i.key, i]));

export function computeAll(ctx: IndicatorContext): IndicatorResult[] {
  if (!isIsoDate(ctx.referenceDate)) throw new RangeError('The reference date must be YYYY-MM-DD');
  return INDICATORS.map((i) => i.compute(ctx));
}
