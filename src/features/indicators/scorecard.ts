import type { Executor } from '../audit/audit.js';
import { qualityFlags, type QualityFlag } from '../../lib/indicator-values.js';
import { periodKindOf, periodLabel } from '../../lib/periods.js';
import { sparklineSvg } from '../../lib/charts/sparkline.js';
import { formatNumber } from '../../lib/charts/svg.js';
import { indicatorValueText } from '../council/filters.js';
import { todayInLondon } from '../../lib/dates.js';
import {
  getComparators,
  loadMeasureYears,
  summarise,
  type BenchmarkSummary,
  type Comparators,
} from '../benchmarks/service.js';
import { loadIndicatorSeries, statusOf, type IndicatorStatus } from './status.js';
import type { Indicator, SeriesPoint } from './service.js';
import { currentVsPublished, type CurrentVsPublished } from './current-vs-published.js';

/**
 * The organisation's own value for a DfE reporting year (ending 31 March): the annual value for that
 * year, else the first quarter's, else March's (the 31 March position DfE counts).
 */
export function ownValueForYear(points: SeriesPoint[], frequency: Indicator['frequency'], year: number): number | null {
  const period = frequency === 'annual' ? String(year) : frequency === 'quarterly' ? `${year}-Q1` : `${year}-03`;
  return points.find((p) => p.period === period)?.value ?? null;
}

export interface ScorecardRow {
  indicator: Indicator;
  latestLabel: string;
  /** Figures as en-GB text, formatted once here (a template filter per cell is slow on 80 rows). */
  text: { value: string; target: string; england: string; neighbours: string };
  status: IndicatorStatus;
  target: number | null;
  sparkline: string;
  benchmark: BenchmarkSummary | null;
  flags: QualityFlag[];
  /** An Annex A figure's current value beside the latest published national figures (null otherwise). */
  current: CurrentVsPublished | null;
}

/** An indicator's status (latest value, RAG, trend, currency) and data-quality flags on a date. */
function health(indicator: Indicator, points: SeriesPoint[], today: string) {
  return {
    status: statusOf(indicator, points, today),
    flags: qualityFlags({ unit: indicator.unit, kind: periodKindOf(indicator.frequency), values: points, today }),
  };
}

/**
 * Every indicator's status and flags, as the scorecard shows them, without its national benchmarks,
 * charts and formatted figures: what the overview's card counts.
 */
export async function indicatorHealth(
  db: Executor,
  organisationId: string,
  now: Date,
): Promise<{ status: IndicatorStatus; flags: QualityFlag[] }[]> {
  const today = todayInLondon(now);
  return (await loadIndicatorSeries(db, organisationId)).map(({ indicator, points }) =>
    health(indicator, points, today),
  );
}

export async function buildScorecard(
  db: Executor,
  organisationId: string,
  now: Date,
  theme?: string,
): Promise<{ rows: ScorecardRow[]; themes: string[]; comparators: Comparators }> {
  const [series, comparators] = await Promise.all([
    loadIndicatorSeries(db, organisationId),
    getComparators(db, organisationId),
  ]);
  const themes = [...new Set(series.map((s) => s.indicator.theme))].sort();
  const shown = theme ? series.filter((s) => s.indicator.theme === theme) : series;
  const measures = await loadMeasureYears(
    db,
    [...new Set(shown.map((s) => s.indicator.nationalMeasure).filter((m): m is string => !!m))].map((measure) => ({
      measure,
      year: null,
    })),
  );
  const today = todayInLondon(now);
  const rows = shown.map(({ indicator, points }) => {
    const { status, flags } = health(indicator, points, today);
    const latest = points.filter((p) => p.value !== null).at(-1);
    const data = indicator.nationalMeasure ? measures.get(`${indicator.nationalMeasure}|latest`) : undefined;
    const benchmark = data
      ? summarise(data, comparators, indicator.polarity, ownValueForYear(points, indicator.frequency, data.year))
      : null;
    return {
      indicator,
      latestLabel: status.latestPeriod ? periodLabel(status.latestPeriod) : 'None',
      text: {
        value: indicatorValueText(status.latestValue, indicator.unit, latest?.numerator, latest?.denominator),
        target: formatNumber(latest?.target ?? null, 2),
        england: formatNumber(benchmark?.england ?? null),
        neighbours: formatNumber(benchmark?.neighbours ?? null),
      },
      status,
      target: latest?.target ?? null,
      sparkline: sparklineSvg(
        points.slice(-12).map((p) => p.value),
        indicator.name,
      ),
      benchmark: benchmark ? { ...benchmark, items: [] } : null,
      flags,
      current: currentVsPublished(indicator, points, data, comparators),
    };
  });
  return { rows, themes, comparators };
}
