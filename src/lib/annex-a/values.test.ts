import { describe, expect, it } from 'vitest';
import {
  birthMonth,
  completedYears,
  decimalYears,
  excelSerialToIso,
  isMissing,
  looksLikeNameColumn,
  normaliseHeader,
  parseAge,
  parseCode,
  parseCodeValue,
  parseDate,
  parseInteger,
  parseYesNo,
  type CellValue,
} from './values.js';
import * as C from './codes.js';

const ok = <T>(value: T | null) => ({ ok: true, value });

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
    ['05/03/2023 14:30', '2023-03-05'],
    ['05/03/2023 14:30:59', '2023-03-05'],
    ['2023-03-05 00:00:00', '2023-03-05'],
    ['2023-03-05T00:00:00.000Z', '2023-03-05'],
    ['2023/03/05', '2023-03-05'],
    ['05/03/2023 9:05 am', '2023-03-05'],
    ['#N/A', null],
    ['N/A', null],
    ['Not recorded', null],
    ['NULL', null],
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
    ['TBC', /not a date \(dd\/mm\/yyyy, yyyy-mm-dd or an Excel date\)/],
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

  it.each<[CellValue, C.CodeList, string | null]>([
    ['a) Male', C.GENDER, 'M'],
    ['Male', C.GENDER, 'M'],
    ['M', C.GENDER, 'M'],
    ['b) Female', C.GENDER, 'F'],
    ['c) Not stated/recorded', C.GENDER, 'U'],
    ['a) WBRI', C.ETHNICITY, 'WBRI'],
    ['WBRI', C.ETHNICITY, 'WBRI'],
    ['White British', C.ETHNICITY, 'WBRI'],
    ['t) NOBT', C.ETHNICITY, 'NOBT'],
    ['q) 6: Police', C.SOURCE, '6'],
    ['6: Police', C.SOURCE, '6'],
    ['p1) 5D: LA services', C.SOURCE, '5D'],
    ['u) 10: Unknown', C.SOURCE, '10'],
    ['N1 - Abuse or neglect', C.PRIMARY_NEED, 'N1'],
    ['N1', C.PRIMARY_NEED, 'N1'],
    ["N2 - Child's disability", C.PRIMARY_NEED, 'N2'],
    ['RC8 - Case closed after assessment, no further action', C.CIN_CLOSURE_REASON, 'RC8'],
    ['a) Looked after child', C.CASE_STATUS, 'CLA'],
    ['e) Multiple/not recommended', C.ABUSE_CATEGORY, 'MUL'],
    ['C2: FCO', C.LEGAL_STATUS, 'C2'],
    ['V2', C.LEGAL_STATUS, 'V2'],
    ['f) U6: Foster placement - not FFA', C.PLACEMENT_TYPE, 'U6'],
    ["p) K2: Children's Homes", C.PLACEMENT_TYPE, 'K2'],
    ['zz) T4: Temporary placement - seven days or less', C.PLACEMENT_TYPE, 'T4'],
    ['b) PR1: Own provision', C.PLACEMENT_PROVIDER, 'PR1'],
    ['a) In', C.PLACEMENT_LOCATION, 'IN'],
    ['b) Out', C.PLACEMENT_LOCATION, 'OUT'],
    ['Out', C.PLACEMENT_LOCATION, 'OUT'],
    ['WAL - Child placed in Wales', C.LA_OF_PLACEMENT, 'WAL'],
    ['Kent', C.LA_OF_PLACEMENT, 'Kent'],
    ['a) Yes', C.IN_TOUCH, 'YES'],
    ['c) Died', C.IN_TOUCH, 'DIED'],
    ['d) Refu', C.IN_TOUCH, 'REFU'],
    ['e) NREQ', C.IN_TOUCH, 'NREQ'],
    ['f) Rhom', C.IN_TOUCH, 'RHOM'],
    ['Y', C.IN_TOUCH, 'YES'],
    ['a) Suitable', C.SUITABILITY, 'SUITABLE'],
    ['b) Unsuitable', C.SUITABILITY, 'UNSUITABLE'],
    ['D: Semi-independent, transitional accommodation and self-contained accommodation', C.ACCOMMODATION, 'D'],
    ['S: No fixed adobe/homeless', C.ACCOMMODATION, 'S'],
    ['F1: Full time in higher education', C.ACTIVITY, 'F1'],
    ['F1: Higher education', C.ACTIVITY, 'F1'],
    ['F1 Full time in higher education', C.ACTIVITY, 'F1'],
    ['G6: Not in education, employment or training - pregnancy or parenting', C.ACTIVITY, 'G6'],
    ['b) Former relevant child', C.ELIGIBILITY, 'FORMER'],
    ['RD3 - Prospective adopters could not be found', C.NO_LONGER_ADOPTION_REASON, 'RD3'],
    ['#N/A', C.GENDER, null],
    ['Not recorded', C.ETHNICITY, null],
    ['', C.ACTIVITY, null],
  ])('code %j in %s → %s', (input, codes, expected) => expect(parseCodeValue(input, codes)).toEqual(ok(expected)));

  it.each<[CellValue, C.CodeList]>([
    ['Maybe', C.GENDER],
    ['Z9: Something else', C.ACTIVITY],
    ['Sideways', C.PLACEMENT_LOCATION],
  ])('refuses %j as a code of %s', (input, codes) =>
    expect(parseCodeValue(input, codes)).toEqual({
      ok: false,
      reason: expect.stringContaining('not one of the template’s codes'),
    }),
  );

  it('reads "#N/A", "N/A", "Not recorded" and blanks as missing, never a name', () => {
    expect(['#N/A', 'N/A', 'n/a', 'Not recorded', ' ', '', null, '#VALUE!'].map(isMissing)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['Team A', 'SW0001', 0, false].map(isMissing)).toEqual([false, false, false, false]);
  });

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
    [0, false],
    ['TRUE', true],
    ['FALSE', false],
    ['c) Unknown', null],
    ['Unknown', null],
    ['#N/A', null],
    ['', null],
  ])('yes/no %j → %s', (input, expected) => expect(parseYesNo(input)).toEqual(ok(expected)));

  it('refuses "Unknown" where the template has only yes and no', () =>
    expect(parseYesNo('c) Unknown', false).ok).toBe(false));

  it.each<[CellValue, number | null]>([
    [6.14, 6.14],
    ['6.14', 6.14],
    [17, 17],
    ['', null],
  ])('age %j → %s', (input, expected) => expect(parseAge(input)).toEqual(ok(expected)));

  it('refuses an age that is not one', () => {
    expect(parseAge('six').ok).toBe(false);
    expect(parseAge(31).ok).toBe(false);
  });

  it('counts completed years and decimal years from a date of birth', () => {
    expect(completedYears('2005-06-30', '2024-06-30')).toBe(19);
    expect(completedYears('2005-07-01', '2024-06-30')).toBe(18);
    expect(completedYears('2004-02-29', '2024-02-28')).toBe(19);
    // 6 years and 51 days: 2243 days / 365.25 = 6.14
    expect(Math.round(decimalYears('2018-05-10', '2024-06-30') * 100) / 100).toBe(6.14);
  });

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
