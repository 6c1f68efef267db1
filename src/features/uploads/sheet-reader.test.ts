import { describe, expect, it } from 'vitest';
import { columnIndexOf, excelSerialToDate, isDateFormat } from './sheet-reader.js';

describe('reading cells as Excel writes them', () => {
  // ECMA-376 cell references: A=0, Z=25, AA=26, AZ=51, XFD is Excel's last column (16,383).
  it.each([
    ['A1', 0],
    ['Z9', 25],
    ['AA1', 26],
    ['AZ3', 51],
    ['XFD1', 16383],
    ['1', -1],
  ])('%s is column %i', (ref, index) => {
    expect(columnIndexOf(ref)).toBe(index);
  });

  // Serial days: 45382 is 31 March 2024 (Excel shows it so); 1 is 1 Jan 1900, 61 is 1 Mar 1900 (past the
  // fictitious 29 Feb 1900); in the 1904 system 0 is 1 Jan 1904. Half a day is noon.
  it.each([
    [45382, false, '2024-03-31T00:00:00.000Z'],
    [61, false, '1900-03-01T00:00:00.000Z'],
    [0, true, '1904-01-01T00:00:00.000Z'],
    [45382.5, false, '2024-03-31T12:00:00.000Z'],
  ])('serial %s (1904: %s) is %s', (serial, date1904, iso) => {
    expect(excelSerialToDate(serial, date1904)?.toISOString()).toBe(iso);
  });

  it('has no date for a negative or absurd serial', () => {
    expect(excelSerialToDate(-1, false)).toBeNull();
    expect(excelSerialToDate(1e9, false)).toBeNull();
  });

  // Custom number formats: dates and times have d, m, y, h or s outside quotes and brackets.
  it.each([
    ['dd/mm/yyyy', true],
    ['d mmm yy', true],
    ['[$-en-GB]dd mmmm yyyy;@', true],
    ['hh:mm', true],
    ['0.00', false],
    ['#,##0', false],
    ['0%', false],
    ['"days"0', false],
    ['[Red]0.0', false],
  ])('%s is a date format: %s', (code, isDate) => {
    expect(isDateFormat(code)).toBe(isDate);
  });
});
