import { describe, expect, it } from 'vitest';
import { identifyList, isHeaderRow, listFromHeaders, matchColumn, matchHeaders } from './headers.js';
import { ANNEX_A_LISTS, LIST_BY_NUMBER } from './spec.js';

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
    ['8. Children in care', 8],
    ['LIST8', 8],
    ['List 9 - Care Leavers.csv', 9],
    ['Annex A - Section 47 enquiries and ICPCs', 5],
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
});

describe('headers as real exports write them', () => {
  const l = (n: number) => LIST_BY_NUMBER.get(n)!;
  it.each<[number, string, string]>([
    [4, 'Does the Child have a Disability', 'disability'],
    [4, 'Child Seen During Continuous Assessment', 'childSeen'],
    [5, 'Number of Section 47 Enquiries in the last 12 months', 's47Count12m'],
    [5, 'Number of ICPCs in the last 12 months', 'icpcCount12m'],
    [7, 'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)', 'epoLast6m'],
    // the examples: curly quotes, a stray bracket, different case
    [8, 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))', 'uasc'],
    [8, 'Child’s Category of Need', 'categoryOfNeed'],
    [
      8,
      'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)',
      'secondPeriod12m',
    ],
    [8, 'WHAT IS THE PERMANENCE PLAN FOR THIS CHILD?', 'permanencePlan'],
    [8, 'Date of Last IRO Visit / Contact to the Child', 'iroContactDate'],
    [8, 'Reason Ceased to be Looked After', 'reasonCeased'],
    [8, 'Placement postcode', 'placementPostcode'],
    [8, 'URN of Placement', 'placementUrn'],
    [8, 'Placement Location', 'placementLocation'],
    [8, 'LA of Placement', 'placementLa'],
    [
      8,
      'Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months',
      'missingEpisodes',
    ],
    [8, "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months", 'absentEpisodes'],
    [8, 'Was the child offered a Return Interview after their last missing episode (Y/N)?', 'rhiOffered'],
    [8, 'Did the child accept a Return Interview after their last missing episode (Y/N)?', 'rhiAccepted'],
    [8, 'Did the child accept a Return Interview after their last missing episode?', 'rhiAccepted'],
    [9, 'Eligibility Category', 'eligibility'],
    [9, 'Activity Status', 'activity'],
    [9, 'LA in Touch', 'inTouch'],
    [9, 'Allocated Personal Advisor', 'personalAdviser'],
    [10, 'Family identifier', 'familyId'],
    [10, 'Reason Why Child No Longer Placed for Adoption', 'noLongerAdoptionReason'],
    [10, 'Date the child was placed for fostering in FFA or concurrent planning placement', 'ffaPlacementDate'],
    [11, 'Disability', 'adopterDisability'],
    [11, 'Is the (prospective) adopter fostering for adoption?', 'fosteringForAdoption'],
    [11, 'Date application submitted', 'applicationSubmittedDate'],
    [11, 'No. of children placed', 'childrenPlaced'],
    [11, 'Date of Adoption Order', 'adopterOrderDate'],
    [11, 'Reason for leaving adoption process', 'leftProcessReason'],
  ])('List %i: %j → %s', (list, header, key) => expect(matchColumn(l(list), header)?.key).toBe(key));

  it('tells a list by its own headers when the sheet name says nothing', () => {
    const headers = (n: number) => l(n).columns.map((c) => c.name);
    for (const list of ANNEX_A_LISTS) expect(listFromHeaders(headers(list.number))?.list.number).toBe(list.number);
    // Columns in another order are the same list.
    expect(listFromHeaders([...headers(6)].reverse())?.list.number).toBe(6);
    expect(listFromHeaders(['Child Unique ID', 'Gender', 'Ethnicity'])).toBeUndefined();
  });

  it('no list’s own column is spelt like another list’s own column (so a sheet is never read as the wrong list)', () => {
    const shared = new Set([
      'childId',
      'gender',
      'ethnicity',
      'birth',
      'age',
      'disability',
      'team',
      'worker',
      'familyId',
    ]);
    const clashes: string[] = [];
    for (const a of ANNEX_A_LISTS) {
      for (const col of a.columns.filter((c) => c.required && !shared.has(c.key))) {
        for (const b of ANNEX_A_LISTS) {
          if (b === a) continue;
          const other = matchColumn(b, col.name);
          if (other && other.required) clashes.push(`List ${a.number} "${col.name}" is List ${b.number} ${other.key}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});
