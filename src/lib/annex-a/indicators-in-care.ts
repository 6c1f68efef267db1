/** Annex A indicators: Children in care and children missing from care (List 8). */
import { addDays } from '../dates.js';
import type { IndicatorDefinition, DrillRow } from './indicator-types.js';
import {
  shareIndicator,
  numberAtLeast,
  c,
  str,
  num,
  yes,
  team,
  list,
  isOpenCla,
  placedOutside,
  rateIndicator,
  CLA_VISIT_DAYS,
} from './indicator-helpers.js';

export const IN_CARE: IndicatorDefinition[] = [
  {
    key: 'annex-a-cla-rate',
    name: 'Children in care per 10,000 children',
    unit: 'rate-per-10k',
    polarity: 'neither',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate')],
    definition:
      'Children in care at the reference date on List 8 ("Date Started to be Looked After" on or before it, and no "Date Ceased to be Looked After" on or before it), counted once each, per 10,000 of the 0–17 population set for the organisation. No figure without a population.',
    national: {
      measure: 'cla-rate',
      differences:
        'DfE counts the children looked after at 31 March per 10,000 children aged 0 to 17 (ONS mid-year estimate); Waymark counts the children in care at the reference date per 10,000 of the population set for the organisation. Both leave out children looked after only under a series of short breaks.',
    },
    compute(ctx) {
      const seen = new Set<string>();
      const rows: DrillRow[] = [];
      for (const r of list(ctx, 8)) {
        if (!isOpenCla(r, ctx.referenceDate) || seen.has(r.child)) continue;
        seen.add(r.child);
        rows.push({ record: r, counted: true, group: team(r) });
      }
      return rateIndicator('annex-a-cla-rate', rows, ctx.childPopulation);
    },
  },
  shareIndicator({
    key: 'annex-a-cla-visits-in-time',
    name: 'Children in care visited within six weeks',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate'), c(8, 'lastVisitDate')],
    definition: `Of the children in care at the reference date, the percentage whose "Date of Last Social Work Visit" was no more than ${CLA_VISIT_DAYS} days (six weeks) before it. A child with no visit recorded counts as not visited.`,
    rows(ctx) {
      const from = addDays(ctx.referenceDate, -CLA_VISIT_DAYS);
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate))
        .map((r) => {
          const seen = str(r, 'lastVisitDate');
          return {
            record: r,
            counted: !!seen && seen >= from && seen <= ctx.referenceDate,
            group: team(r),
            note: seen ? `Last visit ${seen}` : 'No visit recorded',
          };
        });
      return rows;
    },
  }),
  shareIndicator({
    key: 'annex-a-cla-3-placements',
    name: 'Children in care with three or more placements in 12 months',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate'), c(8, 'placements12m')],
    definition:
      'Of the children in care at the reference date with a "Number of Placements in the Last 12 months", the percentage with 3 or more.',
    national: {
      measure: 'cla-three-placements-percent',
      differences:
        'DfE counts the children looked after at 31 March who had three or more placements during the year ending 31 March; Waymark counts the children in care at the reference date with three or more placements in the 12 months before it.',
    },
    rows: (ctx) =>
      numberAtLeast(
        list(ctx, 8).filter((r) => isOpenCla(r, ctx.referenceDate)),
        'placements12m',
        3,
        'placements',
      ),
  }),
  shareIndicator({
    key: 'annex-a-cla-out-of-area',
    name: 'Children in care placed outside the authority’s area',
    unit: 'percent',
    polarity: 'lower-is-better',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate')],
    oneOf: [[c(8, 'placementLocation'), c(8, 'placementLa')]],
    definition:
      'Of the children in care at the reference date whose placement location is known, the percentage placed outside the authority’s area: "Placement Location" is Out, or (where it is blank) "LA of Placement" is another authority, Wales, Scotland, Northern Ireland or outside the UK. Confidential placements (CON) and blanks are left out. The template gives no distance from home, so none is computed.',
    rows(ctx) {
      const rows: DrillRow[] = [];
      for (const r of list(ctx, 8)) {
        if (!isOpenCla(r, ctx.referenceDate)) continue;
        const outside = placedOutside(r, ctx.ownArea);
        if (outside === null) continue;
        rows.push({
          record: r,
          counted: outside,
          group: team(r),
          note: str(r, 'placementLa') ?? (outside ? 'Out' : 'In'),
        });
      }
      return rows;
    },
  }),
  shareIndicator({
    key: 'annex-a-missing-rhi-offered',
    name: 'Children missing from care offered a return interview',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(8, 'claStartDate'), c(8, 'claEndDate'), c(8, 'missingEpisodes'), c(8, 'rhiOffered')],
    definition:
      'Of the children in care at the reference date with one or more episodes in "Number of Episodes the Child has been \'Missing\' from their Placement in the last 12 months", the percentage answering yes to "Was the child offered a Return Interview after their last missing episode (Y/N)?". No, unknown and blank count as not offered.',
    rows(ctx) {
      const rows = list(ctx, 8)
        .filter((r) => isOpenCla(r, ctx.referenceDate) && (num(r, 'missingEpisodes') ?? 0) >= 1)
        .map((r) => ({
          record: r,
          counted: yes(r, 'rhiOffered') === true,
          group: team(r),
          note: `${num(r, 'missingEpisodes')} missing episodes`,
        }));
      return rows;
    },
  }),
  shareIndicator({
    key: 'annex-a-missing-rhi-accepted',
    name: 'Return interviews accepted by children missing from care',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [
      c(8, 'claStartDate'),
      c(8, 'claEndDate'),
      c(8, 'missingEpisodes'),
      c(8, 'rhiOffered'),
      c(8, 'rhiAccepted'),
    ],
    definition:
      'Of the children in care at the reference date with one or more missing episodes in the last 12 months who were offered a return interview after the last one, the percentage answering yes to "Did the child accept a Return Interview after their last missing episode (Y/N)?". No, unknown and blank count as not accepted.',
    rows(ctx) {
      const rows = list(ctx, 8)
        .filter(
          (r) =>
            isOpenCla(r, ctx.referenceDate) && (num(r, 'missingEpisodes') ?? 0) >= 1 && yes(r, 'rhiOffered') === true,
        )
        .map((r) => ({ record: r, counted: yes(r, 'rhiAccepted') === true, group: team(r) }));
      return rows;
    },
  }),
];
