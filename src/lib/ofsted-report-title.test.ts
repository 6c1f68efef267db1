import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOfstedReport } from './ofsted-report-parser.js';

import { OFSTED_REPORTS_DIR as reportsDir } from '../../test/fixtures/paths.js';

describe('parseOfstedReport on visit and JTAI letters', () => {
  const letter = (name: string) => fs.readFileSync(path.join(reportsDir, '..', 'ofsted-letters', name), 'utf8');

  it.each([
    ['bcp-monitoring-visit-2022-06.txt', '2022-06-07', '2022-06-08'],
    ['bcp-monitoring-visit-2022-10.txt', '2022-10-04', '2022-10-05'],
  ])('reads the real monitoring visit letter %s: type, authority and dates, no grades', (file, start, end) => {
    const d = parseOfstedReport(letter(file));
    expect(d).toMatchObject({
      type: 'monitoring-visit',
      frameworkVersion: 'ilacs-2018',
      authority: 'Bournemouth, Christchurch and Poole',
      startDate: start,
      endDate: end,
      judgements: {},
      findings: [],
    });
  });

  // Built in the published wording of the letters (not extracts).
  it.each([
    [
      'Focused visit to Wokingham Borough Council children’s services\nThis letter summarises the findings of the focused visit to Wokingham Borough Council children’s services on 20 and 21 February 2024.',
      'focused-visit',
      'Wokingham Borough Council',
      '2024-02-20',
      '2024-02-21',
    ],
    [
      'Dear Ms Smith\nFocused visit to Knowsley local authority children’s services\nThis letter summarises the findings of the focused visit to Knowsley local authority children’s services on 31 January and 1 February 2024.',
      'focused-visit',
      'Knowsley',
      '2024-01-31',
      '2024-02-01',
    ],
    [
      'Joint targeted area inspection of the multi-agency response to children and families who need help in Leeds\nThis letter summarises the findings of a joint targeted area inspection (JTAI) of the multi-agency response to children and families who need help in Leeds.\nThis inspection took place from 13 to 17 March 2023.',
      'jtai',
      'Leeds',
      '2023-03-13',
      '2023-03-17',
    ],
    [
      'Joint targeted area inspection of the multi-agency response to abuse and neglect in Croydon\nBetween 7 and 11 May 2018, Ofsted, the Care Quality Commission (CQC), HMI Constabulary and Fire & Rescue Services (HMICFRS) and HMI Probation (HMIP) undertook a joint inspection.',
      'jtai',
      'Croydon',
      '2018-05-07',
      '2018-05-11',
    ],
    [
      'Monitoring visit to Slough children’s services\nThis letter summarises the findings of the monitoring visit to Slough children’s services on 14 March 2019.',
      'monitoring-visit',
      'Slough',
      '2019-03-14',
      '2019-03-14',
    ],
  ])('reads %#', (text, type, authority, start, end) => {
    const d = parseOfstedReport(text);
    expect([d.type, d.authority, d.startDate, d.endDate]).toEqual([type, authority, start, end]);
    expect(d.judgements).toEqual({});
    expect(d.warnings.some((w) => /give no grades/.test(w))).toBe(true);
  });

  it('says what it found when a PDF is an Ofsted document of another kind', () => {
    expect(() =>
      parseOfstedReport('Inspection of Hilltop Primary School\nOfsted\nThe quality of education Good\npupils'),
    ).toThrow(
      /not one Waymark imports \(it looks like a school inspection report; it begins “Inspection of Hilltop Primary School”\)/,
    );
    expect(() => parseOfstedReport('Minutes of the Children and Young People Scrutiny Commission')).toThrow(
      /it begins “Minutes of the Children and Young People Scrutiny Commission”/,
    );
  });
});
