import { describe, expect, it } from 'vitest';
import {
  excelSerialToIso,
  guessMapping,
  parseDateValue,
  parseRagValue,
  parseStatusValue,
  validateImport,
  type ColumnMapping,
} from './plan-values.js';

describe('parseDateValue', () => {
  it.each([
    ['2025-03-31', '2025-03-31'],
    ['31/03/2025', '2025-03-31'],
    ['31/3/25', '2025-03-31'],
    ['1.4.2025', '2025-04-01'],
    ['01-04-2025', '2025-04-01'],
    ['31 March 2025', '2025-03-31'],
    ['1st Apr 2025', '2025-04-01'],
    ['45747', '2025-03-31'],
    [45747, '2025-03-31'],
    [25569, '1970-01-01'],
    [new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
    ['', null],
    [null, null],
    ['   ', null],
    ['31/02/2025', undefined],
    ['2025-13-01', undefined],
    ['next spring', undefined],
    ['03/31/2025', undefined],
    [-5, undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseDateValue(input)).toBe(expected);
  });

  it('maps Excel serial 60 (the phantom 29 Feb 1900) and 61 to the days either side of 1 March 1900', () => {
    expect(excelSerialToIso(61)).toBe('1900-03-01');
  });
});

describe('parseRagValue and parseStatusValue', () => {
  it.each([
    ['R', 'red'],
    ['Amber ', 'amber'],
    ['g', 'green'],
    ['Completed', 'complete'],
    ['Blue', 'complete'],
    ['', null],
    ['purple', undefined],
  ])('RAG %s → %s', (input, expected) => expect(parseRagValue(input)).toBe(expected));

  it.each([
    ['Not started', 'not-started'],
    ['In progress', 'in-progress'],
    ['on track', 'in-progress'],
    ['Done', 'complete'],
    ['CLOSED', 'closed'],
    ['', null],
    ['paused', undefined],
  ])('status %s → %s', (input, expected) => expect(parseStatusValue(input)).toBe(expected));
});

describe('guessMapping', () => {
  it('matches common plan headers and leaves missing fields unmapped', () => {
    expect(
      guessMapping(['Ref', 'Action', 'Strand', 'Lead officer', 'Start', 'Target date', 'RAG', 'Success measures']),
    ).toEqual({
      reference: 0,
      title: 1,
      description: null,
      theme: 2,
      owner: 3,
      startDate: 4,
      dueDate: 5,
      status: null,
      successMeasures: 7,
    });
  });

  it('uses prefix matches only after exact ones and never uses a column twice', () => {
    const m = guessMapping(['Action title', 'Action description', 'Reference', 'Due date (planned)', 'Start date']);
    expect(m.title).toBe(0);
    expect(m.description).toBe(1);
    expect(m.reference).toBe(2);
    expect(m.dueDate).toBe(3);
    expect(m.startDate).toBe(4);
  });
});

describe('validateImport', () => {
  const headers = ['Ref', 'Title', 'Owner', 'Start', 'Due', 'Status'];
  const mapping: ColumnMapping = {
    reference: 0,
    title: 1,
    description: null,
    theme: null,
    owner: 2,
    startDate: 3,
    dueDate: 4,
    status: 5,
    successMeasures: null,
  };
  const ctx = { owners: new Map([['owner@council.test', 'user-1']]), existingReferences: new Set(['9.9']) };

  it('accepts good rows', () => {
    const { actions, errors } = validateImport(
      headers,
      [['1.1', 'Audit practice', 'Owner@council.test', '01/04/2025', '2025-09-30', 'In progress']],
      mapping,
      ctx,
    );
    expect(errors).toEqual([]);
    expect(actions).toEqual([
      {
        row: 2,
        reference: '1.1',
        title: 'Audit practice',
        description: '',
        theme: null,
        ownerId: 'user-1',
        ownerText: 'Owner@council.test',
        startDate: '2025-04-01',
        dueDate: '2025-09-30',
        status: 'in-progress',
        successMeasures: '',
      },
    ]);
  });

  it('names the row and column of every problem', () => {
    const { errors } = validateImport(
      headers,
      [
        ['1.1', 'A', '', '01/04/2025', '30/09/2025', ''],
        ['1.1', '', 'someone@else.test', 'soon', '2025-02-30', 'paused'],
        ['', '', '', '', '', ''],
        ['9.9', 'C', '', '01/10/2025', '01/09/2025', ''],
      ],
      mapping,
      ctx,
    );
    expect(errors).toEqual([
      { row: 3, column: 'A (Ref)', message: 'Reference 1.1 is used again (first on row 2)' },
      { row: 3, column: 'B (Title)', message: 'Enter a title' },
      { row: 3, column: 'D (Start)', message: '“soon” is not a date: use a date like 31/03/2025' },
      { row: 3, column: 'E (Due)', message: '“2025-02-30” is not a date: use a date like 31/03/2025' },
      {
        row: 3,
        column: 'F (Status)',
        message: '“paused” is not a status: use Not started, In progress, Complete or Closed',
      },
      {
        row: 3,
        column: 'C (Owner)',
        message: '“someone@else.test” is not a user of your organisation: use their email address',
      },
      { row: 5, column: 'A (Ref)', message: 'Reference 9.9 is already used by an action in this plan' },
      { row: 5, column: 'E (Due)', message: 'Due date must be on or after the start date' },
    ]);
  });

  it('refuses a mapping without the required columns', () => {
    const { errors } = validateImport(headers, [['1', 'x']], { ...mapping, startDate: null, dueDate: null }, ctx);
    expect(errors.map((e) => e.message)).toEqual([
      'Choose the column that holds the start date: it is required',
      'Choose the column that holds the due date: it is required',
    ]);
  });

  it('refuses a file with no actions', () => {
    expect(validateImport(headers, [], mapping, ctx).errors).toEqual([
      { row: 2, column: 'All', message: 'The file has no actions in it' },
    ]);
  });
});
