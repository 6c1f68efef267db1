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
  return countWorkingDays(fromIso, toIso, holidays);
}

/**
 * `workingDaysBetween` for dates already known to be real (an Annex A import measures hundreds of
 * thousands of rows). Counted by arithmetic, not day by day: a deadline years ago (an inspection of
 * 2018 seen today) would otherwise walk thousands of days on every page that shows it.
 */
export function countWorkingDays(fromIso: string, toIso: string, holidays: HolidaySet): number {
  if (toIso < fromIso) return -countWorkingDays(toIso, fromIso, holidays);
  const a = dayNumber(fromIso);
  const b = dayNumber(toIso);
  const off = weekdayHolidays(holidays);
  return weekdaysThrough(b) - weekdaysThrough(a) - (countAtMost(off, b) - countAtMost(off, a));
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' string. */
function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

/** Weekdays among days 0..n since 1970-01-01 (day 0 was a Thursday; 1970-01-05, day 4, a Monday). */
function weekdaysThrough(n: number): number {
  const m = n - 4;
  const weeks = Math.floor(m / 7);
  const rest = m - weeks * 7; // 0 = Monday … 6 = Sunday
  return weeks * 5 + Math.min(rest + 1, 5);
}

// The holidays that fall on weekdays, as sorted day numbers, worked out once per set (re-worked if the
// set has grown or shrunk since: sets are built per request and not changed, but a caller could).
const weekdayHolidayCache = new WeakMap<HolidaySet, { size: number; days: number[] }>();
function weekdayHolidays(holidays: HolidaySet): number[] {
  const cached = weekdayHolidayCache.get(holidays);
  if (cached && cached.size === holidays.size) return cached.days;
  const days = [...holidays]
    .map(dayNumber)
    .filter((d) => {
      const dow = (((d + 4) % 7) + 7) % 7; // 0 = Sunday
      return dow !== 0 && dow !== 6;
    })
    .sort((x, y) => x - y);
  weekdayHolidayCache.set(holidays, { size: holidays.size, days });
  return days;
}

/** How many of the sorted numbers are at most x. */
function countAtMost(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
