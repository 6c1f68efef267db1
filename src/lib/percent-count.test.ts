import { describe, expect, it } from 'vitest';
import { countsError, countWithPercent, percentWithCount } from './percent-count.js';

describe('percentWithCount', () => {
  // 169 / 206 = 0.82038… → 82%; 1 / 3 = 33.33…%
  it.each([
    [82, 169, 206, '82% (169 of 206)'],
    [82.04, 169, 206, '82% (169 of 206)'],
    [null, 169, 206, '82% (169 of 206)'],
    [null, 1, 3, '33% (1 of 3)'],
    [64.5, null, null, '64.5%'],
    [12.25, undefined, undefined, '12.3%'],
    [100, 1205, 1205, '100% (1,205 of 1,205)'],
    [null, null, null, '–'],
    [null, 0, 0, '–'],
  ])('%s with %s of %s → %s', (value, n, d, expected) => {
    expect(percentWithCount(value, n, d)).toBe(expected);
  });
});

describe('countWithPercent', () => {
  it.each([
    [4, 12, '4 of 12 (33%)'],
    [169, 206, '169 of 206 (82%)'],
    [0, 5, '0 of 5 (0%)'],
    [0, 0, '0 of 0'],
  ])('%s of %s → %s', (count, total, expected) => {
    expect(countWithPercent(count, total)).toBe(expected);
  });
});

describe('countsError', () => {
  it.each([
    ['percent', 82, 169, 206, null],
    ['percent', null, 169, 206, null],
    ['percent', 82, null, null, null],
    ['percent', 82.6, 169, 206, '169 of 206 is 82%, not 82.6%'],
    ['percent', 50, 207, 206, 'The numerator (207) cannot be more than the denominator (206)'],
    ['percent', 50, 3, null, 'Give both the numerator and the denominator, or neither'],
    ['percent', 50, 1.5, 3, 'The numerator and denominator must be whole numbers, the denominator more than 0'],
    ['percent', 0, 0, 0, 'The numerator and denominator must be whole numbers, the denominator more than 0'],
    ['count', 12, 12, 20, 'Counts (numerator and denominator) can only be given for a percentage'],
  ] as const)('%s %s with %s of %s', (unit, value, n, d, expected) => {
    expect(countsError(unit, { value, numerator: n, denominator: d })).toBe(expected);
  });
});
