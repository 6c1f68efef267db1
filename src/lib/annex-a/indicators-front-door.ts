/** Annex A indicators: Contacts, referrals and assessments (Lists 1 to 4). */
import type { IndicatorDefinition } from './indicator-types.js';
import {
  shareIndicator,
  windowIndicator,
  windowed,
  c,
  str,
  num,
  list,
  withinWorkingDaysIndicator,
  yearEarlier,
  SIX_MONTHS_VS_YEAR,
} from './indicator-helpers.js';

export const FRONT_DOOR: IndicatorDefinition[] = [
  windowIndicator(false, 1, 'contactDate', {
    key: 'annex-a-contacts-6m',
    name: 'Contacts in the last six months',
    definition:
      'Rows on List 1 (contacts) whose "Date of Contact" is in the six months up to and including the reference date.',
  }),
  windowIndicator(true, 1, 'contactDate', {
    key: 'annex-a-contacts-6m-rate',
    name: 'Contacts in the last six months per 10,000 children',
    definition:
      'Contacts in the six months up to the reference date ("Date of Contact", List 1), divided by the 0–17 population set for the organisation, times 10,000 (one decimal place). No figure without a population.',
  }),
  windowIndicator(false, 3, 'referralDate', {
    key: 'annex-a-referrals-6m',
    name: 'Referrals in the last six months',
    definition:
      'Rows on List 3 (referrals) whose "Date of referral" is in the six months up to and including the reference date.',
  }),
  windowIndicator(true, 3, 'referralDate', {
    key: 'annex-a-referrals-6m-rate',
    name: 'Referrals in the last six months per 10,000 children',
    definition:
      'Referrals in the six months up to the reference date ("Date of referral", List 3), divided by the 0–17 population, times 10,000.',
  }),
  shareIndicator({
    key: 'annex-a-re-referrals-12m',
    name: 'Re-referrals within 12 months',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(3, 'referralDate'), c(3, 'referrals12m')],
    definition:
      'Of the referrals on List 3 in the six months up to the reference date ("Date of referral"), the percentage that came within 12 months of a previous referral of the same child: "Number of Referrals in Last 12 Months" (which the guidance defines as the referrals before this one, so 0 for a first referral) is 1 or more, or the same child has an earlier referral on List 3 in the 12 months before this one.',
    national: {
      measure: 'cin-rereferrals-percent',
      differences: `DfE counts the referrals in the year ending 31 March that came within 12 months of a previous referral; Waymark counts the referrals in the six months to the reference date. ${SIX_MONTHS_VS_YEAR}. Both count a previous referral to this authority only.`,
    },
    rows(ctx) {
      const byChild = new Map<string, string[]>();
      for (const r of list(ctx, 3)) {
        const d = str(r, 'referralDate');
        if (!d) continue;
        const ds = byChild.get(r.child);
        if (ds) ds.push(d);
        else byChild.set(r.child, [d]);
      }
      const rows = windowed(ctx, 3, 'referralDate').map((row) => {
        const d = str(row.record, 'referralDate')!;
        const from = yearEarlier(d);
        const earlier = (byChild.get(row.record.child) ?? []).some((o) => o < d && o >= from);
        const previous = num(row.record, 'referrals12m');
        const counted = earlier || (previous ?? 0) >= 1;
        return {
          ...row,
          counted,
          note:
            previous === null
              ? earlier
                ? 'Earlier referral on the list'
                : 'Number of previous referrals not recorded'
              : `${previous} previous referrals`,
        };
      });
      return rows;
    },
  }),
  withinWorkingDaysIndicator(4, 'assessmentStartDate', 'assessmentAuthorisedDate', 45, {
    key: 'annex-a-assessments-45wd',
    name: 'Assessments completed within 45 working days',
    definition:
      'Of the assessments on List 4 authorised on or before the reference date, the percentage authorised ("Continuous Assessment Date of Authorisation") within 45 working days of the "Continuous Assessment Start Date" (working days after the start, up to and including authorisation; weekends and bank holidays excluded).',
  }),
];
