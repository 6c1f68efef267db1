import { describe, expect, it } from 'vitest';
import { indicatorRag, targetFor, type Polarity, type TargetRule } from './indicator-rag.js';

describe('indicatorRag', () => {
  it.each<[string, number | null, number | null, Polarity, number, string]>([
    ['higher: above target', 90, 85, 'higher-is-better', 5, 'green'],
    ['higher: exactly on target', 85, 85, 'higher-is-better', 5, 'green'],
    ['higher: short by exactly the tolerance', 80, 85, 'higher-is-better', 5, 'amber'],
    ['higher: short by just over the tolerance', 79.9, 85, 'higher-is-better', 5, 'red'],
    ['higher: no tolerance, a hair short', 84.99, 85, 'higher-is-better', 0, 'red'],
    ['lower: caseload 16.6 against 15 with 1 tolerance', 16.6, 15, 'lower-is-better', 1, 'red'],
    ['lower: caseload 15.8 against 15 with 1 tolerance', 15.8, 15, 'lower-is-better', 1, 'amber'],
    ['lower: caseload 14 against 15', 14, 15, 'lower-is-better', 1, 'green'],
    ['lower: float noise does not flip', 0.3, 0.1 + 0.2, 'lower-is-better', 0, 'green'],
    ['neither: 2 away with tolerance 3', 43, 45, 'neither', 3, 'green'],
    ['neither: 5 away, within twice the tolerance', 40, 45, 'neither', 3, 'amber'],
    ['neither: 7 away, beyond twice the tolerance', 52, 45, 'neither', 3, 'red'],
    ['no value', null, 85, 'higher-is-better', 5, 'none'],
    ['no target', 85, null, 'lower-is-better', 5, 'none'],
  ])('%s → %s', (_label, value, target, polarity, tolerance, expected) => {
    expect(indicatorRag({ value, target, polarity, tolerance })).toBe(expected);
  });
});

describe('targetFor', () => {
  const trajectory: TargetRule = {
    kind: 'trajectory',
    startPeriod: '2024-01',
    startValue: 20,
    endPeriod: '2024-07',
    endValue: 14,
  };
  it.each<[string, TargetRule[], string, number | null]>([
    ['start of trajectory', [trajectory], '2024-01', 20],
    ['half way', [trajectory], '2024-04', 17],
    ['one step in', [trajectory], '2024-02', 19],
    ['after the end holds the end value', [trajectory], '2024-09', 14],
    ['before the start has no target', [trajectory], '2023-12', null],
    [
      'a target for the period overrides the trajectory',
      [trajectory, { kind: 'period', period: '2024-04', value: 16.5 }],
      '2024-04',
      16.5,
    ],
    ['a quarter is not on a monthly trajectory', [trajectory], '2024-Q2', null],
    [
      'thirds round to 2 places',
      [{ kind: 'trajectory', startPeriod: '2024-01', startValue: 10, endPeriod: '2024-04', endValue: 11 }],
      '2024-02',
      10.33,
    ],
    [
      'the later-starting trajectory wins',
      [trajectory, { kind: 'trajectory', startPeriod: '2024-05', startValue: 15, endPeriod: '2024-06', endValue: 12 }],
      '2024-06',
      12,
    ],
    ['no rules', [], '2024-01', null],
  ])('%s', (_label, rules, period, expected) => expect(targetFor(period, rules)).toBe(expected));
});
