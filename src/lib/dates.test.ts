import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween, formatGovukDate, isIsoDate, todayInLondon } from './dates.js';

describe('todayInLondon', () => {
  // 2026: British Summer Time from 01:00 UTC on Sunday 29 March to 01:00 UTC on Sunday 25 October.
  it.each([
    ['2026-01-15T12:00:00Z', '2026-01-15', 'winter midday'],
    ['2026-03-28T23:59:59Z', '2026-03-28', 'last second of the day before the clocks go forward (GMT)'],
    ['2026-03-29T00:30:00Z', '2026-03-29', 'the night the clocks go forward, still GMT'],
    ['2026-06-30T22:59:59Z', '2026-06-30', '23:59:59 BST'],
    ['2026-06-30T23:00:00Z', '2026-07-01', 'midnight BST is 23:00 UTC the evening before'],
    ['2026-10-24T23:30:00Z', '2026-10-25', '00:30 BST on the day the clocks go back'],
    ['2026-10-25T00:30:00Z', '2026-10-25', '01:30 BST, half an hour before they go back'],
    ['2026-12-31T23:59:59Z', '2026-12-31', 'new year’s eve, GMT'],
    ['2027-01-01T00:00:00Z', '2027-01-01', 'new year, GMT'],
  ])('%s is %s in England (%s)', (instant, expected) => {
    expect(todayInLondon(new Date(instant))).toBe(expected);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['26-01-01', false],
    ['2026-1-1', false],
  ])('isIsoDate(%s) is %s', (value, expected) => expect(isIsoDate(value)).toBe(expected));

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'],
  ])('addDays(%s, %i) is %s', (from, days, expected) => expect(addDays(from, days)).toBe(expected));

  it.each([
    ['2026-11-30', 1],
    ['2026-11-29', 0],
    ['2026-03-28', 6],
  ])('%s is day %i of the week (0 is Sunday)', (date, expected) => expect(dayOfWeek(date)).toBe(expected));

  it.each([
    ['2026-03-28', '2026-03-30', 2],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-10-26', '2026-10-24', -2],
  ])('from %s to %s is %i days', (from, to, expected) => expect(daysBetween(from, to)).toBe(expected));

  it.each([
    ['2023-06-19', '19 June 2023'],
    ['2026-01-01', '1 January 2026'],
    [null, ''],
    ['not a date', 'not a date'],
  ])('formatGovukDate(%s) is %j', (iso, expected) => expect(formatGovukDate(iso)).toBe(expected));
});
