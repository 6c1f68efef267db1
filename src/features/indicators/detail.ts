import type { Executor } from '../audit/audit.js';
import { lineChartSvg } from '../../lib/charts/line-chart.js';
import { rankedBarChartSvg } from '../../lib/charts/bar-chart.js';
import { fmt } from '../../lib/charts/svg.js';
import { periodKindOf, periodLabel } from '../../lib/periods.js';
import { qualityFlags } from '../../lib/indicator-values.js';
import { todayInLondon } from '../../lib/dates.js';
import { computeTrend, TREND_WINDOW } from '../../lib/trend.js';
import {
  benchmarkSeries,
  getComparators,
  loadMeasureYears,
  measureYears,
  summarise,
  type BenchmarkSummary,
} from '../benchmarks/service.js';
import { MEASURES_BY_KEY } from '../benchmarks/measures.js';
import { loadSeries, type Indicator, type SeriesPoint } from './service.js';
import { ownValueForYear } from './scorecard.js';

export const UNIT_LABELS: Record<Indicator['unit'], string> = {
  count: 'Number',
  percent: 'Percent',
  'rate-per-10k': 'Rate per 10,000 children',
  days: 'Days',
  ratio: 'Ratio',
};
export const POLARITY_LABELS: Record<Indicator['polarity'], string> = {
  'higher-is-better': 'Higher is better',
  'lower-is-better': 'Lower is better',
  neither: 'Neither (a reference level)',
};
export const FREQUENCY_LABELS: Record<Indicator['frequency'], string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Annual (year ending 31 March)',
};

export interface ChartRow {
  /** The recorded value's id: the "Correct" and "View" links under the series go to it. */
  id: string | null;
  period: string;
  label: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  target: number | null;
  rag: SeriesPoint['rag'];
  england: number | null;
  region: number | null;
  neighbours: number | null;
}

/** The anchor period of a DfE year in an indicator's own frequency (the 31 March position). */
function anchor(frequency: Indicator['frequency'], year: number): string {
  return frequency === 'annual' ? String(year) : frequency === 'quarterly' ? `${year}-Q1` : `${year}-03`;
}

export async function chartRows(
  db: Executor,
  organisationId: string,
  indicator: Indicator,
): Promise<{ rows: ChartRow[]; points: SeriesPoint[]; targets: Awaited<ReturnType<typeof loadSeries>>['targets'] }> {
  const { points, targets } = await loadSeries(db, organisationId, indicator);
  const comparators = await getComparators(db, organisationId);
  const bench = indicator.nationalMeasure ? await benchmarkSeries(db, indicator.nationalMeasure, comparators) : [];
  const benchBy = new Map(bench.map((b) => [anchor(indicator.frequency, b.year), b]));
  const rows: ChartRow[] = points.map((p) => {
    const b = benchBy.get(p.period);
    return {
      id: p.id,
      period: p.period,
      label: periodLabel(p.period),
      value: p.value,
      numerator: p.numerator ?? null,
      denominator: p.denominator ?? null,
      target: p.target,
      rag: p.rag,
      england: b?.england ?? null,
      region: b?.region ?? null,
      neighbours: b?.neighbours ?? null,
    };
  });
  return { rows, points, targets };
}

export function seriesChart(
  indicator: Indicator,
  rows: ChartRow[],
  orgName: string,
  regionName: string | null,
): string {
  const recorded = rows.filter((r) => r.value !== null);
  const first = recorded[0];
  const last = recorded.at(-1);
  const description = last
    ? `${orgName}: ${fmt(first!.value)} in ${first!.label}, ${fmt(last.value)} in ${last.label}${last.target !== null ? ` against a target of ${fmt(last.target)}` : ''}. ${POLARITY_LABELS[indicator.polarity]}. The same figures are in the table below.`
    : 'No values recorded yet.';
  const series = [{ name: orgName, values: rows.map((r) => r.value) }];
  if (rows.some((r) => r.target !== null)) series.push({ name: 'Target', values: rows.map((r) => r.target) });
  if (rows.some((r) => r.england !== null))
    series.push({ name: 'England (31 March)', values: rows.map((r) => r.england) });
  if (rows.some((r) => r.region !== null))
    series.push({ name: `${regionName ?? 'Region'} (31 March)`, values: rows.map((r) => r.region) });
  if (rows.some((r) => r.neighbours !== null))
    series.push({ name: 'Statistical neighbours (31 March)', values: rows.map((r) => r.neighbours) });
  return lineChartSvg({
    title: `${indicator.name}: ${orgName} by ${periodKindOf(indicator.frequency)}, with target and benchmarks`,
    description,
    xLabels: rows.map((r) => r.label),
    series,
    yLabel: UNIT_LABELS[indicator.unit],
  });
}

export function rankingChart(
  indicator: Indicator,
  summary: BenchmarkSummary,
  orgName: string,
  ownHasCode: boolean,
): string {
  const items = summary.items.filter((i) => i.value !== null) as {
    laCode: string;
    laName: string;
    value: number;
    neighbour: boolean;
    own: boolean;
  }[];
  const bars = items.map((i) => ({ label: i.laName, value: i.value, mark: i.neighbour, highlight: i.own }));
  if (!ownHasCode && summary.own !== null)
    bars.push({ label: orgName, value: summary.own, mark: false, highlight: true });
  const sign = indicator.polarity === 'higher-is-better' ? -1 : 1;
  bars.sort((a, b) => sign * (a.value - b.value));
  const measure = MEASURES_BY_KEY.get(summary.measure);
  const description =
    summary.rank !== null
      ? `${orgName} is ranked ${summary.rank} of ${summary.of} authorities (quartile ${summary.quartile}, where 1 is the best quarter) with ${fmt(summary.own)}; England ${fmt(summary.england)}. Authorities are ordered best first. The same figures are in the table of all authorities.`
      : `${orgName} has no value for ${summary.year}, so it is not ranked. England ${fmt(summary.england)}. The same figures are in the table of all authorities.`;
  return rankedBarChartSvg({
    title: `${measure?.label ?? indicator.name}, every English authority, year ending 31 March ${summary.year}`,
    description,
    bars,
    reference: summary.england !== null ? { label: 'England', value: summary.england } : null,
  });
}

export async function benchmarkModel(
  db: Executor,
  organisationId: string,
  indicator: Indicator,
  points: SeriesPoint[],
  year: number | null,
): Promise<{ summary: BenchmarkSummary; years: number[] } | null> {
  if (!indicator.nationalMeasure) return null;
  const years = await measureYears(db, indicator.nationalMeasure);
  const chosen = year && years.includes(year) ? year : (years[0] ?? null);
  if (chosen === null) return null;
  const [comparators, data] = await Promise.all([
    getComparators(db, organisationId),
    loadMeasureYears(db, [{ measure: indicator.nationalMeasure, year: chosen }]),
  ]);
  const d = data.get(`${indicator.nationalMeasure}|${chosen}`);
  if (!d) return null;
  return {
    summary: summarise(d, comparators, indicator.polarity, ownValueForYear(points, indicator.frequency, chosen)),
    years,
  };
}

export function detailFlags(indicator: Indicator, points: SeriesPoint[], now: Date) {
  return qualityFlags({
    unit: indicator.unit,
    kind: periodKindOf(indicator.frequency),
    values: points,
    today: todayInLondon(now),
  });
}

export function detailTrend(indicator: Indicator, points: SeriesPoint[]) {
  const recorded = points.filter((p) => p.value !== null);
  return computeTrend(
    recorded.map((p) => p.value),
    indicator.polarity,
    TREND_WINDOW[indicator.frequency],
    recorded.at(-1)?.target ?? null,
  );
}

/** CSV text with a header row; numbers as they are, missing as empty. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Authorities best first (by the indicator's polarity; lowest first for neither), missing values last. */
export function rankedItems<T extends { value: number | null }>(items: T[], polarity: Indicator['polarity']): T[] {
  const sign = polarity === 'higher-is-better' ? -1 : 1;
  return [...items].sort(
    (a, b) =>
      (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
      (a.value !== null && b.value !== null ? sign * (a.value - b.value) : 0),
  );
}
