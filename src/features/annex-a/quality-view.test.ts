import { describe, expect, it } from 'vitest';
import { groupStoredFindings } from './quality-view.js';
import type { StoredFinding } from './service.js';

const stored = (f: Partial<StoredFinding> & Pick<StoredFinding, 'rowNumber'>): StoredFinding => ({
  severity: 'warning',
  checkName: 'date-in-future',
  listNumber: 3,
  sheet: 'List 3',
  columnName: 'Date of referral',
  value: null,
  reason: 'The date is after the reference date',
  ...f,
});

describe('groupStoredFindings: the quality report of an import checked before groups were kept', () => {
  it('groups by severity, list, column and check, counts every row, keeps the first five examples, errors first', () => {
    const findings: StoredFinding[] = [
      ...[2, 3, 4, 5, 6, 7, 8].map((row) => stored({ rowNumber: row, value: `0${row}/01/2031` })),
      stored({ rowNumber: 9, columnName: 'Child ID', checkName: 'missing', reason: 'Child ID is blank' }),
      stored({
        severity: 'error',
        rowNumber: 4,
        listNumber: 8,
        sheet: 'List 8',
        columnName: 'Date started to be looked after',
        checkName: 'not-a-date',
        value: 'soon',
        reason: '“soon” is not a date',
      }),
      stored({ rowNumber: 12, listNumber: 1, sheet: 'List 1', columnName: 'Date of Contact' }),
    ];

    const groups = groupStoredFindings(findings);

    expect(groups.map((g) => [g.severity, g.list, g.column, g.check, g.count])).toEqual([
      ['error', 8, 'Date started to be looked after', 'not-a-date', 1],
      ['warning', 1, 'Date of Contact', 'date-in-future', 1],
      ['warning', 3, 'Child ID', 'missing', 1],
      ['warning', 3, 'Date of referral', 'date-in-future', 7],
    ]);
    expect(groups[3]!.examples).toEqual([
      { row: 2, value: '02/01/2031' },
      { row: 3, value: '03/01/2031' },
      { row: 4, value: '04/01/2031' },
      { row: 5, value: '05/01/2031' },
      { row: 6, value: '06/01/2031' },
    ]);
    expect(groups[0]).toMatchObject({
      sheet: 'List 8',
      reason: '“soon” is not a date',
      examples: [{ row: 4, value: 'soon' }],
    });
  });

  it('gives no groups for an import without findings', () => {
    expect(groupStoredFindings([])).toEqual([]);
  });
});
