import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from '../audit/audit.js';
import { computeTrend, TREND_WINDOW, type Trend } from '../../lib/trend.js';
import type { IndicatorRag } from '../../lib/indicator-rag.js';
import { indicatorCurrency, type CurrencyResult } from '../../lib/indicator-currency.js';
import { periodKindOf } from '../../lib/periods.js';
import { todayInLondon } from '../../lib/dates.js';
import { buildPoints, targetRules, type Indicator, type SeriesPoint } from './service.js';

export interface IndicatorStatus {
  key: string;
  name: string;
  latestPeriod: string | null;
  latestValue: number | null;
  /** The RAG of the latest value, which may be old: read it with `currency`. */
  rag: IndicatorRag;
  trend: Trend;
  /** Out of date when there is no value for the latest due period (`src/lib/indicator-currency.ts`). */
  currency: CurrencyResult;
}

/** Latest value, its RAG and the trend for every indicator of an organisation (or those listed). */
export async function loadIndicatorSeries(
  db: Executor,
  organisationId: string,
  indicatorIds?: string[],
): Promise<{ indicator: Indicator; points: SeriesPoint[] }[]> {
  if (indicatorIds && !indicatorIds.length) return [];
  let iq = db.selectFrom('indicators').selectAll().where('organisationId', '=', organisationId);
  let vq = db
    .selectFrom('indicatorValues')
    .select([
      'id',
      'indicatorId',
      'period',
      'value',
      'numerator',
      'denominator',
      'source',
      'note',
      'recordedBy',
      'updatedAt',
      'version',
    ])
    .where('organisationId', '=', organisationId);
  let tq = db.selectFrom('indicatorTargets').selectAll().where('organisationId', '=', organisationId);
  if (indicatorIds) {
    iq = iq.where('id', 'in', indicatorIds);
    vq = vq.where('indicatorId', 'in', indicatorIds);
    tq = tq.where('indicatorId', 'in', indicatorIds);
  }
  // PGlite decodes wide result sets slowly row by row; one JSON array of the values is several times faster.
  const [indicators, valuesRow, targets] = await Promise.all([
    iq.orderBy('theme').orderBy('name').execute(),
    db.selectNoFrom(() => jsonArrayFrom(vq).as('rows')).executeTakeFirstOrThrow(),
    tq.orderBy('createdAt').execute(),
  ]);
  const values = (
    valuesRow.rows as unknown as (Omit<(typeof valuesRow.rows)[number], 'updatedAt'> & { updatedAt: string | Date })[]
  ).map((v) => ({ ...v, updatedAt: new Date(v.updatedAt) }));
  const valuesBy = new Map<string, typeof values>();
  for (const v of values) (valuesBy.get(v.indicatorId) ?? valuesBy.set(v.indicatorId, []).get(v.indicatorId)!).push(v);
  const targetsBy = new Map<string, typeof targets>();
  for (const t of targets)
    (targetsBy.get(t.indicatorId) ?? targetsBy.set(t.indicatorId, []).get(t.indicatorId)!).push(t);
  return indicators.map((indicator) => ({
    indicator,
    points: buildPoints(indicator, valuesBy.get(indicator.id) ?? [], targetRules(targetsBy.get(indicator.id) ?? [])),
  }));
}

export function statusOf(
  indicator: Indicator,
  points: SeriesPoint[],
  today: string = todayInLondon(),
): IndicatorStatus {
  const recorded = points.filter((p) => p.value !== null);
  const latest = recorded.at(-1) ?? null;
  return {
    currency: indicatorCurrency({
      kind: periodKindOf(indicator.frequency),
      latestPeriod: latest?.period ?? null,
      today,
    }),
    key: indicator.key,
    name: indicator.name,
    latestPeriod: latest?.period ?? null,
    latestValue: latest?.value ?? null,
    rag: latest?.rag ?? 'none',
    trend: computeTrend(
      recorded.map((p) => p.value),
      indicator.polarity,
      TREND_WINDOW[indicator.frequency],
      latest?.target ?? null,
    ),
  };
}

/**
 * The status of each listed indicator of the organisation, keyed by indicator id: its latest value,
 * the RAG of that value against its target, and its trend. IDs of other organisations are left out.
 */
export async function getIndicatorStatuses(
  db: Executor,
  organisationId: string,
  indicatorIds: string[],
  today: string = todayInLondon(),
): Promise<Map<string, IndicatorStatus>> {
  const ids = indicatorIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const series = await loadIndicatorSeries(db, organisationId, ids);
  return new Map(series.map(({ indicator, points }) => [indicator.id, statusOf(indicator, points, today)]));
}
