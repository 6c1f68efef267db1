/** The columns many Annex A lists share, and builders for the column types, so each list reads as its own columns. */
import * as C from '../codes.js';
import type { CodeList } from '../codes.js';

/**
 * id: a child's (or adopter's) identifier, stored only as a keyed hash. birth: date of birth, stored
 * as month and year. age: checked against the date of birth, not stored. text: an identifier-like or
 * free-text column (postcode, URN, family identifier) that is counted but never read into storage.
 * worker / adviser: the allocated worker, or the personal adviser (used when no worker is named).
 */
export type ColumnType =
  'id' | 'date' | 'birth' | 'age' | 'integer' | 'code' | 'yesno' | 'team' | 'worker' | 'adviser' | 'text';

export type TemplateVersion = '2020' | '2024';

export interface ColumnSpec {
  /** camelCase key used in storage and computations. */
  key: string;
  /** The header as published in the template. */
  name: string;
  /** Other headers real exports use (case, spacing and punctuation are ignored anyway). */
  aliases?: string[];
  type: ColumnType;
  codes?: CodeList;
  /** For yes/no columns: the template allows "c) Unknown". */
  unknownAllowed?: boolean;
  /** The list cannot be read without it (the identifier and the date that places a row in time). */
  required?: boolean;
  /** The first template version with this column. */
  since: TemplateVersion;
  /** Kept in the stored rows (an indicator, a cross-list check or the drill-down needs it). */
  store?: boolean;
  /** What Waymark does with it beyond checking, for the specification page. */
  note?: string;
}

export interface ListSpec {
  number: number;
  /** Short key, e.g. `contacts`. */
  key: string;
  title: string;
  /** Who is on the list, in the guidance's words. */
  scope: string;
  /** Sheet or file names that identify this list (beyond "List N"). */
  sheetNames: string[];
  /** Expected in every workbook: missing, it is reported with the figures it affects. */
  expected: boolean;
  /** The column whose date places a row in time (for "after the reference date" and duplicates). */
  keyDate: string;
  /** Columns that together identify a row, for the duplicate check (beyond the child). */
  duplicateKey: string[];
  columns: ColumnSpec[];
}

type ColumnBuilder = (key: string, name: string, aliases?: string[], extra?: Partial<ColumnSpec>) => ColumnSpec;
/** A 2020-template column of one type, with its aliases and any other facts (required, stored, note…). */
const typed =
  (type: ColumnType): ColumnBuilder =>
  (key, name, aliases = [], extra = {}) => ({ key, name, aliases, type, since: '2020', ...extra });
export const date = typed('date');
export const yesno = typed('yesno');
export const count = typed('integer');
export const code = (
  key: string,
  name: string,
  codes: CodeList,
  aliases: string[] = [],
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, name, aliases, type: 'code', codes, since: '2020', ...extra });
export const text = (key: string, name: string, aliases: string[], note: string): ColumnSpec => ({
  key,
  name,
  aliases,
  type: 'text',
  since: '2020',
  note,
});
export const childId = typed('id')(
  'childId',
  'Child Unique ID',
  [
    'Child ID',
    'Unique Child ID',
    'Child Unique Identifier',
    'ChildID',
    'Child Identifier',
    'Person ID',
    'Client ID',
    'CHILD',
    'ID',
    'Child UPN',
    'LA Child ID',
  ],
  {
    required: true,
    note: 'Stored only as a keyed hash (HMAC-SHA256 with the organisation’s secret), so the same child matches across lists and snapshots',
  },
);
export const gender = code('gender', 'Gender', C.GENDER, ['Sex', 'Gender of Child']);
export const ethnicity = code('ethnicity', 'Ethnicity', C.ETHNICITY, [
  'Ethnic Origin',
  'Ethnic Group',
  'Ethnicity Code',
]);
export const dob = typed('birth')('birth', 'Date of Birth', ['DOB', 'Birth Date', 'Date of Birth (DOB)', 'Child DOB'], {
  store: true,
  note: 'Stored as month and year only; the full date is used while reading to check the age and to work out care leavers’ ages at the reference date',
});
export const age = typed('age')(
  'age',
  'Age of Child (Years)',
  ['Age', 'Age of Child', 'Age (Years)', 'Age in Years', 'Age at Contact', 'Age of Young Person (Years)'],
  {
    note: 'Exports give decimal years (6.14); checked against the date of birth at the reference date (a difference of more than a year is a warning), not stored',
  },
);
export const disability = yesno(
  'disability',
  'Does the Child have a Disability',
  [
    'Disability',
    'Disabled',
    'Has a Disability',
    'Disability Status',
    'Child has a Disability',
    'Does the Child have a Disability?',
  ],
  { unknownAllowed: true },
);
export const team = typed('team')(
  'team',
  'Allocated Team',
  ['Team', 'Team Name', 'Allocated Team Name', 'Responsible Team'],
  {
    store: true,
    note: 'Stored (a staff team, not a person): the breakdowns by team',
  },
);
export const worker = typed('worker')(
  'worker',
  'Allocated Worker',
  ['Worker', 'Allocated Social Worker', 'Social Worker', 'Allocated Worker ID', 'Key Worker', 'Allocated Worker Name'],
  { store: true, note: 'Stored as given (a staff name or code): unallocated cases and caseloads' },
);
export const common = [childId, gender, ethnicity, dob, age];
