import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutcomesCsv } from './national-outcomes.js';
import { OFSTED_DATA_DIR } from '../paths.js';
import {
  forecastNextInspection,
  monthsBetween,
  nationalBasis,
  nationalIntervals,
  quantile,
  type InspectionRecord,
  type OwnInspection,
} from './inspection-forecast.js';

const FILES = [
  'LA_Inspection_Outcomes_as_at_31_March_2025__ILACS_inspection_history.csv',
  'LA_Inspection_Outcomes_as_at_31_March_2025__In-year_inspections.csv',
];
const national: InspectionRecord[] = FILES.flatMap((f) =>
  parseOutcomesCsv(fs.readFileSync(path.join(OFSTED_DATA_DIR, f), 'utf8')),
);
const intervals = nationalIntervals(national);

describe('monthsBetween and quantile', () => {
  it.each([
    // 1,463 days / 30.4375 = 48.07; 994 days → 32.66
    ['2018-06-11', '2022-06-13', 48.1],
    ['2022-06-13', '2025-03-03', 32.7],
    ['2024-01-01', '2024-01-01', 0],
  ])('%s to %s is %s months', (a, b, months) => {
    expect(monthsBetween(a, b)).toBe(months);
  });

  it.each([
    // sorted 10 20 30 40: h = 3p; p=.25 → 10 + .75·10 = 17.5; median 25; p=.75 → 30 + .25·10 = 32.5
    [[40, 10, 30, 20], 0.25, 17.5],
    [[40, 10, 30, 20], 0.5, 25],
    [[40, 10, 30, 20], 0.75, 32.5],
    [[7], 0.75, 7],
  ])('quantile of %j at %s is %s', (values, p, expected) => {
    expect(quantile(values, p)).toBe(expected);
  });
});

describe('nationalIntervals on a hand-made record', () => {
  it('measures from each graded ILACS inspection to the next, by the earlier judgement, counting repeats once', () => {
    const rows: InspectionRecord[] = [
      { gssCode: 'A', inspectionDate: '2018-06-11', typeKey: 'ilacs-standard', overall: 'good' },
      { gssCode: 'A', inspectionDate: '2020-01-13', typeKey: 'focused-visit', overall: null },
      { gssCode: 'A', inspectionDate: '2022-06-13', typeKey: 'ilacs-short', overall: 'requires-improvement' },
      { gssCode: 'A', inspectionDate: '2022-06-13', typeKey: 'ilacs-short', overall: 'requires-improvement' },
      { gssCode: 'A', inspectionDate: '2025-03-03', typeKey: 'ilacs-standard', overall: 'good' },
      { gssCode: 'B', inspectionDate: '2017-03-01', typeKey: 'sif', overall: 'inadequate' },
      { gssCode: 'B', inspectionDate: '2019-03-04', typeKey: 'ilacs-standard', overall: 'inadequate' },
    ];
    const got = nationalIntervals(rows);
    expect(Object.fromEntries(got)).toEqual({ good: [48.1], 'requires-improvement': [32.7] });
  });
});

describe('nationalIntervals on Ofsted’s published outcomes (as at 31 March 2025)', () => {
  // Worked out separately from the two CSVs in national-data/ofsted with a short script: graded ILACS
  // standard and short inspections (271 after removing the in-year sheet's repeats, 156 authorities),
  // consecutive pairs per authority, days / 30.4375 rounded to 0.1, QUARTILE.INC on those, rounded to 0.1.
  // Good's lower quartile is 53.35 on paper (rank 9.75 of 0…39), which rounds half up to 53.4.
  it.each([
    ['good', 40, 59.1, [53.4, 64.6]],
    ['outstanding', 19, 56.6, [53, 61.4]],
    ['requires-improvement', 41, 50.6, [42.5, 55]],
    ['inadequate', 15, 44.6, [40.4, 48.2]],
  ] as const)('after %s: %s inspections, median %s months, middle half %j', (grade, n, median, iqr) => {
    expect(nationalBasis(intervals, grade)).toEqual({
      previousJudgement: grade,
      inspections: n,
      medianMonths: median,
      interquartileMonths: iqr,
    });
  });
});

describe('forecastNextInspection', () => {
  const ri: OwnInspection[] = [
    { typeKey: 'ilacs-standard', startDate: '2019-02-18', overall: 'requires-improvement' },
    { typeKey: 'ilacs-standard', startDate: '2023-07-10', overall: 'requires-improvement' },
  ];

  it('after requires improvement: a standard inspection in the national middle half, and a focused visit', () => {
    // 10 July 2023 + 42.5 months (1,294 days) = 24 January 2027; + 55.0 months (1,674 days) = 8 February 2028.
    // Focused visit: + 12 months (365 days) = 9 July 2024 … + 30 months (913 days) = 8 January 2026; on
    // 1 March 2025 the earliest has passed, so it starts today.
    const f = forecastNextInspection(ri, intervals, '2025-03-01')!;
    expect(f.nextInspection).toMatchObject({ type: 'ilacs-standard', earliest: '2027-01-24', latest: '2028-02-08' });
    expect(f.nextInspection.basis).toMatch(
      /^Authorities judged requires improvement to be good were next inspected after a median of 51 months, middle half 43–55, from 41 inspections/,
    );
    expect(f.nextInspection.basis).toContain('counted from your last inspection on 10 July 2023');
    expect(f.nextVisit).toMatchObject({ type: 'focused-visit', earliest: '2025-03-01', latest: '2026-01-08' });
    expect(f.national).toEqual({
      previousJudgement: 'requires-improvement',
      inspections: 41,
      medianMonths: 50.6,
      interquartileMonths: [42.5, 55],
    });
  });

  it('no focused visit is expected once one has happened since the last inspection', () => {
    const f = forecastNextInspection(
      [...ri, { typeKey: 'focused-visit', startDate: '2025-01-20', overall: null }],
      intervals,
      '2025-03-01',
    )!;
    expect(f.nextVisit).toBeNull();
  });

  it('after inadequate: a standard re-inspection and the next monitoring visit three to four months after the last', () => {
    // 4 March 2024 + 40.4 months (1,230 days) = 17 July 2027; + 48.2 months (1,467 days) = 10 March 2028.
    // Monitoring visit 15 September 2025 + 91 days = 15 December 2025; + 122 days = 15 January 2026.
    const own: OwnInspection[] = [
      { typeKey: 'ilacs-standard', startDate: '2024-03-04', overall: 'inadequate' },
      { typeKey: 'monitoring-visit', startDate: '2024-07-01', overall: null },
      { typeKey: 'monitoring-visit', startDate: '2025-09-15', overall: null },
    ];
    const f = forecastNextInspection(own, intervals, '2025-10-01')!;
    expect(f.nextInspection).toMatchObject({ type: 'ilacs-standard', earliest: '2027-07-17', latest: '2028-03-10' });
    expect(f.nextVisit).toMatchObject({ type: 'monitoring-visit', earliest: '2025-12-15', latest: '2026-01-15' });
  });

  it('a window that has passed starts today and runs six months', () => {
    // Good on 1 January 2018: the middle half ends long before 2026; 1 June 2026 + 183 days = 1 December 2026.
    const f = forecastNextInspection(
      [{ typeKey: 'ilacs-standard', startDate: '2018-01-01', overall: 'good' }],
      intervals,
      '2026-06-01',
    )!;
    expect(f.nextInspection).toMatchObject({ type: 'ilacs-short', earliest: '2026-06-01', latest: '2026-12-01' });
    expect(f.nextInspection.basis).toContain('The usual window has passed');
  });

  it('uses the framework window when the national record is too thin, and says so', () => {
    // 10 June 2024 + 30 months (913 days) = 10 December 2026; + 42 months (1,278 days) = 10 December 2027.
    const f = forecastNextInspection(
      [{ typeKey: 'ilacs-short', startDate: '2024-06-10', overall: 'good' }],
      new Map(),
      '2025-01-01',
    )!;
    expect(f.nextInspection).toMatchObject({ type: 'ilacs-short', earliest: '2026-12-10', latest: '2027-12-10' });
    expect(f.nextInspection.basis).toMatch(/too few authorities judged good/);
    expect(f.national).toBeNull();
  });

  it('has nothing to forecast from without a graded inspection', () => {
    expect(
      forecastNextInspection(
        [{ typeKey: 'focused-visit', startDate: '2024-01-01', overall: null }],
        intervals,
        '2025-01-01',
      ),
    ).toBeNull();
  });
});
