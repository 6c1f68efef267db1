import { describe, expect, it } from 'vitest';
import { readIndicatorSheet, type IndicatorMeta } from './indicator-import.js';

const meta: IndicatorMeta = new Map([
  ['agency-rate', { unit: 'percent', kind: 'month', name: 'Agency' }],
  ['unallocated-cases', { unit: 'count', kind: 'month', name: 'Unallocated' }],
  ['sw-per-10k', { unit: 'rate-per-10k', kind: 'quarter', name: 'SW' }],
]);

describe('readIndicatorSheet', () => {
  it('reads the long layout with notes and period spellings', () => {
    const res = readIndicatorSheet(
      [
        ['Indicator', 'Period', 'Value', 'Note'],
        ['agency-rate', 'Mar 2024', '17.5%', 'from HR'],
        ['Unallocated-Cases', '2024-03', 12, ''],
      ],
      meta,
    );
    expect(res.layout).toBe('long');
    expect(res.errors).toEqual([]);
    expect(res.rows).toEqual([
      { key: 'agency-rate', period: '2024-03', value: 17.5, note: 'from HR', row: 2, column: 'C' },
      { key: 'unallocated-cases', period: '2024-03', value: 12, note: '', row: 3, column: 'C' },
    ]);
  });

  it('reads the wide layout, skipping blanks and keeping suppression as missing', () => {
    const res = readIndicatorSheet(
      [
        ['indicator', '2024-01', '2024-02', '2024-03'],
        ['agency-rate', 18, '', 'c'],
      ],
      meta,
    );
    expect(res.layout).toBe('wide');
    expect(res.errors).toEqual([]);
    expect(res.rows).toEqual([
      { key: 'agency-rate', period: '2024-01', value: 18, note: '', row: 2, column: 'B' },
      { key: 'agency-rate', period: '2024-03', value: null, note: 'Suppressed (c)', row: 2, column: 'D' },
    ]);
  });

  it('names row and column for each kind of bad input', () => {
    const res = readIndicatorSheet(
      [
        ['indicator', 'period', 'value'],
        ['agency-rate', '2024-03', 'twelve'],
        ['agency-rate', '2024-04', 101],
        ['agency-rate', '03-2024', 10],
        ['no-such-thing', '2024-03', 10],
        ['sw-per-10k', '2024-03', 22],
        ['unallocated-cases', '2024-03', ''],
        ['unallocated-cases', '2024-04', -1],
        ['agency-rate', '2024-05', 10],
        ['agency-rate', 'May 2024', 11],
      ],
      meta,
    );
    expect(res.errors.map((e) => e.message)).toEqual([
      'Row 2, column C: “twelve” is not a number: type it like 16.2 or 1,234',
      'Row 3, column C: 101 is a percentage, so must be 100 or less',
      'Row 4, column B: “03-2024” is not a period; use a month like 2024-03, a quarter like 2024-Q1 or a year like 2024',
      'Row 5, column A: “no-such-thing” is not an indicator key in your library',
      'Row 6, column B: sw-per-10k is recorded by quarter, so the period must be a quarter like 2024-Q1 (not 2024-03)',
      'Row 7, column C: enter a value, or a suppression code such as c or x for no value',
      'Row 8, column C: -1 must be 0 or more',
      'Row 10, column C: agency-rate for 2024-05 is already given in row 9',
    ]);
  });

  // 169 / 206 = 82.04% → 82.0; 45 / 60 = 75%; 1 / 3 = 33.3%, so 34 disagrees.
  it('reads the count behind a percentage from optional numerator and denominator columns', () => {
    const res = readIndicatorSheet(
      [
        ['indicator', 'period', 'value', 'numerator', 'denominator', 'note'],
        ['agency-rate', '2024-01', '', 169, 206, 'from HR'],
        ['agency-rate', '2024-02', '75', '45', '60', ''],
        ['agency-rate', '2024-03', 18, '', '', ''],
        ['unallocated-cases', '2024-03', 12, '', '', ''],
      ],
      meta,
    );
    expect(res.errors).toEqual([]);
    expect(res.rows).toEqual([
      {
        key: 'agency-rate',
        period: '2024-01',
        value: 82,
        numerator: 169,
        denominator: 206,
        note: 'from HR',
        row: 2,
        column: 'C',
      },
      {
        key: 'agency-rate',
        period: '2024-02',
        value: 75,
        numerator: 45,
        denominator: 60,
        note: '',
        row: 3,
        column: 'C',
      },
      { key: 'agency-rate', period: '2024-03', value: 18, note: '', row: 4, column: 'C' },
      { key: 'unallocated-cases', period: '2024-03', value: 12, note: '', row: 5, column: 'C' },
    ]);
  });

  it('names the row and the column of each count problem', () => {
    const res = readIndicatorSheet(
      [
        ['indicator', 'period', 'value', 'numerator', 'denominator'],
        ['agency-rate', '2024-01', 34, 1, 3],
        ['agency-rate', '2024-02', '', 5, 0],
        ['agency-rate', '2024-03', '', 207, 206],
        ['agency-rate', '2024-04', 50, 3, ''],
        ['unallocated-cases', '2024-03', 12, 12, 20],
        ['agency-rate', '2024-05', '', 2.5, 10],
      ],
      meta,
    );
    expect(res.rows).toEqual([]);
    expect(res.errors.map((e) => e.message)).toEqual([
      'Row 2, column C: 1 of 3 is 33.3%, not 34%: correct the value or the counts',
      'Row 3, column E: denominator must be more than 0',
      'Row 4, column D: numerator (207) cannot be more than the denominator (206)',
      'Row 5, column E: enter the denominator as well as the numerator, or neither',
      'Row 6, column D: a numerator and denominator can only be given for a percentage',
      'Row 7, column D: numerator must be a whole number',
    ]);
  });

  it('refuses a sheet without recognisable headings', () => {
    expect(
      readIndicatorSheet(
        [
          ['a', 'b'],
          [1, 2],
        ],
        meta,
      ),
    ).toMatchObject({ layout: 'unknown', rows: [], errors: [{ row: 1, column: 'A' }] });
  });
});
