import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  deadlineStatus,
  countWorkingDays,
  isWorkingDay,
  nthWorkingDayCounting,
  workingDaysBetween,
} from './working-days.js';
import { addDays } from './dates.js';
import { englandAndWalesHolidays } from '../features/calendar/snapshot.js';

const holidays = englandAndWalesHolidays();

describe('the England and Wales snapshot', () => {
  it.each([
    ['2022-06-03', 'Platinum Jubilee'],
    ['2022-09-19', 'State funeral'],
    ['2023-05-08', 'Coronation'],
    ['2020-05-08', 'VE day (early May moved)'],
    ['2012-06-05', 'Diamond Jubilee'],
    ['2011-04-29', 'Royal wedding'],
    ['2021-12-27', 'Christmas substitute (25th a Saturday)'],
    ['2021-12-28', 'Boxing Day substitute'],
    ['2022-12-27', 'Christmas substitute (25th a Sunday)'],
    ['2023-05-29', 'Spring bank holiday'],
    ['2030-08-26', 'Summer bank holiday'],
  ])('has %s (%s)', (date) => {
    expect(holidays.has(date)).toBe(true);
  });

  // 2022 and 2020 moved a May bank holiday away from its usual Monday
  it.each([
    ['2022-05-30', false],
    ['2020-05-04', false],
    ['2023-05-01', true],
  ])('%s is a holiday: %s', (date, expected) => {
    expect(holidays.has(date)).toBe(expected);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2023-06-19', true, 'Monday'],
    ['2023-06-24', false, 'Saturday'],
    ['2023-06-25', false, 'Sunday'],
    ['2023-05-29', false, 'bank holiday Monday'],
    ['2023-05-08', false, 'one-off coronation holiday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });
});

describe('addWorkingDays counts from the day after', () => {
  it.each([
    // seed 002: report published Tuesday 9 May 2023, action plan due 16 August 2023 (29 May in between)
    ['2023-05-09', 70, '2023-08-16'],
    // one working day after a Friday is the Monday
    ['2023-06-16', 1, '2023-06-19'],
    // over Christmas 2022: 23 Dec (Fri) + 1 → 28 Dec (26 and 27 are holidays)
    ['2022-12-23', 1, '2022-12-28'],
    // over Christmas 2021: 24 Dec (Fri) + 1 → 29 Dec (27, 28 substitutes)
    ['2021-12-24', 1, '2021-12-29'],
    // the funeral: Fri 16 Sep 2022 + 1 → Tue 20 Sep
    ['2022-09-16', 1, '2022-09-20'],
    // jubilee: Wed 1 Jun 2022 + 1 → Mon 6 Jun (2 and 3 June holidays)
    ['2022-06-01', 1, '2022-06-06'],
    // from a Saturday, the first working day is Monday
    ['2023-06-17', 1, '2023-06-19'],
    ['2023-06-19', 0, '2023-06-19'],
    // 20 working days after Mon 3 Jul 2023 → Mon 31 Jul
    ['2023-07-03', 20, '2023-07-31'],
    // backwards: 1 working day before Tue 30 May 2023 is Fri 26 May
    ['2023-05-30', -1, '2023-05-26'],
  ])('%s + %i working days = %s', (from, n, expected) => {
    expect(addWorkingDays(from, n, holidays)).toBe(expected);
  });

  it('refuses dates that are not real', () => {
    expect(() => addWorkingDays('2023-02-30', 1, holidays)).toThrow(/real date/);
    expect(() => addWorkingDays('9 May 2023', 1, holidays)).toThrow(/YYYY-MM-DD/);
  });

  it('uses the holidays it is given, so admin-added days count', () => {
    expect(addWorkingDays('2023-06-19', 1, new Set(['2023-06-20']))).toBe('2023-06-21');
  });
});

describe('nthWorkingDayCounting (call-in: counting the day of publication)', () => {
  it.each([
    // seed 002: published Monday 19 June 2023, call-in until midnight Friday 23 June
    ['2023-06-19', 5, '2023-06-23'],
    // published on a Saturday: the count starts on Monday
    ['2023-06-17', 5, '2023-06-23'],
    // published Thursday 25 May 2023: Thu, Fri, (Mon 29 holiday) Tue, Wed, Thu 1 June
    ['2023-05-25', 5, '2023-06-01'],
    ['2023-06-19', 1, '2023-06-19'],
  ])('%s, %i working days → %s', (from, n, expected) => {
    expect(nthWorkingDayCounting(from, n, holidays)).toBe(expected);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2023-05-09', '2023-08-16', 70],
    ['2023-06-19', '2023-06-23', 4],
    ['2023-06-23', '2023-06-26', 1],
    ['2023-06-24', '2023-06-25', 0],
    ['2023-06-26', '2023-06-23', -1],
    ['2023-06-19', '2023-06-19', 0],
  ])('%s → %s = %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to, holidays)).toBe(expected);
  });

  it('refuses dates that are not real', () => {
    expect(() => workingDaysBetween('2023-02-30', '2023-03-01', holidays)).toThrow(/from must be a real date/);
    expect(() => workingDaysBetween('2023-03-01', '1 March', holidays)).toThrow(/to must be a real date/);
  });

  it('inverts addWorkingDays over a year of start dates', () => {
    for (let d = 0; d < 365; d += 7) {
      const from = new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10);
      const to = addWorkingDays(from, 70, holidays);
      expect(workingDaysBetween(from, to, holidays)).toBe(70);
    }
  });
});

describe('deadlineStatus', () => {
  it.each([
    ['2023-08-16', '2023-08-14', 'Due in 2 working days', false],
    ['2023-08-16', '2023-08-16', 'Due today', false],
    ['2023-08-16', '2023-08-18', 'Overdue by 2 working days', true],
    ['2023-08-16', '2023-08-17', 'Overdue by 1 working day', true],
    ['2023-08-21', '2023-08-19', 'Due in 1 working day', false],
  ])('deadline %s on %s: %s', (deadline, today, text, overdue) => {
    const s = deadlineStatus(deadline, today, holidays);
    expect(s.text).toBe(text);
    expect(s.overdue).toBe(overdue);
  });
});

describe('countWorkingDays (by arithmetic)', () => {
  // A set with a Saturday in it (2024-06-15), which must not count twice.
  const few = new Set([
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
    '2025-01-01',
    '2024-06-15',
  ]);
  it.each([
    ['2024-05-20', '2024-06-11', 15],
    ['2024-05-20', '2024-06-12', 16],
    ['2024-06-21', '2024-06-30', 5],
    ['2024-06-14', '2024-06-30', 10],
    ['2024-12-24', '2025-01-02', 4],
    ['2024-06-29', '2024-06-30', 0],
    ['2024-06-28', '2024-06-28', 0],
    ['2025-01-02', '2024-12-24', -4],
  ])('%s → %s is %i working days, by hand', (from, to, expected) => {
    expect(countWorkingDays(from, to, few)).toBe(expected);
  });

  /** The rule as written: step day by day and count the working days after `from` up to `to`. */
  function dayByDay(from: string, to: string, set: ReadonlySet<string>): number {
    if (to < from) return -dayByDay(to, from, set);
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, set)) n++;
    return n;
  }

  it('agrees with counting day by day over every start in a year and a half, both ways', () => {
    for (let i = 0; i < 560; i += 3) {
      const from = addDays('2023-12-01', i);
      for (const span of [0, 1, 2, 5, 6, 7, 13, 44, 45, 46, 63, 200, -1, -6, -45, -200]) {
        const to = addDays(from, span);
        expect(countWorkingDays(from, to, few)).toBe(dayByDay(from, to, few));
        expect(workingDaysBetween(from, to, holidays)).toBe(dayByDay(from, to, holidays));
      }
    }
  });

  it('sees a day added to the set after it was first used', () => {
    const set = new Set(['2024-05-06']);
    expect(countWorkingDays('2024-05-31', '2024-06-07', set)).toBe(5);
    set.add('2024-06-03');
    expect(countWorkingDays('2024-05-31', '2024-06-07', set)).toBe(4);
  });
});
