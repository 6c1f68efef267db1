/** Annex A indicators: Section 47 enquiries, conferences and child protection plans (Lists 5 and 7). */
import { countWorkingDays as workingDaysBetween } from '../working-days.js';
import type { IndicatorDefinition } from './indicator-types.js';
import {
  shareIndicator,
  numberAtLeast,
  c,
  str,
  yes,
  team,
  list,
  started,
  inMonthsBefore,
  addMonths,
  isOpenCp,
  CP_VISIT_WORKING_DAYS,
  SIX_MONTHS_VS_YEAR,
  withinWorkingDaysIndicator,
} from './indicator-helpers.js';

export const CHILD_PROTECTION: IndicatorDefinition[] = [
  shareIndicator({
    key: 'annex-a-s47-to-icpc',
    name: 'Section 47 enquiries leading to an initial child protection conference',
    unit: 'percent',
    polarity: 'neither',
    columns: [c(5, 'strategyDate'), c(5, 'icpcDate')],
    definition:
      'Of the section 47 enquiries on List 5 that started ("Strategy discussion initiating Section 47 Enquiry Start Date") on or before the reference date, the percentage with a "Date of Initial Child Protection Conference" on or before the reference date.',
    rows(ctx) {
      const rows = list(ctx, 5)
        .filter((r) => started(str(r, 'strategyDate'), ctx.referenceDate))
        .map((r) => ({ record: r, counted: started(str(r, 'icpcDate'), ctx.referenceDate), group: team(r) }));
      return rows;
    },
  }),
  withinWorkingDaysIndicator(5, 'strategyDate', 'icpcDate', 15, {
    key: 'annex-a-icpc-15wd',
    name: 'Initial child protection conferences within 15 working days of the strategy discussion',
    definition:
      'Of the initial child protection conferences on List 5 held on or before the reference date, the percentage held ("Date of Initial Child Protection Conference") within 15 working days after the strategy discussion that started the section 47 enquiry.',
  }),
  shareIndicator({
    key: 'annex-a-cp-second-time',
    name: 'Child protection plans for a second or subsequent time',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(7, 'cppStartDate'), c(7, 'previousPlans')],
    definition:
      'Of the child protection plans on List 7 that started ("Child Protection Plan Start Date") in the six months up to the reference date and record "Number of Previous Child Protection Plans", the percentage where that number is 1 or more.',
    national: {
      measure: 'cp-subsequent-percent',
      differences: `DfE counts the plans that started in the year ending 31 March and were a second or subsequent plan at any time; Waymark counts the plans that started in the six months to the reference date. ${SIX_MONTHS_VS_YEAR}. A previous plan in another authority counts only if the export’s "Number of Previous Child Protection Plans" includes it.`,
    },
    rows: (ctx) =>
      numberAtLeast(
        list(ctx, 7).filter((r) => inMonthsBefore(str(r, 'cppStartDate'), ctx.referenceDate, 6)),
        'previousPlans',
        1,
        'previous',
      ),
  }),
  shareIndicator({
    key: 'annex-a-cp-two-years',
    name: 'Child protection plans lasting two years or more',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(7, 'cppStartDate'), c(7, 'cppEndDate')],
    definition:
      'Of the child protection plans on List 7 open at the reference date (started, and no "Child Protection Plan End Date" on or before it), the percentage that started two years or more before it (start date on or before the reference date minus 24 months).',
    national: {
      measure: 'cp-two-years-percent',
      differences:
        'The same definition on a different day: DfE counts the plans open at 31 March; Waymark the plans open at the reference date.',
    },
    rows(ctx) {
      const cutoff = addMonths(ctx.referenceDate, -24);
      const rows = list(ctx, 7)
        .filter((r) => isOpenCp(r, ctx.referenceDate))
        .map((r) => ({ record: r, counted: str(r, 'cppStartDate')! <= cutoff, group: team(r) }));
      return rows;
    },
  }),
  shareIndicator({
    key: 'annex-a-cp-visits-in-time',
    name: 'Children on a child protection plan seen within 10 working days',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(7, 'cppStartDate'), c(7, 'cppEndDate'), c(7, 'lastVisitDate')],
    definition: `Of the child protection plans open at the reference date, the percentage whose "Date of the Last Statutory Visit" was no more than ${CP_VISIT_WORKING_DAYS} working days before the reference date. A plan with no visit recorded counts as not seen.`,
    rows(ctx) {
      const rows = list(ctx, 7)
        .filter((r) => isOpenCp(r, ctx.referenceDate))
        .map((r) => {
          const seen = str(r, 'lastVisitDate');
          const days =
            seen && seen <= ctx.referenceDate ? workingDaysBetween(seen, ctx.referenceDate, ctx.holidays) : null;
          return {
            record: r,
            counted: days !== null && days <= CP_VISIT_WORKING_DAYS,
            group: team(r),
            note: days === null ? 'No visit recorded' : `${days} working days since the last visit`,
          };
        });
      return rows;
    },
  }),
  shareIndicator({
    key: 'annex-a-cp-seen-alone',
    name: 'Children on a child protection plan seen alone at the last visit',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(7, 'cppStartDate'), c(7, 'cppEndDate'), c(7, 'seenAlone')],
    definition:
      'Of the child protection plans open at the reference date that answer "Was the Child Seen Alone?" yes or no, the percentage answering yes ("Unknown" and blanks are left out).',
    rows(ctx) {
      const rows = list(ctx, 7)
        .filter((r) => isOpenCp(r, ctx.referenceDate) && yes(r, 'seenAlone') !== null)
        .map((r) => ({ record: r, counted: yes(r, 'seenAlone') === true, group: team(r) }));
      return rows;
    },
  }),
];
