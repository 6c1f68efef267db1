import { describe, expect, it } from 'vitest';
import { importSheets, type ImportResult } from './importer.js';
import { ANNEX_A_LISTS } from './spec.js';
import type { CellValue } from './values.js';

const REF = '2024-06-30';
const options = { referenceDate: REF, pseudonymise: (raw: string) => `h:${raw}` };

/** Every required list with just its header, so a test adds only the lists it is about. */
function allLists(overrides: Record<string, CellValue[][]>): { name: string; rows: CellValue[][] }[] {
  return ANNEX_A_LISTS.filter((l) => l.required).map((l) => {
    const name = `List ${l.number}`;
    return { name, rows: overrides[name] ?? [[...l.columns.filter((c) => c.required).map((c) => c.name), 'Gender']] };
  });
}

const checks = (r: ImportResult) => r.findings.map((f) => `${f.severity}:${f.check}:${f.row ?? '-'}`);

describe('AnnexAImporter', () => {
  it('skips notes and blank rows, reads coded values and both date styles, and pseudonymises the child', () => {
    const r = importSheets(
      allLists({
        'List 1': [
          ['Annex A List 1: Contacts'],
          [],
          ['child unique id', 'Gender', 'DOB', 'Date of Contact', 'Contact Source'],
          ['C1', 'a) Male', '24/03/2015', 45444, 'q) 6: Police'],
          [null, null, null, null, null],
          ['C2', 'b) Female', 42430, '01/06/2024', 'a) 1A: Individual'],
        ],
      }),
      options,
    );
    expect(r.errors).toBe(0);
    expect(r.records.get(1)).toEqual([
      { list: 1, row: 4, child: 'h:C1', birth: '2015-03', team: null, worker: null, v: { gender: 'Male', contactDate: '2024-06-01', contactSource: '6: Police' } },
      { list: 1, row: 6, child: 'h:C2', birth: '2016-03', team: null, worker: null, v: { gender: 'Female', contactDate: '2024-06-01', contactSource: '1A: Individual' } },
    ]);
    const contacts = r.lists.find((l) => l.list === 1)!;
    expect(contacts.rows).toBe(2);
    expect(contacts.columns.find((c) => c.key === 'gender')).toMatchObject({ present: true, filled: 2, missing: 0, invalid: 0 });
    expect(contacts.columns.find((c) => c.key === 'age')).toMatchObject({ present: false, filled: 0 });
  });

  it('finds row-level problems: invalid values, dates after the reference date, duplicates, blank identifiers', () => {
    const r = importSheets(
      allLists({
        'List 1': [
          ['Child Unique ID', 'Date of Birth', 'Date of Contact'],
          ['C1', 'soon', '01/06/2024'],
          ['C1', '01/01/2015', '01/06/2024'],
          ['C2', '01/01/2015', '02/07/2024'],
          ['', '01/01/2015', '01/06/2024'],
          ['C3', '01/01/2015', '31/02/2024'],
        ],
      }),
      options,
    );
    expect(checks(r)).toEqual(['warning:invalid-value:2', 'warning:duplicate-row:3', 'warning:after-reference-date:4', 'warning:missing-id:5', 'warning:invalid-value:6', 'warning:missing-value:6']);
    expect(r.findings[0]).toMatchObject({ sheet: 'List 1', column: 'Date of Birth', value: '(hidden)', reason: 'Date of Birth is not a date in the format dd/mm/yyyy' });
    expect(r.findings[2]).toMatchObject({ column: 'Date of Contact', value: '2024-07-02' });
    expect(r.records.get(1)!.map((x) => x.row)).toEqual([2, 3, 4, 6]);
    expect(r.errors).toBe(0);
    expect(r.warnings).toBe(6);
  });

  it('makes a column that is mostly not dates an error', () => {
    const r = importSheets(allLists({ 'List 3': [['Child Unique ID', 'Date of Referral'], ['C1', 'TBC'], ['C2', 'pending'], ['C3', '01/01/2024'], ['C4', 'n/a']] }), options);
    expect(r.errors).toBe(1);
    expect(r.findings.find((f) => f.severity === 'error')!.reason).toBe(
      'Column "Date of Referral" in sheet "List 3": 3 of 4 values are not dates. Check the column holds dates (dates as dd/mm/yyyy or Excel dates)',
    );
  });

  it('checks across columns and lists', () => {
    const r = importSheets(
      allLists({
        'List 4': [['Child Unique ID', 'Continuous Assessment Start Date', 'Continuous Assessment Date of Authorisation'], ['A1', '10/05/2024', '09/05/2024'], ['A2', '10/05/2024', '10/05/2024']],
        'List 6': [['Child Unique ID', 'CIN Start Date'], ['K1', '01/01/2024']],
        'List 7': [['Child Unique ID', 'Child Protection Plan Start Date', 'Child Protection Plan End Date'], ['K1', '01/02/2024', ''], ['K2', '01/02/2024', ''], ['K3', '01/02/2024', '01/03/2024']],
        'List 8': [['Child Unique ID', 'Date Started to be Looked After', 'Placement Type', 'Date Ceased to be Looked After'], ['L1', '01/01/2024', 'U1', ''], ['L2', '01/01/2024', '', ''], ['L3', '01/01/2024', '', '01/03/2024']],
      }),
      options,
    );
    expect(checks(r)).toEqual(['warning:authorised-before-start:2', 'warning:cla-no-placement:3', 'warning:cp-not-cin:3']);
  });

  it('refuses a names column, a sheet of unmatched headers and missing lists; ignores a sheet that is not a list', () => {
    const sheets = allLists({ 'List 2': [['Child Unique ID', 'Surname', 'Assessment Start Date'], ['C1', 'Smith', '01/05/2024']], 'List 3': [['Foo', 'Bar'], ['1', '2']] }).filter((s) => s.name !== 'List 9');
    sheets.push({ name: 'Notes', rows: [['Produced for Ofsted']] });
    const r = importSheets(sheets, options);
    expect(checks(r).filter((c) => c.startsWith('error'))).toEqual(['error:names-column:-', 'error:no-header:-', 'error:missing-list:-']);
    expect(r.findings.find((f) => f.check === 'missing-list')!.reason).toBe('List 9 (care leavers) is missing: no sheet is named "List 9" or "Care leavers", and no sheet has its headers');
    expect(r.findings.find((f) => f.check === 'not-a-list')!.sheet).toBe('Notes');
    expect(JSON.stringify(r.findings)).not.toContain('Smith');
  });

  it('recognises a list by its headers when the sheet name says nothing', () => {
    const sheets = allLists({}).filter((s) => s.name !== 'List 7');
    sheets.push({ name: 'Sheet7', rows: [['Child Unique ID', 'Child Protection Plan Start Date', 'Number of Previous Child Protection Plans'], ['K1', '01/02/2024', '2']] });
    const r = importSheets(sheets, options);
    expect(r.errors).toBe(0);
    expect(r.records.get(7)![0].v).toEqual({ cppStartDate: '2024-02-01', previousPlans: 2 });
  });

  it('refuses the same list in two sheets', () => {
    const sheets = allLists({});
    sheets.push({ name: 'Contacts', rows: [['Child Unique ID', 'Date of Contact']] });
    expect(checks(importSheets(sheets, options))).toContain('error:duplicate-list:-');
  });

  it('keeps at most the capped number of findings per list, check and column, but counts them all', () => {
    const rows: CellValue[][] = [['Child Unique ID', 'Date of Contact', 'Age of Child (Years)']];
    for (let i = 0; i < 10; i++) rows.push([`C${i}`, '01/06/2024', 'x']);
    const r = importSheets(allLists({ 'List 1': rows }), { ...options, findingsCap: 3 });
    expect(r.findings.filter((f) => f.check === 'invalid-value')).toHaveLength(3);
    expect(r.warnings).toBe(10);
    expect(r.errors).toBe(1);
  });
});
