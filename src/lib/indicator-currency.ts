import { addDays } from './dates.js';
import {
  addPeriods,
  comparePeriods,
  lastCompletePeriod,
  periodEndDate,
  periodLabel,
  type PeriodKind,
} from './periods.js';

/**
 * Is an indicator's figure up to date? A period's value is *due* a set number of days after the
 * period ends (time to close the month, run the return and check it). The latest due period is the
 * newest period whose due date is on or before today. An indicator with no value for that period is
 * **out of date**: its own state, shown instead of the RAG of an older value, so a red or green that
 * nobody has refreshed is never passed off as current (councillors ask "is it red because nobody
 * updated it?").
 *
 * Days allowed after the period ends: a month 28 (the next month's performance meeting), a quarter
 * 42 (six weeks), a DfE reporting year (ending 31 March) 92 (the statutory returns are made by
 * about the end of June).
 */
export const DAYS_UNTIL_DUE: Record<PeriodKind, number> = { month: 28, quarter: 42, year: 92 };

export type Currency = 'current' | 'out-of-date';

export interface CurrencyResult {
  state: Currency;
  /** The newest period whose value is due by today. */
  duePeriod: string;
  /** The newest period with a value, if any. */
  latestPeriod: string | null;
  /** Plain words for the page: "No value for Oct 2026 (latest: Aug 2026)". */
  message: string | null;
}

/** The newest period of this kind whose value is due on or before today. */
export function latestDuePeriod(kind: PeriodKind, today: string): string {
  let period = lastCompletePeriod(kind, today);
  while (addDays(periodEndDate(period), DAYS_UNTIL_DUE[kind]) > today) period = addPeriods(period, -1);
  return period;
}

export function indicatorCurrency(input: {
  kind: PeriodKind;
  latestPeriod: string | null;
  today: string;
}): CurrencyResult {
  const duePeriod = latestDuePeriod(input.kind, input.today);
  const { latestPeriod } = input;
  if (latestPeriod && comparePeriods(latestPeriod, duePeriod) >= 0)
    return { state: 'current', duePeriod, latestPeriod, message: null };
  const message = latestPeriod
    ? `No value for ${periodLabel(duePeriod)} (latest: ${periodLabel(latestPeriod)})`
    : `No value recorded yet (due: ${periodLabel(duePeriod)})`;
  return { state: 'out-of-date', duePeriod, latestPeriod, message };
}
