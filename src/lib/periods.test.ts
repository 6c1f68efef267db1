import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  comparePeriods,
  isPeriod,
  lastCompletePeriod,
  normalisePeriod,
  periodDistance,
  periodEndDate,
  periodLabel,
  periodRange,
} from './periods.js';

describe('periods', () => {
  it.each([
    ['2024-03', true],
    ['2024-Q4', true],
    ['2024', true],
    ['2024-13', false],
    ['2024-00', false],
    ['2024-Q5', false],
    ['24-03', false],
    ['March 2024', false],
  ])('isPeriod(%s) is %s', (text, expected) => expect(isPeriod(text)).toBe(expected));

  it.each([
    ['2024-03', '2024-03'],
    ['2024-03-31', '2024-03'],
    ['Mar 2024', '2024-03'],
    ['march 2024', '2024-03'],
    ['Mar-24', '2024-03'],
    ['3/2024', '2024-03'],
    ['2024 Q2', '2024-Q2'],
    ['q3 2023', '2023-Q3'],
    [2023, '2023'],
    [new Date(Date.UTC(2024, 1, 29)), '2024-02'],
    ['Ma 2024', null],
    ['13/2024', null],
    ['soon', null],
    [45000.5, null],
  ])('normalisePeriod(%s) → %s', (input, expected) => expect(normalisePeriod(input)).toBe(expected));

  it.each([
    ['2024-12', 1, '2025-01'],
    ['2024-01', -1, '2023-12'],
    ['2024-Q4', 1, '2025-Q1'],
    ['2024', -3, '2021'],
  ])('addPeriods(%s, %d) → %s', (p, n, expected) => expect(addPeriods(p, n)).toBe(expected));

  it('lists a range across a year end and measures distance', () => {
    expect(periodRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(periodRange('2024-02', '2024-01')).toEqual([]);
    expect(periodDistance('2023-Q3', '2024-Q2')).toBe(3);
  });

  it.each([
    ['2024-02', '2024-02-29'],
    ['2023-02', '2023-02-28'],
    ['2024-Q3', '2024-09-30'],
    ['2024', '2024-03-31'],
  ])('periodEndDate(%s) → %s', (p, expected) => expect(periodEndDate(p)).toBe(expected));

  it('orders mixed periods by end date', () => {
    expect(['2024-04', '2024', '2024-Q1', '2024-02'].sort(comparePeriods)).toEqual([
      '2024-02',
      '2024',
      '2024-Q1',
      '2024-04',
    ]);
  });

  it.each([
    ['2024-03', 'Mar 2024'],
    ['2024-Q1', 'Q1 2024'],
    ['2024', '2023 to 24'],
  ])('periodLabel(%s) → %s', (p, expected) => expect(periodLabel(p)).toBe(expected));

  it.each([
    ['month', '2024-01-15', '2023-12'],
    ['quarter', '2024-05-01', '2024-Q1'],
    ['quarter', '2024-01-01', '2023-Q4'],
    ['year', '2024-03-31', '2023'],
    ['year', '2024-04-01', '2024'],
  ] as const)('lastCompletePeriod(%s, %s) → %s', (kind, today, expected) =>
    expect(lastCompletePeriod(kind, today)).toBe(expected),
  );
});
