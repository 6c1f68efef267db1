import { describe, expect, it } from 'vitest';
import { columnLetter, identifyList, isHeaderRow, matchColumn, matchHeaders } from './headers.js';
import { LIST_BY_NUMBER } from './spec.js';

const list1 = LIST_BY_NUMBER.get(1)!;

describe('identifyList', () => {
  it.each<[string, number | undefined]>([
    ['List 1', 1],
    ['List_01', 1],
    ['list 10', 10],
    ['List 11 - Adopters', 11],
    ['L8', 8],
    ['Annex A List 8 - CLA', 8],
    ['Contacts', 1],
    ['Early Help', 2],
    ['Referrals.csv', 3],
    ['Assessments', 4],
    ['Sec47 and ICPC', 5],
    ['Section 47s', 5],
    ['Children in Need', 6],
    ['CIN', 6],
    ['Child Protection', 7],
    ['Children in Care', 8],
    ['Care Leavers', 9],
    ['Adoption', 10],
    ['Adopters', 11],
    ['Notes', undefined],
    ['Cover sheet', undefined],
  ])('%j is list %s', (name, expected) => expect(identifyList(name)?.number).toBe(expected));
});

describe('matching headers', () => {
  it.each<[string, string | undefined]>([
    ['Child Unique ID', 'childId'],
    ['CHILD UNIQUE ID', 'childId'],
    ['ChildUniqueID', 'childId'],
    ['child  unique id ', 'childId'],
    ['DOB', 'birth'],
    ['Age of child (years)', 'age'],
    ['Date of contact', 'contactDate'],
    ['Contact Date', 'contactDate'],
    ['Favourite colour', undefined],
  ])('%j → %s', (header, key) => expect(matchColumn(list1, header)?.key).toBe(key));

  it('sorts a header row into matched, unknown, name-like and repeated columns', () => {
    const m = matchHeaders(list1, ['Child Unique ID', null, 'Forename', 'Date of Contact', 'Notes', 'Child ID']);
    expect(m.columns[0]?.key).toBe('childId');
    expect(m.columns[3]?.key).toBe('contactDate');
    expect(m.columns[2]).toBeUndefined();
    expect(m.nameColumns).toEqual([{ index: 2, header: 'Forename' }]);
    expect(m.unknown).toEqual([{ index: 4, header: 'Notes' }]);
    expect(m.duplicates).toEqual([{ index: 5, header: 'Child ID' }]);
    expect(m.missingRequired).toEqual([]);
  });

  it('names the required columns that are missing', () => {
    expect(matchHeaders(list1, ['Gender']).missingRequired.map((c) => c.key)).toEqual(['childId', 'contactDate']);
  });

  it('finds the header row under notes', () => {
    expect(isHeaderRow(list1, ['Annex A – List 1: Contacts'])).toBe(false);
    expect(isHeaderRow(list1, ['Child Unique ID', 'Gender'])).toBe(true);
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (i, letter) => expect(columnLetter(i)).toBe(letter));
});
