import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NotAnOfstedReportError,
  parseDateRange,
  parseOfstedReport,
  splitFrameworkReference,
  type ReportDraft,
} from './ofsted-report-parser.js';
import { pdfToText } from '../features/inspections/pdf-text.js';

import { OFSTED_REPORTS_DIR as reportsDir } from '../../test/fixtures/paths.js';

const moreLayoutsDir = path.join(reportsDir, 'more-layouts');

const RI = 'requires-improvement';

/**
 * Read by hand from each published report (pdftotext): the judgement table on page 1 and a few items of
 * "What needs to improve?" (SIF: "What does the Local Authority need to improve?" or "Recommendations").
 */
const EXPECTED: Record<
  string,
  {
    authority: string;
    type: string;
    version: string;
    start: string;
    end: string;
    published: string | null;
    judgements: Record<string, string>;
    lscb?: string | null;
    count: number;
    items: string[];
    /** Every item, in order, exactly as printed (with its national framework reference), where the test pins the whole list. */
    exact?: [string, string | null][];
  }
> = {
  'bournemouth-christchurch-poole_2022-02-11.pdf': {
    authority: 'Bournemouth, Christchurch and Poole',
    type: 'ilacs-standard',
    version: 'ilacs-2018',
    start: '2021-12-06',
    end: '2021-12-17',
    published: null,
    judgements: {
      'overall-effectiveness': 'inadequate',
      leaders: 'inadequate',
      'help-and-protection': 'inadequate',
      'children-in-care-and-care-leavers': RI,
    },
    count: 7,
    items: [
      'The standard of care provided to young people living in houses of multiple occupation.',
      'Care leavers’ access to their health records.',
    ],
  },
  'bournemouth-christchurch-poole_2025-01-29.pdf': {
    authority: 'Bournemouth, Christchurch and Poole',
    type: 'ilacs-standard',
    version: 'ilacs-2023',
    start: '2024-12-02',
    end: '2024-12-13',
    published: null,
    judgements: {
      'overall-effectiveness': 'good',
      leaders: 'good',
      'help-and-protection': 'good',
      'children-in-care': 'good',
      'care-leavers': RI,
    },
    count: 3,
    items: ['The help and support offered to older care leavers.'],
  },
  'leicester_2015-03-20.pdf': {
    authority: 'Leicester City',
    type: 'sif',
    version: 'sif-2013',
    start: '2015-01-14',
    end: '2015-02-04',
    published: '2015-03-20',
    judgements: {
      'overall-effectiveness': 'inadequate',
      'help-and-protection': 'inadequate',
      'looked-after-permanence': RI,
      'adoption-performance': 'good',
      'care-leavers': RI,
      'leadership-management-governance': 'inadequate',
    },
    lscb: 'inadequate',
    count: 24,
    items: [
      'Ensure that suitable arrangements are in place to support and meet the needs of 16- and 17-year-olds who become homeless.',
      'Ensure that care leavers are provided with full information about their health histories prior to leaving care.',
    ],
  },
  'leicester_2017-09-04.pdf': {
    authority: 'Leicester City Council',
    type: 'sif',
    version: 'sif-2013',
    start: '2017-06-19',
    end: '2017-07-13',
    published: '2017-09-04',
    judgements: {
      'overall-effectiveness': RI,
      'help-and-protection': RI,
      'looked-after-permanence': RI,
      'adoption-performance': 'good',
      'care-leavers': RI,
      'leadership-management-governance': 'good',
    },
    lscb: null,
    count: 11,
    items: ['Improve the timeliness and quality of safeguarding interventions for disabled children.'],
  },
  'leicester_2021-11-12.pdf': {
    authority: 'Leicester City Council',
    type: 'ilacs-standard',
    version: 'ilacs-2018',
    start: '2021-09-20',
    end: '2021-10-01',
    published: null,
    judgements: {
      'overall-effectiveness': 'good',
      leaders: 'good',
      'help-and-protection': 'good',
      'children-in-care-and-care-leavers': 'good',
    },
    count: 5,
    items: [
      'The coordination of private fostering support.',
      'Designated officer arrangements, ensuring that all identified actions are completed.',
    ],
  },
  'leicester_2025-01-29.pdf': {
    authority: 'Leicester City Council',
    type: 'ilacs-short',
    version: 'ilacs-2023',
    start: '2024-09-23',
    end: '2024-09-27',
    published: null,
    judgements: {
      'overall-effectiveness': RI,
      leaders: RI,
      'help-and-protection': RI,
      'children-in-care': RI,
      'care-leavers': RI,
    },
    count: 5,
    items: [
      'The timeliness and robustness of responses to contacts and referrals.',
      'The quality and consistency of care plans and pathway plans.',
    ],
  },
  'leicestershire_2017-02-13.pdf': {
    authority: 'Leicestershire',
    type: 'sif',
    version: 'sif-2013',
    start: '2016-11-14',
    end: '2016-12-08',
    published: '2017-02-13',
    judgements: {
      'overall-effectiveness': RI,
      'help-and-protection': RI,
      'looked-after-permanence': RI,
      'adoption-performance': RI,
      'care-leavers': RI,
      'leadership-management-governance': RI,
    },
    lscb: 'good',
    count: 17,
    items: [
      'Ensure that practitioners and managers understand and apply thresholds appropriately at every stage of the child’s journey.',
    ],
  },
  'leicestershire_2019-11-04.pdf': {
    authority: 'Leicestershire County Council',
    type: 'ilacs-standard',
    version: 'ilacs-2018',
    start: '2019-09-23',
    end: '2019-10-04',
    published: null,
    judgements: {
      'overall-effectiveness': RI,
      leaders: 'good',
      'help-and-protection': RI,
      'children-in-care-and-care-leavers': 'good',
    },
    count: 6,
    items: [
      'The timeliness of work to secure positive change for children during the pre-proceedings stage of the Public Law Outline.',
      'Planning for permanence for children whose plan is not adoption.',
    ],
  },
  'leicestershire_2024-07-12.pdf': {
    authority: 'Leicestershire County Council',
    type: 'ilacs-standard',
    version: 'ilacs-2023',
    start: '2024-04-22',
    end: '2024-05-03',
    published: null,
    judgements: {
      'overall-effectiveness': 'outstanding',
      leaders: 'outstanding',
      'help-and-protection': 'good',
      'children-in-care': 'outstanding',
      'care-leavers': 'outstanding',
    },
    count: 2,
    items: ['Timeliness of initial child protection conferences.'],
  },
  'stockton-on-tees_2016-08-05.pdf': {
    authority: 'Stockton-on-Tees Borough Council',
    type: 'sif',
    version: 'sif-2013',
    start: '2016-05-23',
    end: '2016-06-16',
    published: '2016-08-05',
    judgements: {
      'overall-effectiveness': 'good',
      'help-and-protection': 'good',
      'looked-after-permanence': RI,
      'adoption-performance': RI,
      'care-leavers': 'outstanding',
      'leadership-management-governance': 'good',
    },
    lscb: RI,
    count: 10,
    items: [
      'Ensure that there are sufficient foster carers, residential placements and potential adopters to meet the needs of the children.',
    ],
  },
  'stockton-on-tees_2019-07-01.pdf': {
    authority: 'Stockton-on-Tees',
    type: 'ilacs-short',
    version: 'ilacs-2018',
    start: '2019-05-20',
    end: '2019-05-24',
    published: null,
    judgements: {
      'overall-effectiveness': RI,
      leaders: RI,
      'help-and-protection': RI,
      'children-in-care-and-care-leavers': RI,
    },
    count: 6,
    items: ['All case work decisions to be made by qualified workers.'],
  },
  // more-layouts/: layouts that failed before (issue 11). Every item is pinned, read by hand from the PDF.
  'bristol_2018-10-22.pdf': {
    // Title "Bristol City of / Inspection of children's social care services"; bullets are the private-use glyph U+F06E.
    authority: 'Bristol City of',
    type: 'ilacs-standard',
    version: 'ilacs-2018',
    start: '2018-09-10',
    end: '2018-09-21',
    published: null,
    judgements: {
      'overall-effectiveness': RI,
      leaders: 'good',
      'help-and-protection': RI,
      'children-in-care-and-care-leavers': RI,
    },
    count: 6,
    items: [],
    exact: [
      [
        'The quality of strategy discussions, reviews and child in need meetings, including records of decision-making.',
        null,
      ],
      [
        'The quality of analysis in assessments and plans so that they are explicit about the desired outcomes and the timescales for completion.',
        null,
      ],
      ['The quality of case recording, including recording of management decision-making.', null],
      ['The effectiveness of arrangements to secure a sufficiency of placements.', null],
      ['The educational progress and achievement of children in care.', null],
      ['The take-up of return home interviews for children who go missing from home.', null],
    ],
  },
  'durham_2019-10-21.pdf': {
    // Title "Durham County Council / Inspection of children's social care services"; the summary names "local authority children's services" too.
    authority: 'Durham County Council',
    type: 'ilacs-standard',
    version: 'ilacs-2018',
    start: '2019-09-09',
    end: '2019-09-20',
    published: null,
    judgements: {
      'overall-effectiveness': RI,
      leaders: RI,
      'help-and-protection': RI,
      'children-in-care-and-care-leavers': 'good',
    },
    count: 6,
    items: [],
    exact: [
      ['The quality and impact of management oversight, including that of child protection chairs.', null],
      ['The timeliness of assessments and support for children who return home.', null],
      [
        'The quality of children’s plans, so that they are timebound, and include clear actions and contingency plans.',
        null,
      ],
      [
        'The response to disabled children, children in private fostering arrangements, and children who are homeless aged 16 and 17.',
        null,
      ],
      ['The timeliness of foster carers’ reviews.', null],
      ['The tracking and monitoring of children missing from education.', null],
    ],
  },
  'tameside_2019-07-01.pdf': {
    // Title "Tameside metropolitan borough / Inspection of local authority children's social care services".
    authority: 'Tameside metropolitan borough',
    type: 'ilacs-standard',
    version: 'ilacs-2018',
    start: '2019-05-13',
    end: '2019-05-24',
    published: null,
    judgements: {
      'overall-effectiveness': RI,
      leaders: RI,
      'help-and-protection': RI,
      'children-in-care-and-care-leavers': RI,
    },
    count: 4,
    items: [],
    exact: [
      ['Timeliness of achieving permanence for children in care.', null],
      [
        'The challenge provided by senior leaders, team managers, IROs and conference chairs about the pace and quality of social work and placements for children in care.',
        null,
      ],
      ['How consistently children’s wishes and feelings are used to inform assessments and plans.', null],
      [
        'Children’s experience of being able to develop a relationship with a consistent social worker who visits them regularly and makes sure their plans are progressed.',
        null,
      ],
    ],
  },
  'sunderland_2025-03-11.pdf': {
    // "What needs to improve?1" with its footnote at the foot of the page; "(Outcome\nthree)" wraps.
    authority: 'Sunderland City Council',
    type: 'ilacs-short',
    version: 'ilacs-2023',
    start: '2025-01-27',
    end: '2025-01-31',
    published: null,
    judgements: {
      'overall-effectiveness': 'outstanding',
      leaders: 'outstanding',
      'help-and-protection': 'outstanding',
      'children-in-care': 'outstanding',
      'care-leavers': 'good',
    },
    count: 3,
    items: [],
    exact: [
      [
        'The uptake of return home interviews and how the information from these informs actions to mitigate risks.',
        'Outcome three',
      ],
      [
        'Risk assessments in respect of unaccompanied asylum-seeking children establishing contact with extended family members across the country.',
        'Outcome three',
      ],
      ['The workloads of PAs in the Next Steps service.', 'Enabler two'],
    ],
  },
  'stockton-on-tees_2023-05-09.pdf': {
    authority: 'Stockton-on-Tees',
    type: 'ilacs-standard',
    version: 'ilacs-2023',
    start: '2023-03-06',
    end: '2023-03-17',
    published: null,
    judgements: {
      'overall-effectiveness': RI,
      leaders: RI,
      'help-and-protection': RI,
      'children-in-care': RI,
      'care-leavers': RI,
    },
    count: 4,
    items: [
      'The quality and effectiveness of plans for children and care leavers, including safety plans agreed with parents.',
      'Sufficiency of suitable foster homes for children.',
      'Frontline management oversight across the service, in relation to the quality of assessment and plans and the impact of interventions.',
      'Opportunities for more children and care leavers to have a voice and to influence the development of services.',
    ],
  },
};

describe('parseOfstedReport on every published report in test/fixtures/ofsted-reports', () => {
  const drafts = new Map<string, ReportDraft>();
  beforeAll(async () => {
    for (const dir of [reportsDir, moreLayoutsDir]) {
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'))) {
        drafts.set(file, parseOfstedReport(await pdfToText(fs.readFileSync(path.join(dir, file)))));
      }
    }
  }, 60_000);

  it('has an expectation for every report on disk', () => {
    expect([...drafts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, e) => {
    const d = drafts.get(file)!;
    expect(d.authority).toBe(e.authority);
    expect(d.type).toBe(e.type);
    expect(d.frameworkVersion).toBe(e.version);
    expect([d.startDate, d.endDate, d.publishedDate]).toEqual([e.start, e.end, e.published]);
    expect(d.judgements).toEqual(e.judgements);
    if (e.lscb !== undefined) expect(d.lscbJudgement).toBe(e.lscb);
    expect(d.findings).toHaveLength(e.count);
    const texts = d.findings.map((f) => f.text);
    for (const item of e.items) expect(texts).toContain(item);
    if (e.exact) expect(d.findings.map((f) => [f.text, f.frameworkReference])).toEqual(e.exact);
    expect(d.findings.every((f) => f.kind === (e.type === 'sif' ? 'recommendation' : 'area-for-improvement'))).toBe(
      true,
    );
    // ILACS reports do not print their publication date: the draft says so rather than guessing.
    expect(d.warnings.some((w) => w.includes('publication date'))).toBe(e.published === null);
  });

  it('numbers SIF recommendations R1… and joins sub-bullets into their item', () => {
    const d = drafts.get('leicester_2015-03-20.pdf')!;
    expect(d.findings[0]).toEqual({
      kind: 'recommendation',
      reference: 'R1',
      frameworkReference: null,
      text: 'Put into place an effective performance management framework; this to include comprehensive and reliable performance data; clear monitoring and quality assurance arrangements; effective performance management of teams and individuals.',
    });
    expect(d.findings[23].reference).toBe('R24');
  });
});

describe('parseOfstedReport on text that is not a report', () => {
  it('refuses minutes of a meeting', () => {
    expect(() =>
      parseOfstedReport('Minutes of the Children and Young People Scrutiny Commission\nPresent: Councillors'),
    ).toThrow(NotAnOfstedReportError);
  });

  it('says plainly what it could not read', () => {
    const d = parseOfstedReport(
      'Inspection of Nowhere local authority children’s services\nJudgement Grade\nOverall effectiveness Good\n',
    );
    expect(d.authority).toBe('Nowhere');
    expect(d.judgements).toEqual({ 'overall-effectiveness': 'good' });
    expect(d.warnings).toEqual([
      'Could not read the inspection dates: enter the start and end dates.',
      'The report does not state its publication date: enter it (the action plan deadline counts from it).',
      'Could not tell a short from a standard inspection without the dates: check the type.',
      'Read 1 of the 4 judgements: add the missing ones by hand.',
      'Could not find the list of what needs to improve: add the findings by pasting them.',
    ]);
  });
});

describe('parseDateRange', () => {
  it.each([
    ['6 to 17 March 2023', '2023-03-06', '2023-03-17'],
    ['22 April to 3 May 2024', '2024-04-22', '2024-05-03'],
    ['20 September 2021 to 1 October 2021', '2021-09-20', '2021-10-01'],
    ['14 January – 4 February 2015', '2015-01-14', '2015-02-04'],
    ['28 November 2022 to 2 December 2022', '2022-11-28', '2022-12-02'],
  ])('%s', (text, start, end) => {
    expect(parseDateRange(text)).toEqual({ startDate: start, endDate: end });
  });
  it('gives null for text without a real date range', () => {
    expect(parseDateRange('31 to 32 February 2023')).toBeNull();
    expect(parseDateRange('next week')).toBeNull();
  });
});

describe('parseOfstedReport on the other published layouts (real report text, altered as other reports print it)', () => {
  const texts = new Map<string, string>();
  const read = async (file: string) => {
    if (!texts.has(file)) texts.set(file, await pdfToText(fs.readFileSync(path.join(reportsDir, file))));
    return texts.get(file)!;
  };
  const durhamItems = [
    'The quality and impact of management oversight, including that of child protection chairs.',
    'The timeliness of assessments and support for children who return home.',
    'The quality of children’s plans, so that they are timebound, and include clear actions and contingency plans.',
    'The response to disabled children, children in private fostering arrangements, and children who are homeless aged 16 and 17.',
    'The timeliness of foster carers’ reviews.',
    'The tracking and monitoring of children missing from education.',
  ];

  it.each([
    ['What needs to improve:', (t: string) => t.replace(/^What needs to improve$/m, 'What needs to improve:')],
    [
      'What needs to improve?1 with a footnote',
      (t: string) => t.replace(/^What needs to improve$/m, 'What needs to improve?1'),
    ],
    ['bullets as •', (t: string) => t.replace(/^◼ /gm, '• ')],
    ['bullets as –', (t: string) => t.replace(/^◼ /gm, '– ')],
    ['no bullets at all', (t: string) => t.replace(/^◼ /gm, '')],
  ])('reads Durham 2019 with the heading or bullets as %s', async (_label, alter) => {
    const d = parseOfstedReport(alter(await read('more-layouts/durham_2019-10-21.pdf')));
    expect(d.findings.map((f) => f.text)).toEqual(durhamItems);
  });

  it('reads an item that wraps onto the next page past the running header and the footnote', async () => {
    // Sunderland 2025: move the page break (with its footnote, running header and page number) into the second item.
    const text = (await read('more-layouts/sunderland_2025-03-11.pdf')).replace(
      'children establishing contact with extended family members',
      'children establishing contact\n1 The areas for improvement have been cross-referenced with the outcomes.\n\n-- 2 of 15 --\n\nInspection of Sunderland local authority children’s services\n27 to 31 January 2025 3\nwith extended family members',
    );
    const d = parseOfstedReport(text);
    expect(d.findings[1]).toEqual({
      kind: 'area-for-improvement',
      text: 'Risk assessments in respect of unaccompanied asylum-seeking children establishing contact with extended family members across the country.',
      reference: null,
      frameworkReference: 'Outcome three',
    });
    expect(d.findings).toHaveLength(3);
  });

  it('reads a judgement table whose grades come after all their labels', async () => {
    const text = (await read('more-layouts/durham_2019-10-21.pdf')).replace(
      /Judgement Grade[\s\S]*?Overall effectiveness Requires improvement/,
      'Judgement Grade\nThe impact of leaders on social work practice with children and families\nThe experiences and progress of children who need help and protection\n' +
        'The experiences and progress of children in care and care leavers\nOverall effectiveness\nRequires improvement\nInadequate\nGood\nRequires improvement to be good',
    );
    const d = parseOfstedReport(text);
    expect(d.judgements).toEqual({
      leaders: RI,
      'help-and-protection': 'inadequate',
      'children-in-care-and-care-leavers': 'good',
      'overall-effectiveness': RI,
    });
  });

  it.each([
    [
      'Inspection of Tameside Metropolitan Borough Council local authority children’s services',
      'Tameside Metropolitan Borough Council',
    ],
    ['London Borough of Barnet\nInspection of children’s social care services', 'London Borough of Barnet'],
    [
      'Inspection of the Royal Borough of Greenwich\nlocal authority children’s services',
      'the Royal Borough of Greenwich',
    ],
    [
      'Inspection of Kingston upon Hull City\nCouncil local authority children’s\nservices',
      'Kingston upon Hull City Council',
    ],
  ])('reads the authority from the title “%s”', async (title, authority) => {
    const text = (await read('stockton-on-tees_2023-05-09.pdf')).replace(
      /^Inspection of Stockton-on-Tees local\nauthority children’s services/m,
      title,
    );
    expect(parseOfstedReport(text).authority).toBe(authority);
  });

  it('splits a framework reference however it is printed', () => {
    expect(splitFrameworkReference('The workloads of PAs in the Next Steps service. (Enabler two)')).toEqual({
      text: 'The workloads of PAs in the Next Steps service.',
      frameworkReference: 'Enabler two',
    });
    expect(splitFrameworkReference('Timeliness of initial child protection conferences (Outcome 2).')).toEqual({
      text: 'Timeliness of initial child protection conferences.',
      frameworkReference: 'Outcome 2',
    });
    expect(splitFrameworkReference('Help for care leavers. (Outcomes one and four)')).toEqual({
      text: 'Help for care leavers.',
      frameworkReference: 'Outcomes one and four',
    });
    expect(splitFrameworkReference('Sufficiency of homes (including foster homes).')).toEqual({
      text: 'Sufficiency of homes (including foster homes).',
      frameworkReference: null,
    });
  });
});

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
