/**
 * An authority's own current figure, computed from its child-level (Annex A) records, set beside the
 * latest published national figures for the same measure: England, its region, its statistical
 * neighbours, its own published figure, and where the current figure would rank among every other
 * authority's published one. The published year is older than the current figure, and the two
 * definitions differ; both are stated wherever this is shown.
 */
import { INDICATOR_BY_KEY } from '../../lib/annex-a/indicators.js';
import { periodLabel } from '../../lib/periods.js';
import type { Executor } from '../audit/audit.js';
import {
  getComparators,
  loadMeasureYears,
  summarise,
  type Comparators,
  type MeasureYearData,
} from '../benchmarks/service.js';
import { MEASURES_BY_KEY } from '../benchmarks/measures.js';
import type { Indicator, SeriesPoint } from './service.js';

export interface CurrentVsPublished {
  measureLabel: string;
  publication: string;
  /** The latest published year (ending 31 March). */
  year: number;
  current: { period: string; label: string; value: number };
  /** The published year ends before the current figure's period (the usual case). */
  publishedEarlier: boolean;
  ownPublished: number | null;
  england: number | null;
  region: number | null;
  regionName: string | null;
  neighbours: number | null;
  rank: number | null;
  of: number | null;
  quartile: 1 | 2 | 3 | 4 | null;
  differences: string;
}

/** How an Annex A figure's definition differs from its national counterpart's, if it has one. */
export function definitionDifferences(indicatorKey: string): { measure: string; differences: string } | null {
  return INDICATOR_BY_KEY.get(indicatorKey)?.national ?? null;
}

export function currentVsPublished(
  indicator: Indicator,
  points: SeriesPoint[],
  data: MeasureYearData | undefined,
  comparators: Comparators,
): CurrentVsPublished | null {
  const national = definitionDifferences(indicator.key);
  if (!national || !data || indicator.nationalMeasure !== national.measure) return null;
  const latest = points.filter((p) => p.value !== null).at(-1);
  if (!latest || latest.value === null) return null;
  const measure = MEASURES_BY_KEY.get(national.measure);
  const own = comparators.laCode ? data.authorities.find((a) => a.laCode === comparators.laCode) : undefined;
  // Rank the current figure among every other authority's published one (the authority's own old figure left out).
  const others: MeasureYearData = {
    ...data,
    authorities: data.authorities.filter((a) => a.laCode !== comparators.laCode),
  };
  const s = summarise(others, { ...comparators, laCode: null }, indicator.polarity, latest.value);
  return {
    measureLabel: measure?.label ?? national.measure,
    publication: measure?.publication ?? '',
    year: data.year,
    current: { period: latest.period, label: periodLabel(latest.period), value: latest.value },
    publishedEarlier: latest.period > `${data.year}-03`,
    ownPublished: own?.value ?? null,
    england: s.england,
    region: s.region,
    regionName: s.regionName,
    neighbours: s.neighbours,
    rank: s.rank,
    of: s.of,
    quartile: s.quartile,
    differences: national.differences,
  };
}

/** The same, loading the latest published year and the organisation's comparators (for the indicator page). */
export async function loadCurrentVsPublished(
  db: Executor,
  organisationId: string,
  indicator: Indicator,
  points: SeriesPoint[],
): Promise<CurrentVsPublished | null> {
  const national = definitionDifferences(indicator.key);
  if (!national || indicator.nationalMeasure !== national.measure) return null;
  const [data, comparators] = await Promise.all([
    loadMeasureYears(db, [{ measure: national.measure, year: null }]),
    getComparators(db, organisationId),
  ]);
  return currentVsPublished(indicator, points, data.get(`${national.measure}|latest`), comparators);
}
