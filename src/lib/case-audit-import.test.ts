import { describe, expect, it } from 'vitest';
import { OFSTED_SCALE } from './case-audit-framework.js';
import { AUDIT_THEMES } from '../../test/support/lib-fixtures.js';
import { findIdentifierColumn, guessMapping, validateAuditRows, type ImportContext } from './case-audit-import.js';

const CTX: ImportContext = {
  scale: OFSTED_SCALE,
  themes: AUDIT_THEMES,
  auditors: new Map([
    ['sam@x.test', 'u1'],
    ['sam okafor', 'u1'],
  ]),
  cases: new Map([
    ['h2', { id: 'a2', auditorId: 'u2', graded: false, moderated: false, reference: 'ref2' }],
    ['h5', { id: 'a5', auditorId: 'u2', graded: true, moderated: true, reference: 'ref5' }],
    ['h6', { id: 'a6', auditorId: 'u2', graded: true, moderated: false, reference: 'ref6' }],
  ]),
  references: new Map([['ref2', 'h2']]),
  today: '2027-03-20',
};

describe('findIdentifierColumn', () => {
  it.each([
    [['Name', 'Child Unique ID'], 1],
    [['Case ID', 'Child ID'], 0],
    [['child_id'], 0],
    [['Person ID'], 0],
    [['Waymark reference', 'Identifier'], null],
    [[], null],
  ])('%j → %j', (headers, expected) => {
    expect(findIdentifierColumn(headers)).toBe(expected);
  });
});

describe('guessMapping', () => {
  it('matches fields by heading and standards by code or by their words', () => {
    const headers = [
      'Child ID',
      'Email',
      'Overall grade',
      'a1',
      'Seen alone',
      'V1: Wishes recorded',
      'Comments',
      'Completion time',
    ];
    expect(guessMapping(headers, AUDIT_THEMES, 0)).toEqual({
      fields: { reference: null, auditor: 1, overall: 2, note: 6, auditedOn: 7 },
      standards: { a1: 3, a2: 4, v1: 5 },
    });
  });
});

describe('validateAuditRows', () => {
  const headers = [
    'Child ID',
    'Auditor',
    'Overall grade',
    'A1 Timely',
    'A2 Seen alone',
    'V1 Wishes recorded',
    'Evidence note',
    'Date audited',
    'A3 Plan reviewed',
  ];
  // The identifier column already holds hashes (h1, h2, …): the file is hashed as it is read.
  const rows = [
    ['h1', 'Sam@x.test', 'Good', 'Good', 'RI', 'N/A', 'Note one', '14/03/2027', ''],
    ['h2', '', 'Requires improvement', '1', 'good', 'Inadequate', '', '', ''],
    ['h1', 'sam@x.test', 'Good', 'good', 'good', 'good', '', '', ''],
    ['h3', 'nobody@x.test', 'Very good', 'Great', '', 'n/a', '', '31/02/2027', ''],
    ['', '', '', '', '', '', '', '', ''],
    ['h4', 'sam okafor', 'Good', 'good', 'good', 'good', '', '01/04/2030', ''],
    ['h5', '', 'Good', 'good', 'good', 'good', '', '', ''],
    ['', 'sam@x.test', 'Good', 'good', 'good', 'good', '', '', ''],
    ['h6', 'sam@x.test', 'Good', 'good', 'good', 'good', '', '', ''],
  ];
  const mapping = guessMapping(headers, AUDIT_THEMES, 0);
  const { audits, errors } = validateAuditRows(headers, rows, 0, mapping, CTX);

  it('builds the rows that are right', () => {
    expect(audits).toEqual([
      {
        row: 2,
        caseHash: 'h1',
        existingId: null,
        auditorId: 'u1',
        overall: 'good',
        grades: { a1: 'good', a2: 'requires-improvement', v1: 'n-a' },
        note: 'Note one',
        auditedOn: '2027-03-14',
      },
      // No auditor in the file: the case's allocated auditor; no date: today.
      {
        row: 3,
        caseHash: 'h2',
        existingId: 'a2',
        auditorId: 'u2',
        overall: 'requires-improvement',
        grades: { a1: 'outstanding', a2: 'good', v1: 'inadequate' },
        note: '',
        auditedOn: '2027-03-20',
      },
    ]);
  });

  it('names the row, the column and the problem of every other', () => {
    const grades = 'Outstanding, Good, Requires improvement to be good, Inadequate';
    expect(errors).toEqual([
      {
        row: 1,
        column: 'I (A3 Plan reviewed)',
        message: 'This framework has no standard A3: match the column to a standard, or remove it from the file',
      },
      { row: 4, column: 'A (Child ID)', message: 'The same case is on row 2: each case is audited once in a cycle' },
      {
        row: 5,
        column: 'B (Auditor)',
        message: '“nobody@x.test” is not one of the registered auditors: use their email address as in Waymark',
      },
      { row: 5, column: 'C (Overall grade)', message: `“Very good” is not a grade of this framework: use ${grades}` },
      { row: 5, column: 'D (A1 Timely)', message: `“Great” is not a grade for standard A1: use ${grades} or N/A` },
      { row: 5, column: 'E (A2 Seen alone)', message: 'Grade standard A2, or write N/A where it does not apply' },
      { row: 5, column: 'H (Date audited)', message: '“31/02/2027” is not a date: write it like 31/03/2027' },
      { row: 7, column: 'H (Date audited)', message: 'The date audited cannot be in the future' },
      {
        row: 8,
        column: 'A (Child ID)',
        message: 'Case ref5 has been moderated: its grades cannot be replaced by an import',
      },
      { row: 9, column: 'A (Child ID)', message: 'Enter the case identifier' },
      {
        row: 10,
        column: 'B (Auditor)',
        message: 'Case ref6 was graded by another auditor: leave the auditor blank, or give theirs',
      },
    ]);
  });

  it('finds cases by their Waymark reference when the file has no identifiers', () => {
    const h = ['Waymark reference', 'Overall grade', 'A1', 'A2', 'V1'];
    const result = validateAuditRows(
      h,
      [
        ['REF2', 'Good', '2', '2', 'N/A'],
        ['zzz', 'Good', 'good', 'good', 'good'],
      ],
      null,
      guessMapping(h, AUDIT_THEMES, null),
      CTX,
    );
    expect(result.audits.map((a) => [a.caseHash, a.existingId, a.auditorId])).toEqual([['h2', 'a2', 'u2']]);
    expect(result.errors).toEqual([
      { row: 3, column: 'A (Waymark reference)', message: 'No case in this cycle has the Waymark reference “zzz”' },
    ]);
  });

  it('refuses a file with neither identifiers nor references, without an overall grade or without a standard', () => {
    const h = ['Auditor', 'Comments', 'A1', 'V1'];
    expect(
      validateAuditRows(h, [], null, guessMapping(h, AUDIT_THEMES, null), CTX).errors.map((e) => e.message),
    ).toEqual([
      'No column holds the case: head the identifier column “Case ID”, “Child ID”, “Child Unique ID”, “Person ID” or “Client ID”, or include the Waymark case reference',
      'Match a column to the overall grade',
      'Match a column to standard A2 (Seen alone)',
    ]);
  });
});
