/** What each published report in test/fixtures/ofsted-reports should read as: data for ofsted-report-parser.test.ts. */

export const RI = 'requires-improvement';

/** Every judgement "requires improvement", as four of the reports grade them: ILACS 2018 makes four judgements, 2023 five. */
const ALL_REQUIRE_IMPROVEMENT = {
  'ilacs-2018': {
    'overall-effectiveness': RI,
    leaders: RI,
    'help-and-protection': RI,
    'children-in-care-and-care-leavers': RI,
  },
  'ilacs-2023': {
    'overall-effectiveness': RI,
    leaders: RI,
    'help-and-protection': RI,
    'children-in-care': RI,
    'care-leavers': RI,
  },
};

/**
 * Read by hand from each published report (pdftotext): the judgement table on page 1 and a few items of
 * "What needs to improve?" (SIF: "What does the Local Authority need to improve?" or "Recommendations").
 */
export const EXPECTED: Record<
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
    judgements: ALL_REQUIRE_IMPROVEMENT['ilacs-2023'],
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
    judgements: ALL_REQUIRE_IMPROVEMENT['ilacs-2018'],
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
    judgements: ALL_REQUIRE_IMPROVEMENT['ilacs-2018'],
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
    judgements: ALL_REQUIRE_IMPROVEMENT['ilacs-2023'],
    count: 4,
    items: [
      'The quality and effectiveness of plans for children and care leavers, including safety plans agreed with parents.',
      'Sufficiency of suitable foster homes for children.',
      'Frontline management oversight across the service, in relation to the quality of assessment and plans and the impact of interventions.',
      'Opportunities for more children and care leavers to have a voice and to influence the development of services.',
    ],
  },
};
