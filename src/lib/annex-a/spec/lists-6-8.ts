/** Annex A Lists 6 to 8: children in need, child protection and children in care. */
import * as C from '../codes.js';
import { common, disability, team, worker, date, yesno, count, code, text, type ListSpec } from './columns.js';

export const LISTS_6_TO_8: ListSpec[] = [
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
];
