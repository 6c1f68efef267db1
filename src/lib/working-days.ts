import { addDays, dayOfWeek, isIsoDate } from './dates.js';

/** Bank holidays as 'YYYY-MM-DD' strings (England and Wales, plus any an administrator added). */
export type HolidaySet = ReadonlySet<string>;

function assertDate(iso: string, name: string): void {
  if (!isIsoDate(iso)) throw new RangeError(`${name} must be a real date in the format YYYY-MM-DD, not "${iso}"`);
}

/** Monday to Friday, except bank holidays. */
export function isWorkingDay(iso: string, holidays: HolidaySet): boolean {
  assertDate(iso, 'date');
  const dow = dayOfWeek(iso);
  return dow !== 0 && dow !== 6 && !holidays.has(iso);
}

/**
 * The date `n` working days after `fromIso`, counting from the day after (so the event's own day is
 * day 0): Ofsted's "within 70 working days of publication". n = 0 returns the date itself; a negative
 * n counts backwards.
 */
export function addWorkingDays(fromIso: string, n: number, holidays: HolidaySet): string {
  assertDate(fromIso, 'from');
  if (!Number.isInteger(n)) throw new RangeError('days must be a whole number');
  const step = n >= 0 ? 1 : -1;
  let remaining = Math.abs(n);
  let date = fromIso;
  while (remaining > 0) {
    date = addDays(date, step);
    if (isWorkingDay(date, holidays)) remaining--;
  }
  return date;
}

/**
 * The nth working day counting the start day itself when it is a working day: a call-in period of
 * five working days "including the day of publication" (published Monday 19 June 2023 → Friday 23 June).
 */
export function nthWorkingDayCounting(fromIso: string, n: number, holidays: HolidaySet): string {
  assertDate(fromIso, 'from');
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a whole number of 1 or more');
  return isWorkingDay(fromIso, holidays)
    ? addWorkingDays(fromIso, n - 1, holidays)
    : addWorkingDays(fromIso, n, holidays);
}

/**
 * Working days after `fromIso` up to and including `toIso`; negative when `toIso` is earlier.
 * So workingDaysBetween(d, addWorkingDays(d, n)) === n.
 */
export function workingDaysBetween(fromIso: string, toIso: string, holidays: HolidaySet): number {
  assertDate(fromIso, 'from');
  assertDate(toIso, 'to');
  if (toIso === fromIso) return 0;
  const forward = toIso > fromIso;
  let count = 0;
  let date = fromIso;
  while (date !== toIso) {
    date = addDays(date, forward ? 1 : -1);
    if (forward ? isWorkingDay(date, holidays) : isWorkingDay(addDays(date, 1), holidays)) count++;
  }
  return forward ? count : -count;
}

export interface DeadlineStatus {
  date: string;
  /** Working days from today until the deadline (0 = due today); negative when overdue. */
  workingDaysLeft: number;
  overdue: boolean;
  /** "Due today", "Due in 3 working days", "Overdue by 2 working days". */
  text: string;
}

export function deadlineStatus(deadlineIso: string, todayIso: string, holidays: HolidaySet): DeadlineStatus {
  const left = workingDaysBetween(todayIso, deadlineIso, holidays);
  const plural = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;
  const overdue = deadlineIso < todayIso;
  const text = overdue
    ? `Overdue by ${plural(Math.max(1, -left))}`
    : deadlineIso === todayIso
      ? 'Due today'
      : left === 0
        ? 'Due on the next working day'
        : `Due in ${plural(left)}`;
  return { date: deadlineIso, workingDaysLeft: left, overdue, text };
}
