import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../working-days.js';
import { addDays } from '../dates.js';
import { fastWorkingDaysBetween } from './fast-working-days.js';

describe('fastWorkingDaysBetween', () => {
  const holidays = new Set([
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
  ])('%s → %s is %i working days, by hand', (from, to, expected) => {
    expect(fastWorkingDaysBetween(from, to, holidays)).toBe(expected);
  });

  it('agrees with the shared working-days module over every pair in a year and a half', () => {
    for (let i = 0; i < 560; i += 3) {
      const from = addDays('2023-12-01', i);
      for (const span of [0, 1, 2, 5, 6, 7, 13, 44, 45, 46, 63, 200]) {
        const to = addDays(from, span);
        expect(fastWorkingDaysBetween(from, to, holidays)).toBe(workingDaysBetween(from, to, holidays));
      }
    }
  });
});
