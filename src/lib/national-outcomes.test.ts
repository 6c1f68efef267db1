import { describe, expect, it } from 'vitest';
import { laCodesFromDfeCsv, latestGraded, parseOutcomesCsv } from './national-outcomes.js';

const HISTORY = `ILACS inspection history from 2018-2025
This worksheet contains one table.
Web link,Local authority area code,Local authority name,Local authority status,Ofsted region,Inspection date,Publication date,Inspection type,Overall effectiveness,The impact of leaders on social work practice with children and families,The experiences and progress of children who need help and protection,The experiences and progress of children in care,The experiences and progress of care leavers
Ofsted Local Authority Webpage,E06000016,Leicester,Current,East Midlands,2021-09-20,2021-11-12,ILACS Standard Inspection,Good,Good,Good,Good
Ofsted Local Authority Webpage,E06000016,Leicester,Current,East Midlands,2024-09-23,2025-01-29,ILACS Short Inspection,Requires improvement to be good,Requires improvement to be good,Requires improvement to be good,Requires improvement to be good,Inadequate
Ofsted Local Authority Webpage,E10000021,Northamptonshire,No longer exists,East Midlands,2019-05-13,2019-08-01,ILACS Standard Inspection,Inadequate,Inadequate,Inadequate,Inadequate
`;

const IN_YEAR = `Local authority in-year inspection activity 2024-25
Note
Web link,Local authority area code,Local authority name,Region,Inspection/Visit date,Publication date,Inspection/Visit type,Overall effectiveness,The impact of leaders on social work practice with children and families,The experiences and progress of children who need help and protection,The experiences and progress of children in care,The experiences and progress of care leavers,Visit Theme
Ofsted Local Authority Webpage,E09000002,Barking and Dagenham,London,2025-03-26,2025-04-29,ILACS Focused Visit,,,,,,Children in need/subject to a plan
Ofsted Local Authority Webpage,E06000016,Leicester,East Midlands,2024-06-01,2024-07-01,LA Monitoring visit,,,,,,Front door
`;

describe('parseOutcomesCsv', () => {
  it('reads the ILACS history with the joint children in care judgement before 2023 and five judgements after', () => {
    const rows = parseOutcomesCsv(HISTORY);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      gssCode: 'E06000016',
      laName: 'Leicester',
      laStatus: 'Current',
      region: 'East Midlands',
      inspectionDate: '2021-09-20',
      publishedDate: '2021-11-12',
      typeKey: 'ilacs-standard',
      overall: 'good',
      judgements: {
        'overall-effectiveness': 'good',
        leaders: 'good',
        'help-and-protection': 'good',
        'children-in-care-and-care-leavers': 'good',
      },
      visitTheme: null,
    });
    expect(rows[1].typeKey).toBe('ilacs-short');
    expect(rows[1].judgements).toEqual({
      'overall-effectiveness': 'requires-improvement',
      leaders: 'requires-improvement',
      'help-and-protection': 'requires-improvement',
      'children-in-care': 'requires-improvement',
      'care-leavers': 'inadequate',
    });
    expect(rows[2].laStatus).toBe('No longer exists');
  });

  it('reads the in-year sheet: visits carry a theme and no grades', () => {
    const rows = parseOutcomesCsv(IN_YEAR);
    expect(rows.map((r) => [r.typeKey, r.overall, r.visitTheme, r.laStatus])).toEqual([
      ['focused-visit', null, 'Children in need/subject to a plan', 'Current'],
      ['monitoring-visit', null, 'Front door', 'Current'],
    ]);
  });

  it('refuses a file whose third line is not the header', () => {
    expect(() => parseOutcomesCsv('a\nb\nx,y\n1,2\n')).toThrow(/Local authority area code/);
  });
});

describe('latestGraded', () => {
  const rows = parseOutcomesCsv(HISTORY);
  // Northamptonshire was inspected 13 May 2019 and published 1 August 2019; Leicester's short
  // inspection 23 September 2024 was published 29 January 2025.
  it.each([
    ['2019-05-12', []],
    ['2019-05-13', [['Northamptonshire', 'inadequate']]],
    [
      '2021-09-20',
      [
        ['Leicester', 'good'],
        ['Northamptonshire', 'inadequate'],
      ],
    ],
    [
      '2024-09-23',
      [
        ['Leicester', 'requires-improvement'],
        ['Northamptonshire', 'inadequate'],
      ],
    ],
  ])('inspected by %s (Ofsted’s basis)', (asAt, expected) => {
    expect(latestGraded(rows, asAt).map((r) => [r.laName, r.judgements['overall-effectiveness']])).toEqual(expected);
    expect(latestGraded(rows, asAt, 'inspected')).toEqual(latestGraded(rows, asAt));
  });
  it.each([
    ['2019-07-31', []],
    ['2019-08-01', [['Northamptonshire', 'inadequate']]],
    [
      '2021-11-12',
      [
        ['Leicester', 'good'],
        ['Northamptonshire', 'inadequate'],
      ],
    ],
    [
      '2024-12-31',
      [
        ['Leicester', 'good'],
        ['Northamptonshire', 'inadequate'],
      ],
    ],
    [
      '2025-01-29',
      [
        ['Leicester', 'requires-improvement'],
        ['Northamptonshire', 'inadequate'],
      ],
    ],
  ])('published by %s', (asAt, expected) => {
    expect(latestGraded(rows, asAt, 'published').map((r) => [r.laName, r.judgements['overall-effectiveness']])).toEqual(
      expected,
    );
  });
});

describe('laCodesFromDfeCsv', () => {
  it('maps the 9-character code to the 3-digit one', () => {
    const csv =
      'time_period,geographic_level,old_la_code,new_la_code,la_name\n2024,National,,,\n2024,Local authority,856,E06000016,Leicester\n';
    expect([...laCodesFromDfeCsv(csv)]).toEqual([['E06000016', '856']]);
  });
});
