import { describe, expect, it } from 'vitest';
import { birthMonth, excelSerialToIso, looksLikeNameColumn, normaliseHeader, parseCode, parseDate, parseInteger, parseYesNo, type CellValue } from './values.js';

const ok = <T,>(value: T | null) => ({ ok: true, value });

describe('parseDate', () => {
  it.each<[CellValue, string | null]>([
    ['05/03/2023', '2023-03-05'],
    ['5/3/2023', '2023-03-05'],
    ['05-03-2023', '2023-03-05'],
    ['05.03.2023', '2023-03-05'],
    ['05/03/2023 00:00', '2023-03-05'],
    ['2023-03-05', '2023-03-05'],
    ['2023-03-05T00:00:00', '2023-03-05'],
    ['5 Mar 2023', '2023-03-05'],
    ['12 September 2023', '2023-09-12'],
    [45000, '2023-03-15'],
    ['45000', '2023-03-15'],
    [44927, '2023-01-01'],
    [45351.75, '2024-02-29'],
    ['29/02/2024', '2024-02-29'],
    ['', null],
    ['   ', null],
    [null, null],
  ])('%j → %s', (input, expected) => {
    expect(parseDate(input)).toEqual(ok(expected));
  });

  it.each<[CellValue, RegExp]>([
    ['31/02/2023', /not a real date/],
    ['29/02/2023', /not a real date/],
    ['2023-13-01', /not a real date/],
    ['TBC', /not a date in the format dd\/mm\/yyyy/],
    ['05/03/23', /two-digit year/],
    [true, /not a date/],
    [-3, /not a date/],
  ])('refuses %j', (input, reason) => {
    const r = parseDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('counts Excel serials from 30 December 1899', () => {
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(0)).toBeNull();
  });
});

describe('coded values, yes/no and whole numbers', () => {
  it.each<[CellValue, string | null]>([
    ['a) Male', 'Male'],
    ['q) 6: Police', '6: Police'],
    ['b)WBRI', 'WBRI'],
    ['  WBRI ', 'WBRI'],
    ['N1', 'N1'],
    ['F1: Higher education', 'F1: Higher education'],
    ['a) ', null],
    ['', null],
  ])('code %j → %s', (input, expected) => expect(parseCode(input)).toEqual(ok(expected)));

  it('refuses free text posing as a code', () => expect(parseCode('x'.repeat(101)).ok).toBe(false));

  it.each<[CellValue, boolean | null]>([
    ['Yes', true],
    ['Y', true],
    ['a) Yes', true],
    ['1', true],
    [1, true],
    [true, true],
    ['No', false],
    ['b) No', false],
    ['n', false],
    [false, false],
    ['', null],
  ])('yes/no %j → %s', (input, expected) => expect(parseYesNo(input)).toEqual(ok(expected)));

  it('refuses "Maybe" as yes/no', () => expect(parseYesNo('Maybe').ok).toBe(false));

  it.each<[CellValue, number | null]>([
    ['3', 3],
    [3, 3],
    ['3.0', 3],
    ['a) 2', 2],
    ['', null],
  ])('integer %j → %s', (input, expected) => expect(parseInteger(input)).toEqual(ok(expected)));

  it.each<[CellValue, RegExp]>([
    [3.5, /whole number/],
    ['-1', /negative/],
    ['three', /whole number/],
  ])('refuses %j as a whole number', (input, reason) => {
    const r = parseInteger(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('headers and privacy', () => {
  it.each([
    ['Date of  Birth (DOB)', 'date of birth dob'],
    ["Child's Legal Status", 'childs legal status'],
    ['  CIN Start Date ', 'cin start date'],
    ['Referral NFA?', 'referral nfa'],
  ])('normalises %j to %j', (input, expected) => expect(normaliseHeader(input)).toBe(expected));

  it.each([
    ['Forename', true],
    ['Surname', true],
    ['Child Name', true],
    ["Child's name", true],
    ['Name', true],
    ['Full Name', true],
    ['First names', true],
    ['Allocated Worker Name', false],
    ['Team Name', false],
    ['Placement Provider', false],
    ['Date of Birth', false],
    ['Child Unique ID', false],
  ])('%j looks like a name column: %s', (header, expected) => expect(looksLikeNameColumn(header)).toBe(expected));

  it('reduces a date of birth to month and year', () => {
    expect(birthMonth('2015-03-24')).toBe('2015-03');
    expect(birthMonth(null)).toBeNull();
  });
});
