/**
 * The Ofsted ILACS Annex A child-level lists, as data: every list of the published template, every
 * column with its published header and the variants real exports use, its type and code list, the
 * template version that has it, and whether Waymark keeps it.
 *
 * The facts (headers, column order, code lists) are copied from the template as the regional data
 * tools read it: Social Finance's liia-tools Annex A specification (`liiatools/spec/annex_a/`, and
 * its 2020 and current schemas) and data-to-insight's Standard Safeguarding Dataset Annex A extract.
 * Template versions: "2020" is Ofsted's template as updated in September 2020 (what those tools
 * call the 2020 schema); "2024" is the later revision that current tools read, which adds columns
 * to List 9 (care leavers) and codes to some lists.
 *
 * Data minimisation: every column is recognised and checked, but only the columns an indicator, a
 * cross-list check or the drill-down needs are stored (`store`); the rest are counted in the quality
 * report and dropped. Identifiers are stored only as keyed hashes, dates of birth as month and year.
 */
import * as C from './codes.js';
import type { CodeList } from './codes.js';

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

const childId: ColumnSpec = {
  key: 'childId',
  name: 'Child Unique ID',
  aliases: [
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
  type: 'id',
  required: true,
  since: '2020',
  note: 'Stored only as a keyed hash (HMAC-SHA256 with the organisation’s secret), so the same child matches across lists and snapshots',
};
const gender: ColumnSpec = {
  key: 'gender',
  name: 'Gender',
  aliases: ['Sex', 'Gender of Child'],
  type: 'code',
  codes: C.GENDER,
  since: '2020',
};
const ethnicity: ColumnSpec = {
  key: 'ethnicity',
  name: 'Ethnicity',
  aliases: ['Ethnic Origin', 'Ethnic Group', 'Ethnicity Code'],
  type: 'code',
  codes: C.ETHNICITY,
  since: '2020',
};
const dob: ColumnSpec = {
  key: 'birth',
  name: 'Date of Birth',
  aliases: ['DOB', 'Birth Date', 'Date of Birth (DOB)', 'Child DOB'],
  type: 'birth',
  since: '2020',
  store: true,
  note: 'Stored as month and year only; the full date is used while reading to check the age and to work out care leavers’ ages at the reference date',
};
const age: ColumnSpec = {
  key: 'age',
  name: 'Age of Child (Years)',
  aliases: ['Age', 'Age of Child', 'Age (Years)', 'Age in Years', 'Age at Contact', 'Age of Young Person (Years)'],
  type: 'age',
  since: '2020',
  note: 'Exports give decimal years (6.14); checked against the date of birth at the reference date (a difference of more than a year is a warning), not stored',
};
const disability: ColumnSpec = {
  key: 'disability',
  name: 'Does the Child have a Disability',
  aliases: [
    'Disability',
    'Disabled',
    'Has a Disability',
    'Disability Status',
    'Child has a Disability',
    'Does the Child have a Disability?',
  ],
  type: 'yesno',
  unknownAllowed: true,
  since: '2020',
};
const team: ColumnSpec = {
  key: 'team',
  name: 'Allocated Team',
  aliases: ['Team', 'Team Name', 'Allocated Team Name', 'Responsible Team'],
  type: 'team',
  since: '2020',
  store: true,
  note: 'Stored (a staff team, not a person): the breakdowns by team',
};
const worker: ColumnSpec = {
  key: 'worker',
  name: 'Allocated Worker',
  aliases: [
    'Worker',
    'Allocated Social Worker',
    'Social Worker',
    'Allocated Worker ID',
    'Key Worker',
    'Allocated Worker Name',
  ],
  type: 'worker',
  since: '2020',
  store: true,
  note: 'Stored as given (a staff name or code): unallocated cases and caseloads',
};
const common = [childId, gender, ethnicity, dob, age];

const date = (key: string, name: string, aliases: string[] = [], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  name,
  aliases,
  type: 'date',
  since: '2020',
  ...extra,
});
const yesno = (key: string, name: string, aliases: string[] = [], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  name,
  aliases,
  type: 'yesno',
  since: '2020',
  ...extra,
});
const code = (
  key: string,
  name: string,
  codes: CodeList,
  aliases: string[] = [],
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, name, aliases, type: 'code', codes, since: '2020', ...extra });
const count = (key: string, name: string, aliases: string[] = [], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  name,
  aliases,
  type: 'integer',
  since: '2020',
  ...extra,
});
const text = (key: string, name: string, aliases: string[], note: string): ColumnSpec => ({
  key,
  name,
  aliases,
  type: 'text',
  since: '2020',
  note,
});

export const ANNEX_A_LISTS: ListSpec[] = [
  {
    number: 1,
    key: 'contacts',
    title: 'Contacts',
    scope: 'All contacts received in the six months before the date of inspection, one row per child in the contact',
    sheetNames: ['contacts', 'contact'],
    expected: true,
    keyDate: 'contactDate',
    duplicateKey: ['contactDate', 'contactSource'],
    columns: [
      ...common,
      date('contactDate', 'Date of Contact', ['Contact Date'], { required: true, store: true }),
      code('contactSource', 'Contact Source', C.SOURCE, ['Source of Contact']),
    ],
  },
  {
    number: 2,
    key: 'early-help',
    title: 'Early help',
    scope:
      'All early help assessments in the six months before the inspection, and current early help coordinated by the local authority',
    sheetNames: ['early help', 'early help assessments', 'eh', 'eha'],
    expected: true,
    keyDate: 'ehStartDate',
    duplicateKey: ['ehStartDate'],
    columns: [
      ...common,
      date(
        'ehStartDate',
        'Assessment start date',
        ['Early Help Assessment Start Date', 'EH Assessment Start Date', 'EHA Start Date'],
        { required: true },
      ),
      date('ehCompletionDate', 'Assessment completion date', [
        'Early Help Assessment Completion Date',
        'EH Assessment Completion Date',
        'EHA Completion Date',
      ]),
      text(
        'ehOrganisation',
        'Organisation completing assessment',
        ['Lead Organisation', 'Organisation Completing the Assessment'],
        'Counted, not stored',
      ),
    ],
  },
  {
    number: 3,
    key: 'referrals',
    title: 'Referrals',
    scope: 'All referrals received in the six months before the inspection; a child appears once per referral',
    sheetNames: ['referrals', 'referral'],
    expected: true,
    keyDate: 'referralDate',
    duplicateKey: ['referralDate', 'referralSource'],
    columns: [
      ...common,
      date('referralDate', 'Date of referral', ['Referral Date'], { required: true, store: true }),
      code('referralSource', 'Referral Source', C.SOURCE, ['Source of Referral']),
      yesno('referralNfa', 'Referral NFA?', ['Referral NFA', 'NFA', 'Referral No Further Action'], {
        unknownAllowed: true,
      }),
      count(
        'referrals12m',
        'Number of Referrals in Last 12 Months',
        [
          'Referrals in Last 12 Months',
          'Number of Previous Referrals in Last 12 Months',
          'Number of Referrals in the Last 12 Months',
        ],
        {
          store: true,
          note: 'The referrals the child had in the 12 months before this one (0 for a first referral): re-referrals',
        },
      ),
      team,
      worker,
    ],
  },
  {
    number: 4,
    key: 'assessments',
    title: 'Assessments',
    scope: 'Children and young people with assessments in the six months before the inspection',
    sheetNames: [
      'assessments',
      'assessment',
      'social care assessments',
      'continuous assessments',
      'single assessments',
    ],
    expected: true,
    keyDate: 'assessmentStartDate',
    duplicateKey: ['assessmentStartDate'],
    columns: [
      ...common,
      disability,
      date(
        'assessmentStartDate',
        'Continuous Assessment Start Date',
        ['Start Date of Continuous Assessment', 'Single Assessment Start Date'],
        { required: true, store: true },
      ),
      yesno(
        'childSeen',
        'Child Seen During Continuous Assessment',
        ['Child Seen During Assessment', 'Was the Child Seen During the Assessment'],
        { unknownAllowed: true },
      ),
      date(
        'assessmentAuthorisedDate',
        'Continuous Assessment Date of Authorisation',
        [
          'Date of Authorisation',
          'Assessment Authorisation Date',
          'Assessment Completion Date',
          'Date Assessment Authorised',
        ],
        { store: true },
      ),
      yesno(
        'assessmentNeedsSupport',
        "Was the child assessed as requiring LA children's social care support?",
        ['Assessed as Requiring Support', 'Requires Social Care Support'],
        { unknownAllowed: true },
      ),
      team,
      worker,
    ],
  },
  {
    number: 5,
    key: 'section-47',
    title: 'Section 47 enquiries and initial child protection conferences',
    scope:
      'All section 47 enquiries in the six months before the inspection, including open enquiries; one row per enquiry',
    sheetNames: [
      'section 47s',
      'section 47',
      'section 47 enquiries',
      's47',
      's47s',
      'sec47 and icpc',
      'section 47 and icpc',
      's47 and icpc',
      'section 47 enquiries and icpcs',
      'icpc',
    ],
    expected: true,
    keyDate: 'strategyDate',
    duplicateKey: ['strategyDate'],
    columns: [
      ...common,
      disability,
      date(
        'strategyDate',
        'Strategy discussion initiating Section 47 Enquiry Start Date',
        ['Section 47 Enquiry Start Date', 'S47 Start Date', 'Strategy Discussion Date', 'Date of Strategy Discussion'],
        { required: true, store: true },
      ),
      yesno(
        'icpcUnnecessary',
        'Was an Initial Child Protection Conference deemed unnecessary?',
        ['ICPC Deemed Unnecessary', 'ICPC Not Required'],
        { unknownAllowed: true },
      ),
      date(
        'icpcDate',
        'Date of Initial Child Protection Conference',
        ['ICPC Date', 'Initial Child Protection Conference Date', 'Date of ICPC'],
        { store: true },
      ),
      yesno(
        'icpcLedToPlan',
        'Did the Initial Child Protection Conference Result in a Child Protection Plan',
        ['ICPC Resulted in CP Plan', 'Did the ICPC Result in a Child Protection Plan'],
        {
          unknownAllowed: true,
          note: 'Checked against List 7 (a plan should follow), not stored',
        },
      ),
      count('s47Count12m', 'Number of Section 47 Enquiries in the last 12 months', [
        'Number of S47 Enquiries in the Last 12 Months',
      ]),
      count('icpcCount12m', 'Number of ICPCs in the last 12 months', [
        'Number of Initial Child Protection Conferences in the Last 12 Months',
      ]),
      team,
      worker,
    ],
  },
  {
    number: 6,
    key: 'children-in-need',
    title: 'Children in need',
    scope:
      'All those in receipt of services as a child in need at the inspection or in the six months before it (including children on a plan and in care); not care leavers',
    sheetNames: ['children in need', 'cin', 'child in need'],
    expected: true,
    keyDate: 'cinStartDate',
    duplicateKey: ['cinStartDate'],
    columns: [
      ...common,
      disability,
      date('cinStartDate', 'CIN Start Date', ['Child in Need Start Date', 'Start Date of CIN Episode'], {
        required: true,
        store: true,
      }),
      code('primaryNeed', 'Primary Need Code', C.PRIMARY_NEED, ['Primary Need', 'Category of Need']),
      date('lastSeenDate', 'Date Child Was Last Seen', ['Date Last Seen', 'Last Seen Date']),
      date('cinClosureDate', 'CIN Closure Date', ['Child in Need Closure Date', 'Date of Closure'], { store: true }),
      code('closureReason', 'Reason for Closure', C.CIN_CLOSURE_REASON, ['Closure Reason']),
      code('caseStatus', 'Case Status', C.CASE_STATUS),
      team,
      worker,
    ],
  },
  {
    number: 7,
    key: 'child-protection',
    title: 'Child protection',
    scope:
      'All children subject to a child protection plan at the inspection, and those whose plan ended in the six months before it',
    sheetNames: ['child protection', 'cp', 'child protection plans', 'cp plans', 'cpp'],
    expected: true,
    keyDate: 'cppStartDate',
    duplicateKey: ['cppStartDate'],
    columns: [
      ...common,
      disability,
      date(
        'cppStartDate',
        'Child Protection Plan Start Date',
        ['CP Plan Start Date', 'CPP Start Date', 'Plan Start Date'],
        { required: true, store: true },
      ),
      code('initialCategory', 'Initial Category of Abuse', C.ABUSE_CATEGORY, ['Initial Category']),
      code('latestCategory', 'Latest Category of Abuse', C.ABUSE_CATEGORY, ['Latest Category']),
      date(
        'lastVisitDate',
        'Date of the Last Statutory Visit',
        ['Date of Last Statutory Visit', 'Last Statutory Visit Date'],
        { store: true },
      ),
      yesno('seenAlone', 'Was the Child Seen Alone?', ['Child Seen Alone', 'Seen Alone'], {
        unknownAllowed: true,
        store: true,
      }),
      date('reviewDate', 'Date of latest review conference', [
        'Latest Review Conference Date',
        'Date of Last Review Conference',
      ]),
      date('cppEndDate', 'Child Protection Plan End Date', ['CP Plan End Date', 'CPP End Date', 'Plan End Date'], {
        store: true,
      }),
      yesno(
        'epoLast6m',
        'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
        ['Subject to EPO or Police Protection in Last Six Months'],
      ),
      count(
        'previousPlans',
        'Number of Previous Child Protection Plans',
        ['Previous CP Plans', 'Number of Previous CP Plans', 'Previous Child Protection Plans'],
        { store: true },
      ),
      team,
      worker,
    ],
  },
  {
    number: 8,
    key: 'children-in-care',
    title: 'Children in care',
    scope:
      'All children in care at the inspection, and those who ceased to be looked after in the six months before it',
    sheetNames: ['children in care', 'looked after children', 'cla', 'lac', 'children looked after', 'cic'],
    expected: true,
    keyDate: 'claStartDate',
    duplicateKey: ['claStartDate', 'legalStatus', 'placementType', 'placementProvider'],
    columns: [
      ...common,
      yesno('uasc', 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)', [
        'UASC',
        'Unaccompanied Asylum Seeking Child',
      ]),
      disability,
      date(
        'claStartDate',
        'Date Started to be Looked After',
        ['Date Became Looked After', 'Date Started Looked After', 'Looked After Start Date', 'CLA Start Date'],
        { required: true, store: true },
      ),
      code('categoryOfNeed', "Child's Category of Need", C.PRIMARY_NEED, ['Category of Need', 'CLA Category of Need']),
      yesno(
        'secondPeriod12m',
        'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)',
        ['Second or Subsequent Period of Care in Last 12 Months'],
      ),
      date('legalStatusStartDate', 'Start date of current legal status', ['Legal Status Start Date']),
      code('legalStatus', "Child's Legal Status", C.LEGAL_STATUS, ['Legal Status']),
      date('reviewDate', 'Date of Latest Statutory Review', ['Latest Statutory Review Date', 'Date of Last Review']),
      date(
        'lastVisitDate',
        'Date of Last Social Work Visit',
        ['Last Social Work Visit Date', 'Date of Last Statutory Visit'],
        { store: true },
      ),
      code('permanencePlan', 'What is the permanence plan for this child?', C.PERMANENCE_PLAN, ['Permanence Plan']),
      date('iroContactDate', 'Date of Last IRO Visit / Contact to the Child', [
        'Date of Last IRO Visit',
        'Date of Last IRO Contact',
      ]),
      date('healthAssessmentDate', 'Date of Last Health Assessment', ['Last Health Assessment Date']),
      date('dentalCheckDate', 'Date of Last Dental Check', ['Last Dental Check Date']),
      count(
        'placements12m',
        'Number of Placements in the Last 12 months',
        ['Placements in Last 12 Months', 'Number of Placements'],
        { store: true },
      ),
      date('claEndDate', 'Date Ceased to be Looked After', ['CLA End Date', 'Date Ceased Looked After'], {
        store: true,
      }),
      code('reasonCeased', 'Reason Ceased to be Looked After', C.REASON_CEASED, [
        'Reason Ceased Looked After',
        'Reason Episode Ceased',
      ]),
      date('placementStartDate', 'Start Date of Most Recent Placement', [
        'Placement Start Date',
        'Date of Current Placement',
      ]),
      code('placementType', 'Placement Type', C.PLACEMENT_TYPE, ['Type of Placement'], {
        note: 'Checked (a child in care with no placement is reported), not stored',
      }),
      code('placementProvider', 'Placement Provider', C.PLACEMENT_PROVIDER, ['Provider Type']),
      text(
        'placementPostcode',
        'Placement postcode',
        ['Postcode of Placement'],
        'Where a child lives: counted, never read into storage or repeated in the report',
      ),
      text('placementUrn', 'URN of Placement', ['Placement URN', 'Ofsted URN of Placement'], 'Counted, not stored'),
      code(
        'placementLocation',
        'Placement Location',
        C.PLACEMENT_LOCATION,
        ['Placement Inside or Outside LA', 'Placed Inside or Outside the LA'],
        { store: true },
      ),
      code('placementLa', 'LA of Placement', C.LA_OF_PLACEMENT, ['Local Authority of Placement', 'Placement LA'], {
        store: true,
      }),
      count(
        'missingEpisodes',
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
        [
          'Number of Missing Episodes in the Last 12 Months',
          'Missing Episodes in Last 12 Months',
          'Number of Missing Episodes',
        ],
        { store: true },
      ),
      count(
        'absentEpisodes',
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        ['Number of Absent Episodes in the Last 12 Months', 'Number of Absences'],
      ),
      yesno(
        'rhiOffered',
        'Was the child offered a Return Interview after their last missing episode (Y/N)?',
        [
          'Was the child offered a return home interview after the last missing episode?',
          'Return Home Interview Offered',
          'RHI Offered',
          'Return Interview Offered',
        ],
        {
          unknownAllowed: true,
          store: true,
        },
      ),
      yesno(
        'rhiAccepted',
        'Did the child accept a Return Interview after their last missing episode (Y/N)?',
        ['Return Home Interview Accepted', 'RHI Accepted', 'Return Interview Accepted'],
        { unknownAllowed: true, store: true },
      ),
      team,
      worker,
    ],
  },
  {
    number: 9,
    key: 'care-leavers',
    title: 'Care leavers',
    scope:
      'All young people entitled to leaving care services at the inspection: relevant, former relevant and qualifying care leavers, and eligible children',
    sheetNames: ['care leavers', 'care leaver', 'leaving care', 'leaving care services'],
    expected: true,
    keyDate: 'birth',
    duplicateKey: [],
    columns: [
      ...common,
      {
        ...yesno('uascFormer', 'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)', [
          'UASC or formerly UASC',
        ]),
        since: '2024',
      },
      disability,
      team,
      worker,
      {
        key: 'personalAdviser',
        name: 'Allocated Personal Advisor',
        aliases: ['Allocated Personal Adviser', 'Personal Adviser', 'Personal Advisor'],
        type: 'adviser',
        since: '2024',
        note: 'Used as the allocated worker when no worker is named',
      },
      code('eligibility', 'Eligibility Category', C.ELIGIBILITY, ['Care Leaver Eligibility', 'Eligibility']),
      {
        ...date('pathwayPlanDate', 'Latest Pathway Plan Review Date', [
          'Date of Latest Pathway Plan',
          'Pathway Plan Date',
        ]),
        since: '2024',
      },
      code('inTouch', 'LA in Touch', C.IN_TOUCH, ['In Touch', 'Is the Local Authority in Touch', 'In Touch with LA'], {
        store: true,
      }),
      { ...date('latestContactDate', 'Latest Date of Contact', ['Date of Latest Contact']), since: '2024' },
      code('accommodation', 'Type of Accommodation', C.ACCOMMODATION, ['Accommodation Type', 'Accommodation']),
      code(
        'accommodationSuitable',
        'Suitability of Accommodation',
        C.SUITABILITY,
        ['Accommodation Suitable', 'Is Accommodation Suitable', 'Suitable Accommodation'],
        { store: true },
      ),
      code('activity', 'Activity Status', C.ACTIVITY, ['Main Activity', 'Activity', 'EET Status'], { store: true }),
    ],
  },
  {
    number: 10,
    key: 'adoption',
    title: 'Adoption',
    scope:
      'All children who in the 12 months before the inspection were adopted, had a decision that they should be placed for adoption, or had that decision reversed',
    sheetNames: ['adoption', 'adoptions', 'children adopted', 'adoption children'],
    expected: true,
    keyDate: 'adoptionDecisionDate',
    duplicateKey: ['adoptionDecisionDate'],
    columns: [
      childId,
      text(
        'familyId',
        'Family identifier',
        ['Family ID', 'Adoptive Family Identifier'],
        'An identifier of the adoptive family: counted, never stored',
      ),
      gender,
      ethnicity,
      dob,
      age,
      disability,
      date('enteredCareDate', 'Date the Child Entered Care', ['Date Entered Care']),
      date(
        'adoptionDecisionDate',
        'Date of Decision that Child Should be Placed for Adoption',
        ['ADM Decision Date', 'Date of ADM Decision', 'Should be Placed for Adoption Decision Date'],
        { required: true },
      ),
      date('placementOrderDate', 'Date of Placement Order', ['Placement Order Date']),
      date('matchingDate', 'Date of Matching Child and Prospective Adopters', ['Matching Date', 'Date Matched']),
      date('placedForAdoptionDate', 'Date Placed for Adoption', ['Placed for Adoption Date']),
      date('adoptionOrderDate', 'Date of Adoption Order', ['Adoption Order Date']),
      date('noLongerAdoptionDate', 'Date of Decision that Child Should No Longer be Placed for Adoption', [
        'Date Adoption Plan Changed',
      ]),
      code('noLongerAdoptionReason', 'Reason Why Child No Longer Placed for Adoption', C.NO_LONGER_ADOPTION_REASON, [
        'Reason No Longer Placed for Adoption',
      ]),
      date('ffaPlacementDate', 'Date the child was placed for fostering in FFA or concurrent planning placement', [
        'Date Placed in FFA or Concurrent Planning Placement',
      ]),
    ],
  },
  {
    number: 11,
    key: 'adopters',
    title: 'Adopters',
    scope:
      'Prospective adopters who enquired or were in the approval process in the 12 months before the inspection (adoption agencies only)',
    sheetNames: ['adopters', 'adopter', 'prospective adopters'],
    expected: false,
    keyDate: 'enquiryDate',
    duplicateKey: ['enquiryDate'],
    columns: [
      {
        key: 'adopterId',
        name: 'Individual adopter identifier',
        aliases: ['Adopter ID', 'Adopter Identifier', 'Adopter Unique ID'],
        type: 'id',
        required: true,
        since: '2020',
        note: 'Stored only as a keyed hash',
      },
      text('familyId', 'Family identifier', ['Family ID'], 'Counted, never stored'),
      { ...gender, aliases: ['Adopter Gender', 'Sex'] },
      { ...ethnicity, aliases: ['Adopter Ethnicity'] },
      yesno('adopterDisability', 'Disability', ['Adopter Disability']),
      yesno('fosteringForAdoption', 'Is the (prospective) adopter fostering for adoption?', [
        'Fostering for Adoption',
        'FFA',
      ]),
      date('enquiryDate', 'Date enquiry received', ['Enquiry Date'], { required: true }),
      date('stage1StartDate', 'Date Stage 1 started'),
      date('stage1EndDate', 'Date Stage 1 ended'),
      date('stage2StartDate', 'Date Stage 2 started'),
      date('stage2EndDate', 'Date Stage 2 ended'),
      date('applicationSubmittedDate', 'Date application submitted'),
      date('approvedDate', 'Date application approved', ['Approval Date']),
      date('matchedDate', 'Date adopter matched with child(ren)', ['Date Matched with Child']),
      date('placedDate', 'Date child/children placed with adopter(s)', ['Date Child Placed']),
      count('childrenPlaced', 'No. of children placed', ['Number of Children Placed']),
      date('adopterOrderDate', 'Date of Adoption Order', ['Adoption Order Date']),
      date('leftProcessDate', 'Date of leaving adoption process', ['Date Left Process']),
      code('leftProcessReason', 'Reason for leaving adoption process', C.LEFT_ADOPTION_PROCESS_REASON),
    ],
  },
];

export const LIST_BY_NUMBER = new Map(ANNEX_A_LISTS.map((l) => [l.number, l]));

export function listLabel(number: number): string {
  const spec = LIST_BY_NUMBER.get(number);
  return spec ? `List ${number} (${spec.title.toLowerCase()})` : `List ${number}`;
}

export function columnSpec(list: number, key: string): ColumnSpec | undefined {
  return LIST_BY_NUMBER.get(list)?.columns.find((c) => c.key === key);
}

/** The columns only the later revision of the template has, which tell the two versions apart. */
export const LATER_COLUMNS = ANNEX_A_LISTS.flatMap((l) =>
  l.columns.filter((c) => c.since === '2024').map((c) => ({ list: l.number, column: c })),
);
