/**
 * The Ofsted ILACS Annex A child-level lists, as data: which sheet holds each list, the published
 * column names, the variations real exports use, each column's type and whether it is required.
 *
 * Column names follow the Annex A guidance (lists 1–11). Aliases cover the spellings seen in real
 * exports (case and spacing are ignored anyway: see `normaliseHeader`). Columns not listed here are
 * ignored and never stored, so no free text reaches the database.
 */

/** id: a child (or adopter) identifier, stored only as an HMAC. birth: date of birth, stored as month and year. */
export type ColumnType = 'id' | 'date' | 'birth' | 'integer' | 'code' | 'yesno' | 'team' | 'worker';

export interface ColumnSpec {
  /** camelCase key used in storage and computations. */
  key: string;
  /** The published Annex A column name. */
  name: string;
  aliases?: string[];
  type: ColumnType;
  required?: boolean;
}

export interface ListSpec {
  number: number;
  /** Short key, e.g. `contacts`. */
  key: string;
  title: string;
  /** Sheet or file names that identify this list (beyond "List N"). */
  sheetNames: string[];
  /** A workbook without this list is rejected. */
  required: boolean;
  /** The column whose date places a row in time (used for "after the reference date" and duplicates). */
  keyDate?: string;
  columns: ColumnSpec[];
}

const child: ColumnSpec = { key: 'childId', name: 'Child Unique ID', aliases: ['Child ID', 'Unique Child ID', 'Child Unique Identifier', 'ChildID', 'Child Identifier', 'ID', 'Person ID', 'Client ID', 'CHILD'], type: 'id', required: true };
const gender: ColumnSpec = { key: 'gender', name: 'Gender', aliases: ['Sex', 'Gender of Child'], type: 'code' };
const ethnicity: ColumnSpec = { key: 'ethnicity', name: 'Ethnicity', aliases: ['Ethnic Origin', 'Ethnic Group', 'Ethnicity Code'], type: 'code' };
const dob: ColumnSpec = { key: 'birth', name: 'Date of Birth', aliases: ['DOB', 'Birth Date', 'Date of Birth (DOB)'], type: 'birth' };
const age: ColumnSpec = { key: 'age', name: 'Age of Child (Years)', aliases: ['Age', 'Age of Child', 'Age (Years)', 'Age in Years', 'Age at Contact'], type: 'integer' };
const disability: ColumnSpec = { key: 'disability', name: 'Disability', aliases: ['Disabled', 'Has a Disability', 'Disability Status'], type: 'code' };
const team: ColumnSpec = { key: 'team', name: 'Allocated Team', aliases: ['Team', 'Team Name', 'Allocated Team Name', 'Responsible Team'], type: 'team' };
const worker: ColumnSpec = { key: 'worker', name: 'Allocated Worker', aliases: ['Worker', 'Allocated Social Worker', 'Social Worker', 'Allocated Worker ID', 'Key Worker', 'Allocated Personal Adviser', 'Personal Adviser'], type: 'worker' };
const common = [child, gender, ethnicity, dob, age, disability];

export const ANNEX_A_LISTS: ListSpec[] = [
  {
    number: 1,
    key: 'contacts',
    title: 'Contacts',
    sheetNames: ['contacts', 'contact'],
    required: true,
    keyDate: 'contactDate',
    columns: [
      ...common,
      { key: 'contactDate', name: 'Date of Contact', aliases: ['Contact Date'], type: 'date', required: true },
      { key: 'contactSource', name: 'Contact Source', aliases: ['Source of Contact'], type: 'code' },
    ],
  },
  {
    number: 2,
    key: 'early-help',
    title: 'Early help',
    sheetNames: ['early help', 'early help assessments', 'eh'],
    required: true,
    keyDate: 'ehStartDate',
    columns: [
      ...common,
      { key: 'ehStartDate', name: 'Assessment Start Date', aliases: ['Early Help Assessment Start Date', 'EH Assessment Start Date'], type: 'date', required: true },
      { key: 'ehCompletionDate', name: 'Assessment Completion Date', aliases: ['Early Help Assessment Completion Date', 'EH Assessment Completion Date'], type: 'date' },
      { key: 'ehOrganisation', name: 'Organisation Completing Assessment', aliases: ['Lead Organisation'], type: 'code' },
      team,
      worker,
    ],
  },
  {
    number: 3,
    key: 'referrals',
    title: 'Referrals',
    sheetNames: ['referrals', 'referral'],
    required: true,
    keyDate: 'referralDate',
    columns: [
      ...common,
      { key: 'referralDate', name: 'Date of Referral', aliases: ['Referral Date'], type: 'date', required: true },
      { key: 'referralSource', name: 'Referral Source', aliases: ['Source of Referral'], type: 'code' },
      { key: 'referralNfa', name: 'Referral NFA?', aliases: ['Referral NFA', 'NFA', 'Referral No Further Action'], type: 'yesno' },
      { key: 'referrals12m', name: 'Number of Referrals in Last 12 Months', aliases: ['Referrals in Last 12 Months', 'Number of Previous Referrals in Last 12 Months'], type: 'integer' },
      team,
      worker,
    ],
  },
  {
    number: 4,
    key: 'assessments',
    title: 'Assessments',
    sheetNames: ['assessments', 'assessment', 'social care assessments'],
    required: true,
    keyDate: 'assessmentStartDate',
    columns: [
      ...common,
      { key: 'assessmentStartDate', name: 'Continuous Assessment Start Date', aliases: ['Assessment Start Date', 'Start Date of Continuous Assessment'], type: 'date', required: true },
      { key: 'assessmentAuthorisedDate', name: 'Continuous Assessment Date of Authorisation', aliases: ['Date of Authorisation', 'Assessment Authorisation Date', 'Assessment Completion Date', 'Date Assessment Authorised'], type: 'date' },
      { key: 'assessmentNeedsSupport', name: "Was the Child Assessed as Requiring LA Children's Social Care Support?", aliases: ['Assessed as Requiring Support', 'Requires Social Care Support'], type: 'yesno' },
      team,
      worker,
    ],
  },
  {
    number: 5,
    key: 'section-47',
    title: 'Section 47 enquiries and initial child protection conferences',
    sheetNames: ['section 47s', 'section 47', 'section 47 enquiries', 's47', 's47s', 'sec47 and icpc', 'section 47 and icpc', 's47 and icpc', 'section 47 enquiries and icpcs'],
    required: true,
    keyDate: 'strategyDate',
    columns: [
      ...common,
      { key: 'strategyDate', name: 'Strategy Discussion Initiating Section 47 Enquiry Start Date', aliases: ['Section 47 Enquiry Start Date', 'S47 Start Date', 'Strategy Discussion Date', 'Date of Strategy Discussion'], type: 'date', required: true },
      { key: 'icpcUnnecessary', name: 'Was an Initial Child Protection Conference Deemed Unnecessary?', aliases: ['ICPC Deemed Unnecessary', 'ICPC Not Required'], type: 'yesno' },
      { key: 'icpcDate', name: 'Date of Initial Child Protection Conference', aliases: ['ICPC Date', 'Initial Child Protection Conference Date', 'Date of ICPC'], type: 'date' },
      { key: 'icpcLedToPlan', name: 'Did the Initial Child Protection Conference Result in a Child Protection Plan?', aliases: ['ICPC Resulted in CP Plan', 'Did the ICPC Result in a Child Protection Plan'], type: 'yesno' },
      team,
      worker,
    ],
  },
  {
    number: 6,
    key: 'children-in-need',
    title: 'Children in need',
    sheetNames: ['children in need', 'cin', 'child in need'],
    required: true,
    keyDate: 'cinStartDate',
    columns: [
      ...common,
      { key: 'caseStatus', name: 'Case Status', type: 'code' },
      { key: 'cinStartDate', name: 'CIN Start Date', aliases: ['Child in Need Start Date', 'Start Date of CIN Episode'], type: 'date', required: true },
      { key: 'primaryNeed', name: 'Primary Need Code', aliases: ['Primary Need', 'Category of Need'], type: 'code' },
      { key: 'lastSeenDate', name: 'Date Child Was Last Seen', aliases: ['Date Last Seen', 'Date of Last Visit', 'Last Seen Date'], type: 'date' },
      { key: 'cinClosureDate', name: 'CIN Closure Date', aliases: ['Child in Need Closure Date', 'Date of Closure'], type: 'date' },
      { key: 'closureReason', name: 'Reason for Closure', aliases: ['Closure Reason'], type: 'code' },
      team,
      worker,
    ],
  },
  {
    number: 7,
    key: 'child-protection',
    title: 'Child protection',
    sheetNames: ['child protection', 'cp', 'child protection plans', 'cp plans'],
    required: true,
    keyDate: 'cppStartDate',
    columns: [
      ...common,
      { key: 'cppStartDate', name: 'Child Protection Plan Start Date', aliases: ['CP Plan Start Date', 'CPP Start Date', 'Plan Start Date'], type: 'date', required: true },
      { key: 'initialCategory', name: 'Initial Category of Abuse', aliases: ['Initial Category'], type: 'code' },
      { key: 'latestCategory', name: 'Latest Category of Abuse', aliases: ['Latest Category'], type: 'code' },
      { key: 'lastVisitDate', name: 'Date of the Last Statutory Visit', aliases: ['Date of Last Statutory Visit', 'Last Statutory Visit Date', 'Date of Last Visit'], type: 'date' },
      { key: 'seenAlone', name: 'Was the Child Seen Alone?', aliases: ['Child Seen Alone', 'Seen Alone'], type: 'yesno' },
      { key: 'reviewDate', name: 'Date of Latest Review Conference', aliases: ['Latest Review Conference Date', 'Date of Last Review Conference'], type: 'date' },
      { key: 'cppEndDate', name: 'Child Protection Plan End Date', aliases: ['CP Plan End Date', 'CPP End Date', 'Plan End Date'], type: 'date' },
      { key: 'previousPlans', name: 'Number of Previous Child Protection Plans', aliases: ['Previous CP Plans', 'Number of Previous CP Plans', 'Previous Child Protection Plans'], type: 'integer' },
      team,
      worker,
    ],
  },
  {
    number: 8,
    key: 'children-in-care',
    title: 'Children in care',
    sheetNames: ['children in care', 'looked after children', 'cla', 'lac', 'children looked after', 'cic'],
    required: true,
    keyDate: 'claStartDate',
    columns: [
      ...common,
      { key: 'claStartDate', name: 'Date Started to be Looked After', aliases: ['Date Started to Be Looked After', 'Date Became Looked After', 'Date Started Looked After', 'Looked After Start Date', 'CLA Start Date'], type: 'date', required: true },
      { key: 'legalStatus', name: "Child's Legal Status", aliases: ['Legal Status', 'Childs Legal Status'], type: 'code' },
      { key: 'legalStatusStartDate', name: 'Start Date of Current Legal Status', aliases: ['Legal Status Start Date'], type: 'date' },
      { key: 'categoryOfNeed', name: 'Category of Need', aliases: ['CIN Category of Need'], type: 'code' },
      { key: 'placements12m', name: 'Number of Placements in the Last 12 Months', aliases: ['Number of Placements in Last 12 Months', 'Placements in Last 12 Months', 'Number of Placements'], type: 'integer' },
      { key: 'placementStartDate', name: 'Start Date of Most Recent Placement', aliases: ['Placement Start Date', 'Date of Current Placement'], type: 'date' },
      { key: 'placementType', name: 'Placement Type', aliases: ['Type of Placement', 'Placement'], type: 'code' },
      { key: 'placementProvider', name: 'Placement Provider', aliases: ['Provider Type'], type: 'code' },
      { key: 'placementDistance', name: 'Placement Distance from Home (Miles)', aliases: ['Distance from Home (Miles)', 'Placement Distance', 'Distance of Placement from Home', 'Placement Distance (Miles)'], type: 'integer' },
      { key: 'reviewDate', name: 'Date of Latest Statutory Review', aliases: ['Latest Statutory Review Date', 'Date of Last Review'], type: 'date' },
      { key: 'lastVisitDate', name: 'Date of Last Social Work Visit', aliases: ['Last Social Work Visit Date', 'Date of Last Statutory Visit'], type: 'date' },
      { key: 'seenAlone', name: 'Was the Child Seen Alone?', aliases: ['Child Seen Alone', 'Seen Alone'], type: 'yesno' },
      { key: 'healthAssessmentDate', name: 'Date of Last Health Assessment', aliases: ['Last Health Assessment Date'], type: 'date' },
      { key: 'dentalCheckDate', name: 'Date of Last Dental Check', aliases: ['Last Dental Check Date'], type: 'date' },
      { key: 'missingEpisodes', name: 'Number of Missing Episodes in the Last 12 Months', aliases: ['Missing Episodes in Last 12 Months', 'Number of Missing Episodes', 'Missing Episodes'], type: 'integer' },
      { key: 'rhiOffered', name: 'Was the Child Offered a Return Home Interview After the Last Missing Episode?', aliases: ['Return Home Interview Offered', 'RHI Offered', 'Offered Return Home Interview'], type: 'yesno' },
      { key: 'claEndDate', name: 'Date Ceased to be Looked After', aliases: ['Date Ceased to Be Looked After', 'CLA End Date', 'Date Ceased Looked After'], type: 'date' },
      team,
      worker,
    ],
  },
  {
    number: 9,
    key: 'care-leavers',
    title: 'Care leavers',
    sheetNames: ['care leavers', 'care leaver', 'leaving care'],
    required: true,
    columns: [
      ...common,
      { key: 'inTouch', name: 'In Touch', aliases: ['Is the Local Authority in Touch', 'In Touch with LA', 'LA in Touch'], type: 'yesno' },
      { key: 'activity', name: 'Main Activity', aliases: ['Activity', 'Education Employment or Training', 'EET Status'], type: 'code' },
      { key: 'accommodation', name: 'Accommodation Type', aliases: ['Type of Accommodation', 'Accommodation'], type: 'code' },
      { key: 'accommodationSuitable', name: 'Suitability of Accommodation', aliases: ['Accommodation Suitable', 'Is Accommodation Suitable', 'Suitable Accommodation'], type: 'yesno' },
      { key: 'pathwayPlanDate', name: 'Date of Latest Pathway Plan', aliases: ['Pathway Plan Date', 'Latest Pathway Plan Review Date'], type: 'date' },
      team,
      worker,
    ],
  },
  {
    number: 10,
    key: 'adoption',
    title: 'Adoption',
    sheetNames: ['adoption', 'adoptions', 'children adopted'],
    required: true,
    keyDate: 'adoptionDecisionDate',
    columns: [
      ...common,
      { key: 'enteredCareDate', name: 'Date the Child Entered Care', aliases: ['Date Entered Care'], type: 'date' },
      { key: 'adoptionDecisionDate', name: 'Date of Decision that Child Should be Placed for Adoption', aliases: ['ADM Decision Date', 'Date of ADM Decision', 'Should be Placed for Adoption Decision Date'], type: 'date', required: true },
      { key: 'placementOrderDate', name: 'Date of Placement Order', aliases: ['Placement Order Date'], type: 'date' },
      { key: 'matchingDate', name: 'Date of Matching Child and Prospective Adopters', aliases: ['Matching Date', 'Date Matched'], type: 'date' },
      { key: 'placedForAdoptionDate', name: 'Date Placed for Adoption', aliases: ['Placed for Adoption Date'], type: 'date' },
      { key: 'adoptionOrderDate', name: 'Date of Adoption Order', aliases: ['Adoption Order Date'], type: 'date' },
      { key: 'noLongerAdoptionDate', name: 'Date of Decision that Child Should No Longer be Placed for Adoption', aliases: ['Date Adoption Plan Changed'], type: 'date' },
      team,
      worker,
    ],
  },
  {
    number: 11,
    key: 'adopters',
    title: 'Adopters',
    sheetNames: ['adopters', 'adopter', 'prospective adopters'],
    required: false,
    keyDate: 'enquiryDate',
    columns: [
      { key: 'childId', name: 'Individual Adopter Identifier', aliases: ['Adopter ID', 'Adopter Identifier', 'Adopter Unique ID'], type: 'id', required: true },
      { key: 'adopterGender', name: 'Adopter Gender', aliases: ['Gender'], type: 'code' },
      { key: 'adopterEthnicity', name: 'Adopter Ethnicity', aliases: ['Ethnicity'], type: 'code' },
      { key: 'enquiryDate', name: 'Date Enquiry Received', aliases: ['Enquiry Date'], type: 'date', required: true },
      { key: 'stage1StartDate', name: 'Date Stage 1 Started', type: 'date' },
      { key: 'stage1EndDate', name: 'Date Stage 1 Ended', type: 'date' },
      { key: 'stage2StartDate', name: 'Date Stage 2 Started', type: 'date' },
      { key: 'stage2EndDate', name: 'Date Stage 2 Ended', type: 'date' },
      { key: 'approvedDate', name: 'Date Application Approved', aliases: ['Approval Date'], type: 'date' },
      { key: 'matchedDate', name: 'Date Adopter Matched with Child(ren)', aliases: ['Date Matched with Child'], type: 'date' },
      { key: 'placedDate', name: 'Date Child/Children Placed with Adopter(s)', aliases: ['Date Child Placed'], type: 'date' },
      { key: 'leftProcessDate', name: 'Date of Leaving Adoption Process', aliases: ['Date Left Process'], type: 'date' },
    ],
  },
];

export const LIST_BY_NUMBER = new Map(ANNEX_A_LISTS.map((l) => [l.number, l]));

export function listLabel(number: number): string {
  const spec = LIST_BY_NUMBER.get(number);
  return spec ? `List ${number} (${spec.title.toLowerCase()})` : `List ${number}`;
}
