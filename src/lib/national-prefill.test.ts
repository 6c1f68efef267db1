import { describe, expect, it } from 'vitest';
import {
  PREFILL_NOTE,
  inspectionFromNational,
  isRecorded,
  notYetRecorded,
  type NationalOutcomeRow,
  type RecordedInspection,
} from './national-prefill.js';

const RI = 'requires-improvement';
/** Leicester's 2021 grades under ILACS 2018 (four judgements) and its 2024 grades under ILACS 2023 (five). */
const GOOD_2018 = {
  'overall-effectiveness': 'good',
  leaders: 'good',
  'help-and-protection': 'good',
  'children-in-care-and-care-leavers': 'good',
};
const RI_2023 = {
  'overall-effectiveness': RI,
  leaders: RI,
  'help-and-protection': RI,
  'children-in-care': RI,
  'care-leavers': RI,
};

describe('inspectionFromNational', () => {
  it.each<[string, NationalOutcomeRow, Partial<ReturnType<typeof inspectionFromNational>>]>([
    [
      'Leicester 2021 standard inspection: ILACS 2018, four judgements with the joint children in care one',
      {
        inspectionDate: '2021-09-20',
        publishedDate: '2021-11-12',
        typeKey: 'ilacs-standard',
        judgements: GOOD_2018,
        visitTheme: null,
      },
      {
        type: 'ilacs-standard',
        frameworkVersion: 'ilacs-2018',
        startDate: '2021-09-20',
        endDate: null,
        publishedDate: '2021-11-12',
        judgements: GOOD_2018,
        notes: PREFILL_NOTE,
      },
    ],
    [
      'Leicester 2024 short inspection: ILACS 2023, five judgements',
      {
        inspectionDate: '2024-09-23',
        publishedDate: '2025-01-29',
        typeKey: 'ilacs-short',
        judgements: RI_2023,
        visitTheme: null,
      },
      {
        type: 'ilacs-short',
        frameworkVersion: 'ilacs-2023',
        judgements: RI_2023,
      },
    ],
    [
      'Stockton focused visit: no grades, the theme in the notes',
      {
        inspectionDate: '2024-09-18',
        publishedDate: '2024-10-18',
        typeKey: 'focused-visit',
        judgements: {},
        visitTheme: 'Children in care',
      },
      {
        type: 'focused-visit',
        frameworkVersion: 'ilacs-2023',
        judgements: {},
        publishedDate: '2024-10-18',
        notes: `${PREFILL_NOTE} Visit theme: Children in care.`,
      },
    ],
    [
      'a grade for an area the version does not judge, or not a grade, is left out',
      {
        inspectionDate: '2022-06-06',
        publishedDate: null,
        typeKey: 'ilacs-short',
        judgements: { 'overall-effectiveness': 'inadequate', 'care-leavers': 'good', leaders: 'excellent' },
        visitTheme: null,
      },
      { frameworkVersion: 'ilacs-2018', judgements: { 'overall-effectiveness': 'inadequate' }, publishedDate: null },
    ],
    [
      'a monitoring visit: ILACS family, no grades',
      {
        inspectionDate: '2019-02-12',
        publishedDate: '2019-03-15',
        typeKey: 'monitoring-visit',
        judgements: { 'overall-effectiveness': 'inadequate' },
        visitTheme: 'Front door',
      },
      { frameworkVersion: 'ilacs-2018', judgements: {}, notes: `${PREFILL_NOTE} Visit theme: Front door.` },
    ],
  ])('%s', (_label, row, expected) => {
    expect(inspectionFromNational(row)).toMatchObject(expected);
  });
});

describe('isRecorded and notYetRecorded', () => {
  const row = (typeKey: string, inspectionDate: string, publishedDate: string | null = null): NationalOutcomeRow => ({
    typeKey,
    inspectionDate,
    publishedDate,
    judgements: {},
    visitTheme: null,
  });
  const rec = (
    typeKey: string,
    startDate: string,
    endDate: string | null = null,
    publishedDate: string | null = null,
  ): RecordedInspection => ({ typeKey, startDate, endDate, publishedDate });

  it.each<[string, NationalOutcomeRow, RecordedInspection[], boolean]>([
    ['nothing recorded', row('ilacs-short', '2024-09-23'), [], false],
    ['same type and start date', row('ilacs-short', '2024-09-23'), [rec('ilacs-short', '2024-09-23')], true],
    ['same start date, different type', row('ilacs-short', '2024-09-23'), [rec('focused-visit', '2024-09-23')], false],
    [
      'inspection date within the recorded dates',
      row('ilacs-standard', '2023-03-08'),
      [rec('ilacs-standard', '2023-03-06', '2023-03-17')],
      true,
    ],
    [
      'inspection date the day after the recorded end',
      row('ilacs-standard', '2023-03-18'),
      [rec('ilacs-standard', '2023-03-06', '2023-03-17')],
      false,
    ],
    [
      'same publication date',
      row('focused-visit', '2024-09-18', '2024-10-18'),
      [rec('focused-visit', '2024-09-17', null, '2024-10-18')],
      true,
    ],
    [
      'both publication dates unknown do not match',
      row('focused-visit', '2024-09-18'),
      [rec('focused-visit', '2024-09-17')],
      false,
    ],
  ])('%s', (_label, r, recorded, expected) => {
    expect(isRecorded(r, recorded)).toBe(expected);
  });

  it('keeps the unrecorded rows, oldest first', () => {
    const rows = [
      row('ilacs-short', '2024-09-23'),
      row('ilacs-standard', '2021-09-20'),
      row('focused-visit', '2019-11-05'),
    ];
    expect(notYetRecorded(rows, [rec('ilacs-standard', '2021-09-20')]).map((r) => r.inspectionDate)).toEqual([
      '2019-11-05',
      '2024-09-23',
    ]);
  });
});
