import type { Request, Router } from 'express';
import type { Services } from '../../../container.js';
import { signedIn } from '../../../middleware/auth.js';
import { NotFoundError } from '../../../lib/errors.js';
import { todayInLondon } from '../../../lib/dates.js';
import { NATIONAL_MEASURES } from '../../benchmarks/measures.js';
import { statusOf } from '../status.js';
import {
  benchmarkModel,
  chartRows,
  detailFlags,
  detailTrend,
  FREQUENCY_LABELS,
  POLARITY_LABELS,
  rankedItems,
  rankingChart,
  seriesChart,
  toCsv,
  UNIT_LABELS,
} from '../detail.js';
import { loadCurrentVsPublished } from '../current-vs-published.js';
import { mayEditIndicators, organisationPlace, ownedIndicator } from '../queries.js';

const yearOf = (req: Request) => Number(req.query.year) || null;

/** An indicator's page (series, chart, benchmarks and ranking) and its two CSV downloads. */
export function detailRoutes(router: Router, services: Services): void {
  const { db } = services;
  const load = async (req: Request) => {
    const { user } = signedIn(req);
    const indicator = await ownedIndicator(db, user.organisationId, String(req.params.id));
    return { user, indicator, ...(await chartRows(db, user.organisationId, indicator)) };
  };

  router.get('/indicators/:id', async (req, res) => {
    const { user, indicator, rows, points, targets } = await load(req);
    const bench = await benchmarkModel(db, user.organisationId, indicator, points, yearOf(req));
    const org = await organisationPlace(db, user.organisationId);
    res.render('indicators/views/indicator.njk', {
      title: indicator.name,
      indicator,
      labels: {
        unit: UNIT_LABELS[indicator.unit],
        polarity: POLARITY_LABELS[indicator.polarity],
        frequency: FREQUENCY_LABELS[indicator.frequency],
      },
      measure: NATIONAL_MEASURES.find((m) => m.key === indicator.nationalMeasure),
      rows: [...rows].reverse(),
      targets,
      chart: seriesChart(indicator, rows.slice(-36), org.name, org.region),
      bench,
      current: await loadCurrentVsPublished(db, user.organisationId, indicator, points),
      ranking: bench ? rankingChart(indicator, bench.summary, org.name, Boolean(org.laCode)) : null,
      rankingItems: bench ? rankedItems(bench.summary.items, indicator.polarity) : [],
      yearItems: bench
        ? bench.years.map((y) => ({
            value: String(y),
            text: `Year ending 31 March ${y}`,
            selected: y === bench.summary.year,
          }))
        : [],
      flags: detailFlags(indicator, points, services.now()),
      trend: detailTrend(indicator, points),
      status: statusOf(indicator, points, todayInLondon(services.now())),
      orgName: org.name,
      canEdit: mayEditIndicators(user.role),
    });
  });

  router.get('/indicators/:id/series.csv', async (req, res) => {
    const { indicator, rows } = await load(req);
    res.type('text/csv').attachment(`${indicator.key}-series.csv`);
    res.send(
      toCsv(
        ['period', 'value', 'target', 'rag', 'england', 'region', 'statistical_neighbours'],
        rows.map((r) => [r.period, r.value, r.target, r.rag, r.england, r.region, r.neighbours]),
      ),
    );
  });

  router.get('/indicators/:id/ranking.csv', async (req, res) => {
    const { user, indicator, points } = await load(req);
    const bench = await benchmarkModel(db, user.organisationId, indicator, points, yearOf(req));
    if (!bench) throw new NotFoundError('This indicator has no national benchmark');
    res.type('text/csv').attachment(`${indicator.key}-${bench.summary.year}-all-authorities.csv`);
    res.send(
      toCsv(
        ['la_code', 'la_name', 'year', 'value', 'suppression', 'statistical_neighbour'],
        bench.summary.items.map((i) => [
          i.laCode,
          i.laName,
          bench.summary.year,
          i.value,
          i.suppression,
          i.neighbour ? 'yes' : 'no',
        ]),
      ),
    );
  });
}
