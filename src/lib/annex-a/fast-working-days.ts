/**
 * Working days counted by arithmetic rather than day by day, for the hundreds of thousands of rows an
 * Annex A import measures. Same rule and result as `workingDaysBetween` in src/lib/working-days.ts
 * (working days after `from` up to and including `to`; weekends and the holiday set excluded), which the
 * tests check against it.
 */
import { workingDaysBetween, type HolidaySet } from '../working-days.js';

const dayCache = new Map<string, number>();

/** Days since 1970-01-01 for a 'YYYY-MM-DD' string. */
export function dayNumber(iso: string): number {
  let n = dayCache.get(iso);
  if (n === undefined) {
    n = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(iso, n);
  }
  return n;
}

/** Weekdays among days 0..n (day 0, 1 January 1970, was a Thursday). */
function weekdaysThrough(n: number): number {
  // Shift so that day index 0 is a Monday: 1970-01-05 is day 4.
  const m = n - 4;
  const weeks = Math.floor(m / 7);
  const rest = m - weeks * 7; // 0 = Monday … 6 = Sunday
  return weeks * 5 + Math.min(rest + 1, 5);
}

const holidayCache = new WeakMap<HolidaySet, number[]>();
function weekdayHolidays(holidays: HolidaySet): number[] {
  let days = holidayCache.get(holidays);
  if (!days) {
    days = [...holidays]
      .map(dayNumber)
      .filter((d) => {
        const dow = (((d + 4) % 7) + 7) % 7; // 0 = Sunday
        return dow !== 0 && dow !== 6;
      })
      .sort((a, b) => a - b);
    holidayCache.set(holidays, days);
  }
  return days;
}

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

export function fastWorkingDaysBetween(fromIso: string, toIso: string, holidays: HolidaySet): number {
  if (toIso < fromIso) return workingDaysBetween(fromIso, toIso, holidays);
  const a = dayNumber(fromIso);
  const b = dayNumber(toIso);
  const hs = weekdayHolidays(holidays);
  return weekdaysThrough(b) - weekdaysThrough(a) - (countAtMost(hs, b) - countAtMost(hs, a));
}
