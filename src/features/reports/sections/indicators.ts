import { periodLabel } from '../../../lib/periods.js';
import { RAG_LABELS, trendLabel } from '../../../lib/labels.js';
import { loadIndicatorSeries, statusOf } from '../../indicators/status.js';
import { ownValueForYear } from '../../indicators/scorecard.js';
import { getComparators, loadMeasureYears, summarise as benchmarkSummary } from '../../benchmarks/service.js';
import type { Block, Cell, DataSheet } from '../content.js';
import { clipForExcel, fmtNumber, ragCell, valueText, type Ctx } from './context.js';

export async function indicatorBlocks(ctx: Ctx): Promise<Block[]> {
  const actionIds = ctx.states.map((s) => s.actionId);
  const links = actionIds.length
    ? await ctx.db
        .selectFrom('actionIndicators')
        .select(['indicatorId', 'actionId'])
        .where('organisationId', '=', ctx.input.organisationId)
        .where('actionId', 'in', actionIds)
        .execute()
    : [];
  const ids = [...new Set(links.map((l) => l.indicatorId))];
  if (!ids.length) return [{ kind: 'paragraph', text: 'No indicators are linked to this plan yet.' }];
  const [series, comparators] = await Promise.all([
    loadIndicatorSeries(ctx.db, ctx.input.organisationId, ids),
    getComparators(ctx.db, ctx.input.organisationId),
  ]);
  const measures = await loadMeasureYears(
    ctx.db,
    [...new Set(series.map((s) => s.indicator.nationalMeasure).filter((m): m is string => !!m))].map((measure) => ({
      measure,
      year: null,
    })),
  );
  const refsByIndicator = new Map<string, string[]>();
  const refOf = new Map(ctx.states.map((s) => [s.actionId, s.reference]));
  for (const l of links)
    (refsByIndicator.get(l.indicatorId) ?? refsByIndicator.set(l.indicatorId, []).get(l.indicatorId)!).push(
      refOf.get(l.actionId) ?? '',
    );

  const rows: Cell[][] = [];
  const charts: Block[] = [];
  const valuesSheet: DataSheet = {
    name: 'Indicator values',
    columns: ['Indicator', 'Period', 'Value', 'Target', 'RAG'],
    rows: [],
  };
  const scoreSheet: DataSheet = {
    name: 'Indicators',
    columns: [
      'Indicator',
      'Definition',
      'Unit',
      'Polarity',
      'Latest period',
      'Latest value',
      'Target',
      'RAG',
      'Trend',
      'England',
      'Region',
      'Statistical neighbours',
      'National rank',
      'Of',
      'Quartile',
      'Benchmark year',
      'Linked actions',
    ],
    rows: [],
  };
  let outOfDate = 0;
  for (const { indicator, points } of series) {
    const status = statusOf(indicator, points, ctx.input.today);
    const latest = points.filter((p) => p.value !== null).at(-1);
    const stale = status.currency.state === 'out-of-date';
    if (stale) outOfDate++;
    const data = indicator.nationalMeasure ? measures.get(`${indicator.nationalMeasure}|latest`) : undefined;
    const bench = data
      ? benchmarkSummary(data, comparators, indicator.polarity, ownValueForYear(points, indicator.frequency, data.year))
      : null;
    const position =
      bench?.rank && bench.of
        ? `${bench.rank} of ${bench.of}${bench.quartile ? ` (quartile ${bench.quartile})` : ''}, ${bench.year}`
        : bench
          ? `No rank (${bench.year})`
          : 'Not benchmarked';
    rows.push([
      indicator.name,
      status.latestPeriod
        ? `${valueText(status.latestValue, indicator.unit, latest?.numerator, latest?.denominator)} (${periodLabel(status.latestPeriod)})`
        : 'No value yet',
      fmtNumber(latest?.target ?? null, indicator.unit),
      // Out of date is its own state: the old value's colour is not carried forward (ADR 0840).
      stale ? { text: `Out of date: ${status.currency.message}`, rag: 'none' } : ragCell(status.rag),
      trendLabel(status.trend),
      fmtNumber(bench?.england ?? null, indicator.unit),
      fmtNumber(bench?.neighbours ?? null, indicator.unit),
      position,
    ]);
    scoreSheet.rows.push([
      indicator.name,
      clipForExcel(indicator.definition),
      indicator.unit,
      indicator.polarity,
      status.latestPeriod,
      status.latestValue,
      latest?.target ?? null,
      stale ? `Out of date (${status.currency.message})` : RAG_LABELS[status.rag],
      trendLabel(status.trend),
      bench?.england ?? null,
      bench?.region ?? null,
      bench?.neighbours ?? null,
      bench?.rank ?? null,
      bench?.of ?? null,
      bench?.quartile ?? null,
      bench?.year ?? null,
      (refsByIndicator.get(indicator.id) ?? []).join(', '),
    ]);
    for (const p of points) valuesSheet.rows.push([indicator.name, p.period, p.value, p.target, RAG_LABELS[p.rag]]);
    const recent = points.slice(-12);
    if (recent.some((p) => p.value !== null)) {
      const hasTarget = recent.some((p) => p.target !== null);
      const first = recent[0];
      const last = recent.filter((p) => p.value !== null).at(-1)!;
      charts.push({
        kind: 'chart',
        title: indicator.name,
        altText: `Line chart of ${indicator.name} from ${periodLabel(first.period)} to ${periodLabel(recent.at(-1)!.period)}: latest value ${fmtNumber(last.value, indicator.unit)} in ${periodLabel(last.period)}${last.target !== null ? ` against a target of ${fmtNumber(last.target, indicator.unit)}` : ''}; ${stale ? `out of date (${status.currency.message})` : `rated ${RAG_LABELS[status.rag].toLowerCase()}`}, trend ${trendLabel(status.trend).toLowerCase()}. The values are in the scorecard table and the Excel appendix.`,
        xLabels: recent.map((p) => periodLabel(p.period)),
        series: [
          { name: 'Value', values: recent.map((p) => p.value) },
          ...(hasTarget ? [{ name: 'Target', values: recent.map((p) => p.target) }] : []),
        ],
        yLabel:
          indicator.unit === 'percent'
            ? 'Percent'
            : indicator.unit === 'rate-per-10k'
              ? 'Rate per 10,000 children'
              : indicator.unit === 'days'
                ? 'Days'
                : undefined,
      });
    }
  }
  ctx.data.push(scoreSheet, valuesSheet);
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: 'Indicators linked to this plan: latest value, target, rating, trend and benchmark position',
      columns: [
        { header: 'Indicator', width: 3 },
        { header: 'Latest', width: 1.6 },
        { header: 'Target' },
        { header: 'RAG' },
        { header: 'Trend' },
        { header: 'England' },
        { header: 'Neighbours' },
        { header: 'National rank', width: 1.6 },
      ],
      rows,
    },
  ];
  blocks.unshift({
    kind: 'paragraph',
    text: outOfDate
      ? `${outOfDate} of ${series.length} ${series.length === 1 ? 'indicator is' : 'indicators are'} out of date: no value has been recorded for the latest period due, so ${outOfDate === 1 ? 'it is' : 'they are'} shown as out of date rather than by the colour of an older value.`
      : `All ${series.length} ${series.length === 1 ? 'indicator has a value' : 'indicators have values'} for the latest period due.`,
  });
  if (!comparators.laCode)
    blocks.push({
      kind: 'paragraph',
      style: 'note',
      text: 'This council has no DfE local authority code recorded, so its own recorded values are ranked against published figures.',
    });
  if (charts.length) blocks.push({ kind: 'heading', text: 'Charts' }, ...charts);
  else
    blocks.push({
      kind: 'paragraph',
      text: 'No values have been recorded for these indicators yet, so there are no charts.',
    });
  return blocks;
}
