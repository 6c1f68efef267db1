import { describe, expect, it } from 'vitest';
import { indicatorCurrency, latestDuePeriod } from './indicator-currency.js';

describe('latestDuePeriod', () => {
  // Worked by hand: a month is due 28 days after it ends. On 28 Nov 2026 October (ended 31 Oct) is due on
  // 28 Nov → due. On 27 Nov it is not yet, so September is the latest due. A quarter is due 42 days
  // after it ends: Q3 2026 ends 30 Sep → due 11 Nov. A year (to 31 March) is due 92 days later: the
  // year 2026 (April 2025 to March 2026) ends 31 Mar 2026 → due 1 Jul 2026.
  it.each([
    ['month', '2026-11-28', '2026-10'],
    ['month', '2026-11-27', '2026-09'],
    ['month', '2026-01-05', '2025-11'],
    ['month', '2026-03-28', '2026-02'], // Feb 2026 ends 28 Feb; +28 days = 28 Mar
    ['quarter', '2026-11-11', '2026-Q3'],
    ['quarter', '2026-11-10', '2026-Q2'],
    ['quarter', '2026-02-11', '2025-Q4'], // Q4 2025 ends 31 Dec; +42 = 11 Feb
    ['year', '2026-07-01', '2026'],
    ['year', '2026-06-30', '2025'],
    ['year', '2026-03-31', '2025'],
  ] as const)('%s on %s → %s', (kind, today, expected) => {
    expect(latestDuePeriod(kind, today)).toBe(expected);
  });
});

describe('indicatorCurrency', () => {
  it.each([
    // kind, latest recorded, today, state, message
    ['month', '2026-10', '2026-11-30', 'current', null],
    ['month', '2026-11', '2026-11-30', 'current', null], // a value ahead of the due period is current
    ['month', '2026-09', '2026-11-30', 'out-of-date', 'No value for Oct 2026 (latest: Sep 2026)'],
    ['month', '2026-09', '2026-11-27', 'current', null], // October is not due until 28 Nov
    ['month', null, '2026-11-30', 'out-of-date', 'No value recorded yet (due: Oct 2026)'],
    ['quarter', '2026-Q2', '2026-11-30', 'out-of-date', 'No value for Q3 2026 (latest: Q2 2026)'],
    ['quarter', '2026-Q3', '2026-11-30', 'current', null],
    ['year', '2025', '2026-11-30', 'out-of-date', 'No value for 2025 to 26 (latest: 2024 to 25)'],
    ['year', '2026', '2026-11-30', 'current', null],
  ] as const)('%s, latest %s, on %s → %s', (kind, latestPeriod, today, state, message) => {
    const result = indicatorCurrency({ kind, latestPeriod, today });
    expect(result.state).toBe(state);
    expect(result.message).toBe(message);
  });
});
