import { describe, expect, it } from 'vitest';
import { parseNumberCell, qualityFlags, unitError, type QualityFlag, type Unit } from './indicator-values.js';
import type { PeriodKind } from './periods.js';

describe('parseNumberCell', () => {
  it.each([
    [16.6, { ok: true, value: 16.6 }],
    ['1,234', { ok: true, value: 1234 }],
    [' 91% ', { ok: true, value: 91 }],
    ['-2.5', { ok: true, value: -2.5 }],
    ['', { ok: true, value: null }],
    [null, { ok: true, value: null }],
    ['c', { ok: true, value: null, suppressed: 'c' }],
    ['LOW', { ok: true, value: null, suppressed: 'LOW' }],
    ['x', { ok: true, value: null, suppressed: 'x' }],
    ['twelve', { ok: false, message: '“twelve” is not a number: type it like 16.2 or 1,234' }],
    ['12 cases', { ok: false, message: '“12 cases” is not a number: type it like 16.2 or 1,234' }],
    // Issue 18: "16,2%" was saved as 162; a comma that could be a decimal comma is refused.
    [
      '16,2%',
      {
        ok: false,
        message:
          '“16,2%” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
      },
    ],
    [
      '1,5',
      {
        ok: false,
        message:
          '“1,5” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
      },
    ],
    ['16.2%', { ok: true, value: 16.2 }],
    [Number.NaN, { ok: false, message: 'is not a number' }],
  ])('%j → %j', (cell, expected) => expect(parseNumberCell(cell)).toEqual(expected));
});

describe('unitError', () => {
  it.each([
    [101, 'percent', 'is a percentage, so must be 100 or less'],
    [100, 'percent', null],
    [-1, 'count', 'must be 0 or more'],
    [250, 'rate-per-10k', null],
  ] as const)('%d %s → %s', (value, unit, expected) => expect(unitError(value, unit)).toBe(expected));
});

describe('qualityFlags', () => {
  it('finds no flag in a complete, smooth, up-to-date monthly series', () => {
    const values = ['2024-01', '2024-02', '2024-03'].map((period, i) => ({ period, value: 80 + i }));
    // On 15 May 2024 the last complete month is April, so March is the latest due.
    expect(qualityFlags({ unit: 'percent', kind: 'month', values, today: '2024-05-15' })).toEqual([]);
  });
  it('lists missing months between the first value and the last due', () => {
    const values = [
      { period: '2024-01', value: 80 },
      { period: '2024-02', value: null },
      { period: '2024-04', value: 82 },
    ];
    const flags = qualityFlags({ unit: 'percent', kind: 'month', values, today: '2024-06-02' });
    expect(flags).toEqual([
      { kind: 'missing', periods: ['2024-02', '2024-03'], message: '2 periods with no value: 2024-02, 2024-03' },
    ]);
  });
  // Two values a period apart, and the flags they raise (only the fields that matter to each case).
  it.each<[string, Unit, PeriodKind, [string, number], [string, number], string, Partial<QualityFlag>[]]>([
    [
      'flags an implausible rate and a jump over 50%',
      'rate-per-10k',
      'year',
      ['2023', 400],
      ['2024', 2500],
      '2024-05-01',
      [{ kind: 'implausible' }, { kind: 'jump', message: '2024: up 525% on 2023 (400 to 2500)' }],
    ],
    [
      'flags a non-whole count',
      'count',
      'year',
      ['2023', 10],
      ['2024', 12.5],
      '2024-05-01',
      [{ message: '2024: 12.5 is not a whole number' }],
    ],
    ['does not call a 50% rise a jump', 'count', 'quarter', ['2024-Q1', 100], ['2024-Q2', 150], '2024-08-01', []],
    [
      'calls a 51% fall a jump',
      'count',
      'quarter',
      ['2024-Q1', 100],
      ['2024-Q2', 49],
      '2024-08-01',
      [{ message: '2024-Q2: down 51% on 2024-Q1 (100 to 49)' }],
    ],
  ])('%s', (_, unit, kind, [p1, v1], [p2, v2], today, expected) => {
    const values = [
      { period: p1, value: v1 },
      { period: p2, value: v2 },
    ];
    expect(qualityFlags({ unit, kind, values, today })).toMatchObject(expected);
  });
  it('flags a stale series and one with no values', () => {
    const stale = qualityFlags({
      unit: 'days',
      kind: 'month',
      values: [{ period: '2024-01', value: 20 }],
      today: '2024-04-10',
    });
    expect(stale.map((f) => f.kind)).toEqual(['missing', 'stale']);
    expect(stale[1].message).toBe('Not updated since 2024-01: the value for 2024-02 was due');
    expect(qualityFlags({ unit: 'days', kind: 'month', values: [], today: '2024-04-10' })).toEqual([
      { kind: 'stale', period: null, message: 'No values recorded yet' },
    ]);
  });
});
