/**
 * Indicators computed from the Annex A child-level lists for a reference date, each from named columns
 * of the published template. Each is a pure function of the lists, the reference date, the working-day
 * calendar, the child population and the authority's own area; each returns the figure, its numerator
 * and denominator, a breakdown, and the rows behind it (for drill-down).
 *
 * An indicator whose list or columns are missing from a workbook is not computed at all (see
 * `availability`), so a missing list never shows as a low figure.
 *
 * The definitions are in `indicators-*.ts` by area; what they share is in `indicator-helpers.ts`.
 */
import { isIsoDate } from '../dates.js';
import type { ListStats } from './import-types.js';
import type { ColumnRef, IndicatorContext, IndicatorDefinition, IndicatorResult } from './indicator-types.js';
import { FRONT_DOOR } from './indicators-front-door.js';
import { CHILD_PROTECTION } from './indicators-child-protection.js';
import { IN_CARE } from './indicators-in-care.js';
import { LEAVERS_AND_CASELOADS } from './indicators-leavers-caseload.js';
import { columnSpec, listLabel } from './spec.js';

export type * from './indicator-types.js';
export {
  NO_TEAM,
  NO_WORKER,
  addMonths,
  inMonthsBefore,
  round1,
  percent,
  ratePer10k,
  median,
  isOpenCin,
  isOpenCp,
  isOpenCla,
  isEet,
  placedOutside,
  yearEarlier,
  openCases,
} from './indicator-helpers.js';

export const INDICATORS: IndicatorDefinition[] = [
  ...FRONT_DOOR,
  ...CHILD_PROTECTION,
  ...IN_CARE,
  ...LEAVERS_AND_CASELOADS,
];

export const INDICATOR_BY_KEY = new Map(INDICATORS.map((i) => [i.key, i]));

/** The lists an indicator reads. */
export function listsOf(def: IndicatorDefinition): number[] {
  return [...new Set([...def.columns, ...(def.oneOf ?? []).flat()].map((x) => x.list))].sort((a, b) => a - b);
}

/** "List 8 "Placement Location"": a column as people read it. */
export function columnLabel(ref: ColumnRef): string {
  return `List ${ref.list} "${columnSpec(ref.list, ref.key)?.name ?? ref.key}"`;
}

/**
 * Which indicators a workbook can give: each needs every list it reads and every column it names (and
 * one of each group of alternatives). The reason says what is missing, in words.
 */
export function availability(lists: readonly ListStats[]): Map<string, string | null> {
  const byNumber = new Map(lists.map((l) => [l.list, l]));
  const present = (ref: ColumnRef) => !!byNumber.get(ref.list)?.columns.find((x) => x.key === ref.key)?.present;
  const out = new Map<string, string | null>();
  for (const def of INDICATORS) {
    const missingLists = listsOf(def).filter((n) => !byNumber.has(n));
    if (missingLists.length) {
      out.set(
        def.key,
        `${missingLists.map(listLabel).join(' and ')} ${missingLists.length > 1 ? 'are' : 'is'} missing`,
      );
      continue;
    }
    const missing = def.columns.filter((ref) => !present(ref)).map(columnLabel);
    for (const group of def.oneOf ?? []) if (!group.some(present)) missing.push(group.map(columnLabel).join(' or '));
    out.set(def.key, missing.length ? `No ${missing.join(', ')} column` : null);
  }
  return out;
}

export function computeAll(ctx: IndicatorContext): IndicatorResult[] {
  if (!isIsoDate(ctx.referenceDate)) throw new RangeError('The reference date must be YYYY-MM-DD');
  return INDICATORS.map((i) => i.compute(ctx));
}
