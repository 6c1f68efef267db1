import { addDays, daysBetween, formatGovukDate } from './dates.js';
import { GRADE_LABELS, type Grade } from './frameworks.js';

/**
 * When will Ofsted come back? Two sources, both stated on the page:
 *
 * 1. The ILACS framework's cadence (as data below): a short inspection about three years after a
 *    good or outstanding judgement; a standard inspection about three years after requires
 *    improvement; after inadequate, monitoring visits about every three to four months and a
 *    standard re-inspection about two and a half years on; a focused visit between inspections.
 * 2. The national record: the actual intervals between one graded ILACS inspection (standard or
 *    short) and the next, for every authority since 2018, grouped by the earlier judgement.
 *
 * The window for the next inspection is the middle half (interquartile range) of the national
 * intervals after the authority's own last judgement, counted from its last inspection, when there
 * are at least MIN_NATIONAL_INTERVALS of them; otherwise the framework's nominal window.
 */

export const GRADED_ILACS_TYPES = ['ilacs-standard', 'ilacs-short'] as const;
export const NATIONAL_SINCE = '2018-01-01';
export const MIN_NATIONAL_INTERVALS = 5;
/** Average month: the national intervals are measured and added back in the same unit. */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface CadenceRule {
  next: 'ilacs-short' | 'ilacs-standard';
  /** Nominal window after the last graded inspection, in months. */
  window: [number, number];
  wording: string;
  visit: { type: 'focused-visit' | 'monitoring-visit'; window: [number, number]; wording: string };
}

const FOCUSED_VISIT: CadenceRule['visit'] = {
  type: 'focused-visit',
  window: [12, 30],
  wording: 'a focused visit between inspections',
};
const AFTER_GOOD: CadenceRule = {
  next: 'ilacs-short',
  window: [30, 42],
  wording: 'a short inspection about three years after the last',
  visit: FOCUSED_VISIT,
};

export const ILACS_CADENCE: Record<Grade, CadenceRule> = {
  outstanding: AFTER_GOOD,
  good: AFTER_GOOD,
  'requires-improvement': {
    next: 'ilacs-standard',
    window: [30, 42],
    wording: 'a standard inspection about three years after the last',
    visit: FOCUSED_VISIT,
  },
  inadequate: {
    next: 'ilacs-standard',
    window: [24, 36],
    wording: 'monitoring visits, then a standard re-inspection about two and a half years after the last',
    visit: { type: 'monitoring-visit', window: [3, 4], wording: 'a monitoring visit about every three to four months' },
  },
};

export interface InspectionRecord {
  gssCode: string;
  inspectionDate: string;
  typeKey: string;
  overall: Grade | null;
}

export interface NationalBasis {
  previousJudgement: Grade;
  inspections: number;
  medianMonths: number;
  interquartileMonths: [number, number];
}

export interface ForecastWindow {
  type: string;
  earliest: string;
  latest: string;
  basis: string;
}

export interface Forecast {
  nextInspection: ForecastWindow;
  nextVisit: ForecastWindow | null;
  national: NationalBasis | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Months between two dates in average months (365.25 / 12 days), to one decimal place. */
export function monthsBetween(from: string, to: string): number {
  return round1(daysBetween(from, to) / DAYS_PER_MONTH);
}

export function addMonths(iso: string, months: number): string {
  return addDays(iso, Math.round(months * DAYS_PER_MONTH));
}

/**
 * A quantile by linear interpolation between the closest ranks (the method of Excel's QUARTILE.INC and
 * R's default, type 7), so the figures can be checked in a spreadsheet.
 */
export function quantile(values: readonly number[], p: number): number {
  if (!values.length) throw new RangeError('No values');
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return round1(sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
}

/**
 * Intervals in months from each graded ILACS inspection since 2018 to the same authority's next one,
 * grouped by the judgement of the earlier inspection. Rows repeated across the history and in-year
 * sheets (same authority, date and type) count once.
 */
export function nationalIntervals(rows: readonly InspectionRecord[]): Map<Grade, number[]> {
  const graded = new Map<string, InspectionRecord>();
  for (const r of rows) {
    if (
      !(GRADED_ILACS_TYPES as readonly string[]).includes(r.typeKey) ||
      !r.overall ||
      r.inspectionDate < NATIONAL_SINCE
    )
      continue;
    graded.set(`${r.gssCode}|${r.inspectionDate}|${r.typeKey}`, r);
  }
  const byAuthority = new Map<string, InspectionRecord[]>();
  for (const r of graded.values())
    (byAuthority.get(r.gssCode) ?? byAuthority.set(r.gssCode, []).get(r.gssCode)!).push(r);
  const out = new Map<Grade, number[]>();
  for (const list of byAuthority.values()) {
    list.sort((a, b) => (a.inspectionDate < b.inspectionDate ? -1 : 1));
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1];
      (out.get(before.overall!) ?? out.set(before.overall!, []).get(before.overall!)!).push(
        monthsBetween(before.inspectionDate, list[i].inspectionDate),
      );
    }
  }
  return out;
}

export function nationalBasis(intervals: Map<Grade, number[]>, previousJudgement: Grade): NationalBasis | null {
  const values = intervals.get(previousJudgement) ?? [];
  if (!values.length) return null;
  return {
    previousJudgement,
    inspections: values.length,
    medianMonths: quantile(values, 0.5),
    interquartileMonths: [quantile(values, 0.25), quantile(values, 0.75)],
  };
}

const TYPE_WORDS: Record<string, string> = {
  'ilacs-short': 'short inspection',
  'ilacs-standard': 'standard inspection',
  'focused-visit': 'focused visit',
  'monitoring-visit': 'monitoring visit',
};

/** A window already past is moved to start today: the inspection is then due at any time. */
function window(type: string, from: string, months: [number, number], today: string, basis: string): ForecastWindow {
  let earliest = addMonths(from, months[0]);
  let latest = addMonths(from, months[1]);
  if (latest < today) {
    earliest = today;
    latest = addMonths(today, 6);
    basis += ` The usual window has passed, so it could come at any time.`;
  } else if (earliest < today) {
    earliest = today;
  }
  return { type, earliest, latest, basis };
}

export interface OwnInspection {
  typeKey: string;
  startDate: string;
  overall: Grade | null;
}

/**
 * The forecast from the authority's own record: its latest graded inspection (any framework), and the
 * visits since. Null when it has no graded inspection to count from.
 */
export function forecastNextInspection(
  own: readonly OwnInspection[],
  intervals: Map<Grade, number[]>,
  today: string,
): Forecast | null {
  const graded = own
    .filter((i) => i.overall && i.startDate <= today)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const last = graded.at(-1);
  if (!last || !last.overall) return null;
  const judgement = last.overall;
  const rule = ILACS_CADENCE[judgement];
  const national = nationalBasis(intervals, judgement);
  const label = GRADE_LABELS[judgement].toLowerCase();
  const framework = `The ILACS framework expects ${rule.wording}.`;
  const nextInspection =
    national && national.inspections >= MIN_NATIONAL_INTERVALS
      ? window(
          rule.next,
          last.startDate,
          national.interquartileMonths,
          today,
          `Authorities judged ${label} were next inspected after a median of ${Math.round(national.medianMonths)} months, middle half ` +
            `${Math.round(national.interquartileMonths[0])}–${Math.round(national.interquartileMonths[1])}, from ${national.inspections} inspections ` +
            `(Ofsted’s published outcomes, ILACS inspections since 2018), counted from your last inspection on ${formatGovukDate(last.startDate)}. ${framework}`,
        )
      : window(
          rule.next,
          last.startDate,
          rule.window,
          today,
          `${framework} Counted from your last inspection on ${formatGovukDate(last.startDate)}; too few authorities judged ${label} have been inspected again to use the national record.`,
        );
  const visits = own
    .filter((i) => i.typeKey === rule.visit.type && i.startDate > last.startDate && i.startDate <= today)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  let nextVisit: ForecastWindow | null = null;
  if (rule.visit.type === 'monitoring-visit') {
    const from = visits.at(-1)?.startDate ?? last.startDate;
    nextVisit = window(
      'monitoring-visit',
      from,
      rule.visit.window,
      today,
      `The ILACS framework expects ${rule.visit.wording} while an authority is judged inadequate; counted from your ${visits.length ? 'last monitoring visit' : 'last inspection'} on ${formatGovukDate(from)}.`,
    );
  } else if (!visits.length) {
    nextVisit = window(
      'focused-visit',
      last.startDate,
      rule.visit.window,
      today,
      `The ILACS framework expects ${rule.visit.wording}; you have had none since your last inspection on ${formatGovukDate(last.startDate)}.`,
    );
  }
  // A visit cannot be expected after the inspection it sits between.
  if (nextVisit && nextVisit.type === 'focused-visit' && nextVisit.earliest > nextInspection.latest) nextVisit = null;
  return { nextInspection, nextVisit, national };
}

export function forecastTypeLabel(type: string): string {
  return TYPE_WORDS[type] ?? type;
}
