import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseText, safeCell } from './spreadsheet-safe.js';

describe('spreadsheet-safe text', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+44 116 000', "'+44 116 000"],
    ['-1 case', "'-1 case"],
    ['@cmd', "'@cmd"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['Recruit 20 social workers', 'Recruit 20 social workers'],
    ['a=b', 'a=b'],
    ['', ''],
    ["'already quoted", "'already quoted"],
  ])('%j becomes %j', (input, expected) => {
    expect(neutraliseText(input)).toBe(expected);
    expect(isFormulaLike(input)).toBe(expected !== input);
  });

  it.each([
    [-3, -3],
    [12.5, 12.5],
    [Number.NaN, null],
    [null, null],
    [undefined, null],
    ['=1', "'=1"],
  ])('safeCell(%j) is %j', (input, expected) => {
    expect(safeCell(input as string | number | null | undefined)).toBe(expected);
  });
});
