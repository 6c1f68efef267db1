/** Annex A Lists 1 to 5: contacts, early help, referrals, assessments and section 47 enquiries. */
import * as C from '../codes.js';
import { common, disability, team, worker, date, yesno, count, code, text, type ListSpec } from './columns.js';

export const LISTS_1_TO_5: ListSpec[] = [
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
];
