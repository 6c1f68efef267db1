import { describe, expect, it } from 'vitest';
import { parseNumberCell, qualityFlags, unitError } from './indicator-values.js';

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
  const kinds = (flags: { kind: string }[]) => flags.map((f) => f.kind);
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
  it('flags an implausible value, a non-whole count and a jump over 50%', () => {
    const pct = qualityFlags({
      unit: 'rate-per-10k',
      kind: 'year',
      values: [
        { period: '2023', value: 400 },
        { period: '2024', value: 2500 },
      ],
      today: '2024-05-01',
    });
    expect(kinds(pct)).toEqual(['implausible', 'jump']);
    expect(pct[1].message).toBe('2024: up 525% on 2023 (400 to 2500)');
    const count = qualityFlags({
      unit: 'count',
      kind: 'year',
      values: [
        { period: '2023', value: 10 },
        { period: '2024', value: 12.5 },
      ],
      today: '2024-05-01',
    });
    expect(count.map((f) => f.message)).toEqual(['2024: 12.5 is not a whole number']);
  });
  it('does not call a 50% change a jump, but a 51% fall is one', () => {
    const ok = qualityFlags({
      unit: 'count',
      kind: 'quarter',
      values: [
        { period: '2024-Q1', value: 100 },
        { period: '2024-Q2', value: 150 },
      ],
      today: '2024-08-01',
    });
    expect(ok).toEqual([]);
    const fall = qualityFlags({
      unit: 'count',
      kind: 'quarter',
      values: [
        { period: '2024-Q1', value: 100 },
        { period: '2024-Q2', value: 49 },
      ],
      today: '2024-08-01',
    });
    expect(fall.map((f) => f.message)).toEqual(['2024-Q2: down 51% on 2024-Q1 (100 to 49)']);
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
