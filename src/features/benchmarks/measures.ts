import type { MeasureSpec } from '../../lib/dfe-tidy.js';

/**
 * Which column of which DfE file is which national measure. Every indicator with a
 * `nationalMeasure` is benchmarked against these (England, region, neighbours, every authority).
 */
export interface NationalMeasure extends MeasureSpec {
  label: string;
  publication: string;
}

export const POPULATION_FILE = 'ons_mid-year_population_estimates_2012_to_2024.csv';
export const NEIGHBOUR_FILE = 'sn_model_2025_wide.csv';

const CSWW = 'csww_indicators_2017_to_2025.csv';
const C1 = 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv';
const B1 = 'b1_children_in_need_2013_to_2025.csv';
const D3 = 'd3_cpps_subsequent_plan_2013_to_2025.csv';
const D5 = 'd5_cpps_at31march_by_duration_2013_to_2025.csv';
const CLA = 'cla_number_and_rate_per_10k_children.csv';
const STAB = 'la_cla_placement_stability.csv';
const ACCOM = 'la_care_leavers_accommodation_suitability.csv';
const ACT = 'la_care_leavers_activity.csv';

const workforce = "Children's social work workforce";
const cin = 'Children in need';
const cla = 'Children looked after in England';

export const NATIONAL_MEASURES: NationalMeasure[] = [
  {
    key: 'csww-caseload',
    label: 'Average caseload per case-holding social worker (FTE)',
    publication: workforce,
    file: CSWW,
    column: 'caseload_fte',
  },
  {
    key: 'csww-agency-rate',
    label: 'Agency social worker rate (FTE, %)',
    publication: workforce,
    file: CSWW,
    column: 'agency_rate_fte',
  },
  {
    key: 'csww-vacancy-rate',
    label: 'Social worker vacancy rate (FTE, %)',
    publication: workforce,
    file: CSWW,
    column: 'vacancy_rate_fte',
  },
  {
    key: 'csww-turnover-rate',
    label: 'Social worker turnover rate (FTE, %)',
    publication: workforce,
    file: CSWW,
    column: 'turnover_rate_fte',
  },
  {
    key: 'csww-absence-rate',
    label: 'Social worker sickness absence rate (FTE, %)',
    publication: workforce,
    file: CSWW,
    column: 'absence_rate_fte',
  },
  {
    key: 'csww-social-workers-per-10k',
    label: 'Social workers in post (FTE) per 10,000 children',
    publication: workforce,
    file: CSWW,
    column: 'inpost_fte',
    perTenThousand: true,
  },
  {
    key: 'cin-referrals-rate',
    label: 'Referrals per 10,000 children',
    publication: cin,
    file: C1,
    column: 'referral_count',
    perTenThousand: true,
  },
  {
    key: 'cin-rereferrals-percent',
    label: 'Re-referrals within 12 months (%)',
    publication: cin,
    file: C1,
    column: 'rereferral_percent',
  },
  {
    key: 'cin-nfa-percent',
    label: 'Referrals resulting in no further action (%)',
    publication: cin,
    file: C1,
    column: 'no_further_action_percent',
  },
  {
    key: 'cin-rate',
    label: 'Children in need at 31 March per 10,000 children',
    publication: cin,
    file: B1,
    column: 'At31_episodes',
    perTenThousand: true,
  },
  {
    key: 'cp-subsequent-percent',
    label: 'Child protection plans that were a second or subsequent plan (%)',
    publication: cin,
    file: D3,
    column: 'CPP_subsequent_percent',
  },
  {
    key: 'cp-two-years-percent',
    label: 'Child protection plans at 31 March lasting 2 years or more (%)',
    publication: cin,
    file: D5,
    column: '2_years_or_more_percent',
  },
  {
    key: 'cla-rate',
    label: 'Children looked after at 31 March per 10,000 children',
    publication: cla,
    file: CLA,
    column: 'rate_per_10000',
    filters: { population_type: 'Children looked after on 31 March each year' },
  },
  {
    key: 'cla-three-placements-percent',
    label: 'Children looked after with 3 or more placements in the year (%)',
    publication: cla,
    file: STAB,
    column: 'children_percent',
    filters: { cla_group: 'CLA on 31 March', placement_stability: 'With 3 or more placements during the year' },
  },
  {
    key: 'cla-long-term-stability-percent',
    label: 'Children looked after 2.5 years or more living with the same carer for 2 years (%)',
    publication: cla,
    file: STAB,
    column: 'children_percent',
    filters: {
      cla_group: 'Children looked after continuously for at least 2.5 years on 31 March aged under 16 years',
      placement_stability: 'Living with the same carer for at least 2 years',
    },
  },
  {
    key: 'care-leavers-suitable-accommodation',
    label: 'Care leavers aged 19 to 21 in suitable accommodation (%)',
    publication: cla,
    file: ACCOM,
    column: 'care_leaver_percent',
    filters: { care_leaver_age: '19 to 21 years', breakdown: 'Accommodation considered suitable' },
  },
  {
    key: 'care-leavers-eet',
    label: 'Care leavers aged 19 to 21 in education, employment or training (%)',
    publication: cla,
    file: ACT,
    column: 'care_leaver_percent',
    filters: { care_leaver_age: '19 to 21 years', breakdown: 'Total in education, employment or training' },
  },
];

export const MEASURES_BY_KEY = new Map(NATIONAL_MEASURES.map((m) => [m.key, m]));
