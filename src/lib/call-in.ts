import { addWorkingDays, nthWorkingDayCounting, type HolidaySet } from './working-days.js';

/**
 * When an executive decision can be called in: until midnight on the last day of a period of working
 * days after publication. Councils write the rule differently, so it is configurable per organisation.
 */
export interface CallInRule {
  /** Length of the call-in period in working days. */
  workingDays: number;
  /** Does the day of publication count as the first day (when it is a working day)? */
  countPublicationDay: boolean;
}

/** Seed 002: published Monday 19 June 2023, call-in until midnight Friday 23 June 2023. */
export const DEFAULT_CALL_IN_RULE: CallInRule = { workingDays: 5, countPublicationDay: true };

/** The last day on which the decision can be called in (to midnight), as 'YYYY-MM-DD'. */
export function callInDeadline(publishedIso: string, rule: CallInRule, holidays: HolidaySet): string {
  if (!Number.isInteger(rule.workingDays) || rule.workingDays < 1)
    throw new RangeError('The call-in period must be at least 1 working day');
  return rule.countPublicationDay
    ? nthWorkingDayCounting(publishedIso, rule.workingDays, holidays)
    : addWorkingDays(publishedIso, rule.workingDays, holidays);
}

/** Is the call-in window still open on `todayIso`? (It closes at midnight at the end of the deadline day.) */
export function callInOpen(deadlineIso: string, todayIso: string): boolean {
  return todayIso <= deadlineIso;
}

export function describeCallInRule(rule: CallInRule): string {
  const days = `${rule.workingDays} working day${rule.workingDays === 1 ? '' : 's'}`;
  return rule.countPublicationDay
    ? `Midnight on the ${ordinal(rule.workingDays)} working day, counting the day of publication`
    : `Midnight ${days} after the day of publication`;
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}
