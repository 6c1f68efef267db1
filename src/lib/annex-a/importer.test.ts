import { describe, expect, it } from 'vitest';
import { importSheets, type ImportResult } from './importer.js';
import { ANNEX_A_LISTS } from './spec.js';
import type { CellValue } from './values.js';

const REF = '2024-06-30';
const options = { referenceDate: REF, pseudonymise: (raw: string) => `h:${raw}` };

/** Every expected list with its full 2020 header row, so a test adds only the rows it is about. */
function allLists(overrides: Record<string, CellValue[][]>): { name: string; rows: CellValue[][] }[] {
  return ANNEX_A_LISTS.filter((l) => l.expected).map((l) => {
    const name = `List ${l.number}`;
    return { name, rows: overrides[name] ?? [l.columns.filter((c) => c.since === '2020').map((c) => c.name)] };
  });
}

const checks = (r: ImportResult) => r.findings.map((f) => `${f.severity}:${f.check}:${f.row ?? '-'}`);

describe('AnnexAImporter', () => {
  it('skips titles and blank rows, reads the template’s value formats, keeps only what figures need and pseudonymises the child', () => {
    const r = importSheets(
      allLists({
        'List 1': [
          ['Annex A List 1: Contacts'],
          [],
          [
            'child unique id',
            'Gender',
            'Ethnicity',
            'DOB',
            'Age of Child (Years)',
            'Date of Contact',
            'Contact Source',
          ],
          ['C1', 'a) Male', 'a) WBRI', '24/03/2015', 9.27, 45444, 'q) 6: Police'],
          [null, null, null, null, null, null, null],
          ['C2', 'Female', 'WBRI', 42430, '8.33', '01/06/2024 10:15', '6: Police'],
          ['C3', 'M', '#N/A', 'N/A', 'Not recorded', '2024-06-01T00:00:00', ''],
          [],
          [],
        ],
      }),
      options,
    );
    expect(r.errors).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.records.get(1)).toEqual([
      { list: 1, row: 4, child: 'h:C1', birth: '2015-03', team: null, worker: null, v: { contactDate: '2024-06-01' } },
      { list: 1, row: 6, child: 'h:C2', birth: '2016-03', team: null, worker: null, v: { contactDate: '2024-06-01' } },
      { list: 1, row: 7, child: 'h:C3', birth: null, team: null, worker: null, v: { contactDate: '2024-06-01' } },
    ]);
    const contacts = r.lists.find((l) => l.list === 1)!;
    expect(contacts.rows).toBe(3);
    expect(contacts.columns.find((c) => c.key === 'gender')).toMatchObject({
      present: true,
      filled: 3,
      missing: 0,
      invalid: 0,
    });
    expect(contacts.columns.find((c) => c.key === 'ethnicity')).toMatchObject({ filled: 2, missing: 1 });
    expect(contacts.columns.find((c) => c.key === 'age')).toMatchObject({ filled: 2, missing: 1 });
  });

  it('finds row-level problems: invalid values, unknown codes, dates after the reference date, duplicates, blank identifiers, ages that do not match', () => {
    const r = importSheets(
      allLists({
        'List 1': [
          ['Child Unique ID', 'Date of Birth', 'Age of Child (Years)', 'Date of Contact', 'Contact Source', 'Gender'],
          ['C1', 'soon', '', '01/06/2024', '6: Police', 'a) Male'],
          ['C1', '01/01/2015', '', '01/06/2024', '6: Police', 'Male'],
          ['C2', '01/01/2015', '', '02/07/2024', '', 'Sideways'],
          ['', '01/01/2015', '', '01/06/2024', '', ''],
          ['C3', '01/01/2015', 3.5, '31/02/2024', '', ''],
        ],
      }),
      options,
    );
    // C3 was 9.5 at the reference date, not 3.5: more than a year out.
    expect(checks(r)).toEqual([
      'warning:invalid-value:2',
      'warning:duplicate-row:3',
      'warning:after-reference-date:4',
      'warning:unknown-code:4',
      'warning:missing-id:5',
      'warning:invalid-value:6',
      'warning:missing-value:6',
      'warning:age-mismatch:6',
    ]);
    expect(r.findings[0]).toMatchObject({
      sheet: 'List 1',
      column: 'Date of Birth',
      value: '(hidden)',
      reason: 'Date of Birth is not a date (dd/mm/yyyy, yyyy-mm-dd or an Excel date): left out',
    });
    expect(r.findings[2]).toMatchObject({ column: 'Date of Contact', value: '2024-07-02' });
    expect(r.findings[3]).toMatchObject({
      column: 'Gender',
      value: 'Sideways',
      reason: 'Gender is not one of the template’s codes for gender: left out',
    });
    expect(r.records.get(1)!.map((x) => x.row)).toEqual([2, 3, 4, 6]);
    expect(r.errors).toBe(0);
  });

  it('makes a column a figure reads an error when most of it is not the right type, and only a warning when no figure reads it', () => {
    const r = importSheets(
      allLists({
        // "n/a" is read as not recorded, not as a bad date.
        'List 3': [
          ['Child Unique ID', 'Date of referral', 'Referral Source'],
          ['C1', 'TBC', 'x'],
          ['C2', 'pending', 'y'],
          ['C3', '01/01/2024', 'z'],
          ['C4', 'soon', '6'],
          ['C5', 'n/a', '6'],
        ],
      }),
      options,
    );
    expect(r.errors).toBe(1);
    const [error] = r.groups.filter((g) => g.severity === 'error');
    expect(error.reason).toBe(
      'Column "Date of referral" in sheet "List 3": 3 of 4 values are not dates. Figures that read it would be wrong (Referrals in the last six months; Referrals in the last six months per 10,000 children; Re-referrals within 12 months): check the column holds dates',
    );
    const source = r.groups.find((g) => g.check === 'column-invalid' && g.column === 'Referral Source')!;
    expect(source.severity).toBe('warning');
    expect(source.reason).toContain('No Waymark figure reads it');
  });

  it('groups findings by list, column and check with the full count and the first five examples', () => {
    const rows: CellValue[][] = [['Child Unique ID', 'Date of Contact', 'Age of Child (Years)']];
    for (let i = 0; i < 10; i++) rows.push([`C${i}`, '01/06/2024', 'x']);
    const r = importSheets(allLists({ 'List 1': rows }), { ...options, findingsCap: 3 });
    expect(r.findings.filter((f) => f.check === 'invalid-value')).toHaveLength(3);
    const g = r.groups.find((x) => x.check === 'invalid-value')!;
    expect(g).toMatchObject({ severity: 'warning', list: 1, column: 'Age of Child (Years)', count: 10 });
    expect(g.examples).toEqual([2, 3, 4, 5, 6].map((row) => ({ row, value: 'x' })));
    // The age is read by no figure: ten bad values are a warning, not an error.
    expect(r.errors).toBe(0);
  });

  it('checks across columns and lists: dates in the wrong order, no placement, children on a plan or in care missing from the children in need list, a conference that led to a plan missing from List 7', () => {
    const r = importSheets(
      allLists({
        'List 4': [
          ['Child Unique ID', 'Continuous Assessment Start Date', 'Continuous Assessment Date of Authorisation'],
          ['A1', '10/05/2024', '09/05/2024'],
          ['A2', '10/05/2024', '10/05/2024'],
        ],
        'List 5': [
          [
            'Child Unique ID',
            'Strategy discussion initiating Section 47 Enquiry Start Date',
            'Date of Initial Child Protection Conference',
            'Did the Initial Child Protection Conference Result in a Child Protection Plan',
          ],
          ['K1', '01/01/2024', '20/01/2024', 'a) Yes'],
          ['K9', '01/01/2024', '20/01/2024', 'Y'],
          ['K8', '01/01/2024', '20/01/2024', 'b) No'],
        ],
        'List 6': [
          ['Child Unique ID', 'CIN Start Date'],
          ['K1', '01/01/2024'],
          ['L1', '01/01/2024'],
        ],
        'List 7': [
          ['Child Unique ID', 'Child Protection Plan Start Date', 'Child Protection Plan End Date'],
          ['K1', '01/02/2024', ''],
          ['K2', '01/02/2024', ''],
          ['K3', '01/02/2024', '01/03/2024'],
        ],
        'List 8': [
          ['Child Unique ID', 'Date Started to be Looked After', 'Placement Type', 'Date Ceased to be Looked After'],
          ['L1', '01/01/2024', 'U1', ''],
          ['L2', '01/01/2024', '', ''],
          ['L3', '01/01/2024', '', '01/03/2024'],
        ],
      }),
      options,
    );
    const rowChecks = checks(r).filter((c) => !c.endsWith(':-'));
    expect(rowChecks).toEqual([
      'warning:authorised-before-start:2',
      'warning:cla-no-placement:3',
      'warning:cp-not-cin:3',
      'warning:icpc-plan-not-cp:3',
      'warning:cla-not-cin:3',
    ]);
  });

  it('reads what it can: a missing list, a list without its key column and an unknown sheet are warnings naming the figures they affect', () => {
    const sheets = allLists({
      'List 3': [
        ['Child Unique ID', 'Referral Source'],
        ['C1', '6'],
      ],
    }).filter((s) => s.name !== 'List 9');
    sheets.push({ name: 'Notes', rows: [['Produced for Ofsted']] });
    const r = importSheets(sheets, options);
    expect(r.errors).toBe(0);
    expect(r.findings.find((f) => f.check === 'missing-list')!.reason).toBe(
      'List 9 (care leavers) is missing: no sheet or file is named "List 9" or "Care leavers", and none has its headers. These figures cannot be computed: Care leavers in touch; Care leavers aged 19 to 21 in suitable accommodation; Care leavers aged 19 to 21 in education, employment or training; Unallocated cases',
    );
    expect(r.findings.find((f) => f.check === 'list-unreadable')!.reason).toBe(
      'List 3 (referrals) in sheet "List 3" has no "Date of referral" column, so none of its rows could be read. These figures cannot be computed: Referrals in the last six months; Referrals in the last six months per 10,000 children; Re-referrals within 12 months',
    );
    expect(r.findings.find((f) => f.check === 'not-a-list')!.sheet).toBe('Notes');
    expect(r.lists.map((l) => l.list)).toEqual([1, 2, 4, 5, 6, 7, 8, 10]);
  });

  it('refuses a column of names, and never repeats a name', () => {
    const r = importSheets(
      allLists({
        'List 2': [
          ['Child Unique ID', 'Surname', 'Assessment Start Date'],
          ['C1', 'Smith', '01/05/2024'],
        ],
      }),
      options,
    );
    expect(checks(r).filter((c) => c.startsWith('error'))).toEqual(['error:names-column:-']);
    expect(JSON.stringify(r)).not.toContain('Smith');
  });

  it('refuses a file with no list in it at all', () => {
    const r = importSheets([{ name: 'Sheet1', rows: [['Produced for Ofsted']] }], options);
    expect(checks(r)).toEqual([
      'warning:not-a-list:-',
      ...ANNEX_A_LISTS.filter((l) => l.expected).map(() => 'warning:missing-list:-'),
      'error:nothing-read:-',
    ]);
  });

  it('recognises a list by its headers when the sheet name says nothing, and trusts the headers over a misleading name', () => {
    const sheets = allLists({}).filter((s) => s.name !== 'List 7' && s.name !== 'List 3');
    sheets.push({
      name: 'Export (7)',
      rows: [
        ['Number of Previous Child Protection Plans', 'Child Protection Plan Start Date', 'Child Unique ID'],
        ['2', '01/02/2024', 'K1'],
      ],
    });
    sheets.push({
      name: 'List 3',
      rows: [
        ['Child Unique ID', 'Continuous Assessment Start Date'],
        ['A1', '01/02/2024'],
      ],
    });
    const r = importSheets(sheets, options);
    expect(r.errors).toBe(1);
    expect(r.records.get(7)![0].v).toEqual({ cppStartDate: '2024-02-01', previousPlans: 2 });
    expect(r.findings.find((f) => f.check === 'sheet-name-mismatch')!.reason).toBe(
      'Sheet "List 3" is named like List 3 (referrals) but its headers are those of List 4 (assessments): it was read as List 4 (assessments)',
    );
    // List 4 is now in two sheets ("List 4" and the misnamed "List 3"): that is the one error.
    expect(r.groups.find((g) => g.severity === 'error')!.check).toBe('duplicate-list');
  });

  it('tells the template versions apart and says when a workbook follows neither', () => {
    const later = ANNEX_A_LISTS.find((l) => l.number === 9)!.columns.map((c) => c.name);
    expect(importSheets(allLists({ 'List 9': [later] }), options).templateVersion.version).toBe('2024');
    expect(importSheets(allLists({}), options).templateVersion).toEqual({
      version: '2020',
      evidence: '2020 template: every column present',
    });
    const older = ANNEX_A_LISTS.filter((l) => l.expected).map((l) => ({
      name: `List ${l.number}`,
      rows: [l.columns.filter((c) => c.required).map((c) => c.name)],
    }));
    const r = importSheets(older, options);
    expect(r.templateVersion.version).toBe('older-or-unknown');
    expect(r.findings.find((f) => f.check === 'template-version')!.reason).toMatch(
      /^This workbook does not follow the 2020 or later Annex A template: \d+ of the \d+ template columns of the lists read are missing/,
    );
    expect(r.errors).toBe(0);
  });

  it('warns when every referral counts at least one earlier referral (the export may count the referral itself)', () => {
    const rows: CellValue[][] = [['Child Unique ID', 'Date of referral', 'Number of Referrals in Last 12 Months']];
    for (let i = 0; i < 25; i++) rows.push([`R${i}`, '01/06/2024', 1 + (i % 2)]);
    expect(checks(importSheets(allLists({ 'List 3': rows }), options))).toContain(
      'warning:referrals-count-includes-current:-',
    );
    rows[1][2] = 0;
    expect(checks(importSheets(allLists({ 'List 3': rows }), options))).not.toContain(
      'warning:referrals-count-includes-current:-',
    );
  });

  it('works out care leavers’ age at the reference date from the date of birth, or from the age when it is blank', () => {
    const r = importSheets(
      allLists({
        'List 9': [
          [
            'Child Unique ID',
            'Date of Birth',
            'Age of Child (Years)',
            'Allocated Worker',
            'Allocated Personal Advisor',
            'LA in Touch',
          ],
          ['L1', '01/07/2005', 19.0, null, 'PA1', 'a) Yes'],
          ['L2', '', 20.9, 'SW1', null, 'c) Died'],
        ],
      }),
      options,
    );
    expect(r.records.get(9)!.map((x) => [x.v.ageAtRef, x.worker, x.v.inTouch])).toEqual([
      [18, 'PA1', 'YES'],
      [20, 'SW1', 'DIED'],
    ]);
  });
});
