import type { Frequency, Polarity, Unit } from './tables.js';

export interface LibraryIndicator {
  key: string;
  name: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  theme: string;
  dataSource: string;
  nationalMeasure: string | null;
  tolerance: number;
}

const WF = 'Workforce';
const FD = 'Front door and assessment';
const CP = 'Child protection';
const CIC = 'Children in care';
const CL = 'Care leavers';

/** The national measures councils already report, ready to use in any organisation's library. */
export const STANDARD_LIBRARY: LibraryIndicator[] = [
  { key: 'caseload-per-social-worker', name: 'Average caseload per social worker', definition: 'Cases held divided by case-holding social workers (FTE), as in the children’s social work workforce return.', unit: 'ratio', polarity: 'lower-is-better', frequency: 'monthly', theme: WF, dataSource: 'Workforce system', nationalMeasure: 'csww-caseload', tolerance: 1 },
  { key: 'agency-rate', name: 'Agency social workers', definition: 'Agency social workers (FTE) as a percentage of all social workers (FTE).', unit: 'percent', polarity: 'lower-is-better', frequency: 'monthly', theme: WF, dataSource: 'Workforce system', nationalMeasure: 'csww-agency-rate', tolerance: 3 },
  { key: 'vacancy-rate', name: 'Social worker vacancy rate', definition: 'Vacant social worker posts (FTE) as a percentage of all posts.', unit: 'percent', polarity: 'lower-is-better', frequency: 'monthly', theme: WF, dataSource: 'Workforce system', nationalMeasure: 'csww-vacancy-rate', tolerance: 3 },
  { key: 'turnover-rate', name: 'Social worker turnover rate', definition: 'Leavers in the last 12 months (FTE) as a percentage of social workers in post.', unit: 'percent', polarity: 'lower-is-better', frequency: 'monthly', theme: WF, dataSource: 'HR system', nationalMeasure: 'csww-turnover-rate', tolerance: 2 },
  { key: 'social-workers-per-10k', name: 'Social workers per 10,000 children', definition: 'Social workers in post (FTE) per 10,000 children aged 0 to 17.', unit: 'rate-per-10k', polarity: 'higher-is-better', frequency: 'quarterly', theme: WF, dataSource: 'Workforce system', nationalMeasure: 'csww-social-workers-per-10k', tolerance: 0.5 },
  { key: 'referrals-rate', name: 'Referrals per 10,000 children', definition: 'Referrals to children’s social care in the last 12 months per 10,000 children aged 0 to 17.', unit: 'rate-per-10k', polarity: 'neither', frequency: 'monthly', theme: FD, dataSource: 'Case management system', nationalMeasure: 'cin-referrals-rate', tolerance: 40 },
  { key: 're-referrals-12-months', name: 'Re-referrals within 12 months', definition: 'Referrals within 12 months of a previous referral, as a percentage of all referrals.', unit: 'percent', polarity: 'lower-is-better', frequency: 'monthly', theme: FD, dataSource: 'Case management system', nationalMeasure: 'cin-rereferrals-percent', tolerance: 2 },
  { key: 'assessments-within-45-days', name: 'Assessments completed within 45 working days', definition: 'Single assessments completed within 45 working days of the referral, as a percentage of all completed.', unit: 'percent', polarity: 'higher-is-better', frequency: 'monthly', theme: FD, dataSource: 'Case management system', nationalMeasure: null, tolerance: 5 },
  { key: 'children-in-need-rate', name: 'Children in need per 10,000 children', definition: 'Children in need at the end of the period per 10,000 children aged 0 to 17.', unit: 'rate-per-10k', polarity: 'neither', frequency: 'monthly', theme: FD, dataSource: 'Case management system', nationalMeasure: 'cin-rate', tolerance: 25 },
  { key: 'unallocated-cases', name: 'Unallocated cases', definition: 'Open cases without an allocated social worker at the end of the period.', unit: 'count', polarity: 'lower-is-better', frequency: 'monthly', theme: FD, dataSource: 'Case management system', nationalMeasure: null, tolerance: 5 },
  { key: 'cp-second-or-subsequent', name: 'Child protection plans for a second or subsequent time', definition: 'Child protection plans started that were a second or subsequent plan, as a percentage of all plans started (rolling 12 months).', unit: 'percent', polarity: 'lower-is-better', frequency: 'monthly', theme: CP, dataSource: 'Case management system', nationalMeasure: 'cp-subsequent-percent', tolerance: 2 },
  { key: 'cp-plans-two-years', name: 'Child protection plans lasting 2 years or more', definition: 'Open child protection plans that have lasted 2 years or more, as a percentage of all open plans.', unit: 'percent', polarity: 'lower-is-better', frequency: 'monthly', theme: CP, dataSource: 'Case management system', nationalMeasure: 'cp-two-years-percent', tolerance: 1 },
  { key: 'children-looked-after-rate', name: 'Children looked after per 10,000 children', definition: 'Children looked after at the end of the period per 10,000 children aged 0 to 17.', unit: 'rate-per-10k', polarity: 'neither', frequency: 'monthly', theme: CIC, dataSource: 'Case management system', nationalMeasure: 'cla-rate', tolerance: 5 },
  { key: 'placement-stability-short-term', name: 'Children looked after with 3 or more placements', definition: 'Children looked after with 3 or more placements in the last 12 months, as a percentage of all children looked after.', unit: 'percent', polarity: 'lower-is-better', frequency: 'monthly', theme: CIC, dataSource: 'Case management system', nationalMeasure: 'cla-three-placements-percent', tolerance: 1 },
  { key: 'placement-stability-long-term', name: 'Long-term placement stability', definition: 'Children under 16 looked after for 2.5 years or more who have lived with the same carer for 2 years.', unit: 'percent', polarity: 'higher-is-better', frequency: 'monthly', theme: CIC, dataSource: 'Case management system', nationalMeasure: 'cla-long-term-stability-percent', tolerance: 3 },
  { key: 'return-home-interviews-offered', name: 'Return home interviews offered', definition: 'Missing episodes after which a return home interview was offered, as a percentage of all missing episodes.', unit: 'percent', polarity: 'higher-is-better', frequency: 'monthly', theme: CIC, dataSource: 'Missing children team', nationalMeasure: null, tolerance: 5 },
  { key: 'unregulated-placements', name: 'Children in unregistered or unregulated placements', definition: 'Children looked after living in unregistered children’s homes or unregulated accommodation at the end of the period.', unit: 'count', polarity: 'lower-is-better', frequency: 'monthly', theme: CIC, dataSource: 'Placements team', nationalMeasure: null, tolerance: 1 },
  { key: 'care-leavers-suitable-accommodation', name: 'Care leavers in suitable accommodation', definition: 'Care leavers aged 19 to 21 in accommodation considered suitable.', unit: 'percent', polarity: 'higher-is-better', frequency: 'monthly', theme: CL, dataSource: 'Leaving care team', nationalMeasure: 'care-leavers-suitable-accommodation', tolerance: 3 },
  { key: 'care-leavers-eet', name: 'Care leavers in education, employment or training', definition: 'Care leavers aged 19 to 21 in education, employment or training.', unit: 'percent', polarity: 'higher-is-better', frequency: 'monthly', theme: CL, dataSource: 'Leaving care team', nationalMeasure: 'care-leavers-eet', tolerance: 3 },
];
