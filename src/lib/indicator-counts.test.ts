import { describe, expect, it } from 'vitest';
import { countsAfterCorrection, readTypedValue, toOneDecimal } from './indicator-counts.js';

describe('toOneDecimal', () => {
  // 82.05 × 10 is 820.4999… in binary: without the nudge it would round down.
  it.each([
    [82.05, 82.1],
    [200 / 3, 66.7],
    [12.25, 12.3],
    [0.04, 0],
    [82, 82],
  ])('%s → %s', (n, expected) => expect(toOneDecimal(n)).toBe(expected));
});

describe('readTypedValue: a percentage with the count behind it', () => {
  // Worked by hand: 169 / 206 = 0.82038… → 82.0%; 1 / 3 → 33.3%; 2 / 3 → 66.7%; 1 / 8 → 12.5%.
  it.each([
    ['', 169, 206, 82, 169, 206],
    ['82', '169', '206', 82, 169, 206],
    ['82.04', 169, 206, 82, 169, 206],
    ['82%', 169, 206, 82, 169, 206],
    ['33.3', 1, 3, 33.3, 1, 3],
    ['', 2, 3, 66.7, 2, 3],
    ['', 1, 8, 12.5, 1, 8],
    ['', 0, 5, 0, 0, 5],
    ['', '1,205', '1,205', 100, 1205, 1205],
    ['17.5%', '', '', 17.5, null, null],
    [17.5, null, undefined, 17.5, null, null],
  ])('%s with %s of %s → %s (%s of %s)', (value, numerator, denominator, v, n, d) => {
    expect(readTypedValue('percent', { value, numerator, denominator })).toEqual({
      ok: true,
      value: v,
      numerator: n,
      denominator: d,
      suppressed: undefined,
    });
  });

  it('keeps a suppression code as no value, with no count', () => {
    expect(readTypedValue('percent', { value: 'c', numerator: '', denominator: '' })).toEqual({
      ok: true,
      value: null,
      numerator: null,
      denominator: null,
      suppressed: 'c',
    });
  });

  it.each([
    ['82.6', 169, 206, [['value', '169 of 206 is 82.0%, not 82.6%: correct the value or the counts']]],
    ['33', 1, 3, [['value', '1 of 3 is 33.3%, not 33%: correct the value or the counts']]],
    ['', 5, 0, [['denominator', 'denominator must be more than 0']]],
    ['', 0, 0, [['denominator', 'denominator must be more than 0']]],
    ['', 207, 206, [['numerator', 'numerator (207) cannot be more than the denominator (206)']]],
    ['', '1,500', '1,205', [['numerator', 'numerator (1,500) cannot be more than the denominator (1,205)']]],
    ['50', 3, '', [['denominator', 'enter the denominator as well as the numerator, or neither']]],
    ['50', '', 6, [['numerator', 'enter the numerator as well as the denominator, or neither']]],
    ['', '1.5', 3, [['numerator', 'numerator must be a whole number']]],
    ['', 'lots', 3, [['numerator', 'numerator “lots” is not a number: type it like 16.2 or 1,234']]],
    ['', 1, '-3', [['denominator', 'denominator must be 0 or more']]],
    ['101', '', '', [['value', '101 is a percentage, so must be 100 or less']]],
    ['c', 1, 3, [['value', 'a suppressed value (c) has no count: leave the numerator and denominator blank']]],
    [
      'x1',
      '',
      0,
      [
        ['value', '“x1” is not a number: type it like 16.2 or 1,234'],
        ['numerator', 'enter the numerator as well as the denominator, or neither'],
        ['denominator', 'denominator must be more than 0'],
      ],
    ],
  ] as const)('refuses %s with %s of %s, naming the field', (value, numerator, denominator, expected) => {
    expect(readTypedValue('percent', { value, numerator, denominator })).toEqual({
      ok: false,
      problems: expected.map(([field, message]) => ({ field, message })),
    });
  });
});

describe('readTypedValue: other units', () => {
  it('reads a count as typed', () => {
    expect(readTypedValue('count', { value: '1,234' })).toMatchObject({ ok: true, value: 1234, numerator: null });
  });

  it.each([
    [12, '', 'numerator'],
    ['', 20, 'denominator'],
  ] as const)('refuses a count with %s of %s against the %s', (numerator, denominator, field) => {
    expect(readTypedValue('count', { value: '12', numerator, denominator })).toEqual({
      ok: false,
      problems: [{ field, message: 'a numerator and denominator can only be given for a percentage' }],
    });
  });
});

describe('countsAfterCorrection', () => {
  // 169 of 206 is 82.038…%, 82.0 to one decimal place.
  it.each([
    [
      'a value the counts still give keeps them',
      82,
      { numerator: 169, denominator: 206 },
      { numerator: 169, denominator: 206 },
    ],
    [
      'the same to one decimal place keeps them',
      82.04,
      { numerator: 169, denominator: 206 },
      { numerator: 169, denominator: 206 },
    ],
    [
      'a corrected value the counts contradict drops them',
      50,
      { numerator: 169, denominator: 206 },
      { numerator: null, denominator: null },
    ],
    ['82.1 is not 82.0: dropped', 82.1, { numerator: 169, denominator: 206 }, { numerator: null, denominator: null }],
    ['a value cleared drops them', null, { numerator: 169, denominator: 206 }, { numerator: null, denominator: null }],
    ['no counts stored stays none', 50, { numerator: null, denominator: null }, { numerator: null, denominator: null }],
  ] as const)('%s', (_name, value, stored, expected) => {
    expect(countsAfterCorrection(value, stored)).toEqual(expected);
  });
});
