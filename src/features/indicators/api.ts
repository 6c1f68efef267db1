import { z } from 'zod';
import { numberField } from '../../lib/validation.js';
import type { ApiRegistry } from '../../api/registry.js';
import { listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { parseOrThrow } from '../../lib/validation.js';
import { periodKindOf } from '../../lib/periods.js';
import { POLARITIES, UNITS, FREQUENCIES } from './tables.js';
import { newIndicatorSchema } from './schemas.js';
import {
  createIndicator,
  getIndicatorByKey,
  listIndicators,
  loadSeries,
  recordValues,
  type Indicator,
  type SeriesPoint,
} from './service.js';
import { statusOf, loadIndicatorSeries } from './status.js';
import { benchmarkModel, toCsv } from './detail.js';
import { loadCurrentVsPublished } from './current-vs-published.js';

const indicatorSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  definition: z.string(),
  unit: z.enum(UNITS),
  polarity: z.enum(POLARITIES),
  frequency: z.enum(FREQUENCIES),
  theme: z.string(),
  owner: z.string(),
  dataSource: z.string(),
  nationalMeasure: z.string().nullable(),
  tolerance: z.number(),
  version: z.number(),
});

const toApi = (i: Indicator) => ({
  id: i.id,
  key: i.key,
  name: i.name,
  definition: i.definition,
  unit: i.unit,
  polarity: i.polarity,
  frequency: i.frequency,
  theme: i.theme,
  owner: i.owner,
  dataSource: i.dataSource,
  nationalMeasure: i.nationalMeasure,
  tolerance: i.tolerance,
  version: i.version,
});

/** A point of a series as the API and the feeds give it. */
const pointJson = (p: SeriesPoint) => ({
  period: p.period,
  value: p.value,
  target: p.target,
  rag: p.rag,
  source: p.source,
  note: p.note,
});

const createSchema = z.object({
  key: newIndicatorSchema.shape.key,
  name: z.string().trim().min(1, 'Enter the indicator name').max(200),
  definition: z.string().max(2000).default(''),
  unit: z.enum(UNITS, { error: `Unit must be one of ${UNITS.join(', ')}` }),
  polarity: z.enum(POLARITIES, { error: `Polarity must be one of ${POLARITIES.join(', ')}` }),
  frequency: z.enum(FREQUENCIES, { error: `Frequency must be one of ${FREQUENCIES.join(', ')}` }),
  theme: z.string().trim().max(100).default('Other'),
  owner: z.string().max(200).default(''),
  dataSource: z.string().max(200).default(''),
  nationalMeasure: newIndicatorSchema.shape.nationalMeasure.optional().transform((v) => v ?? null),
  tolerance: z.number().min(0, 'Tolerance must be 0 or more').default(0),
});

const valuesBody = z.object({
  values: z
    .array(
      z.object({
        period: z.string({ error: 'Period is required' }),
        value: numberField('Value'),
        numerator: z
          .number()
          .nullish()
          .describe('For a percentage: the count it is a percentage of (with denominator), e.g. 169'),
        denominator: z.number().nullish().describe('For a percentage: the whole, e.g. 206 for 169 of 206'),
        note: z.string().max(1000).optional(),
      }),
    )
    .min(1, 'Send at least one value')
    .max(5000, 'Send at most 5,000 values at a time'),
});

const pointSchema = z.object({
  period: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  target: z.number().nullable(),
  rag: z.enum(['red', 'amber', 'green', 'none']),
  source: z.string().nullable(),
  note: z.string(),
});

const benchmarkResponse = z.object({
  key: z.string(),
  measure: z.string(),
  year: z.number(),
  value: z.number().nullable(),
  england: z.number().nullable(),
  region: z.number().nullable(),
  neighbours: z.number().nullable(),
  rank: z.number().nullable(),
  of: z.number().nullable(),
  quartile: z.number().nullable(),
  groups: z.array(z.object({ name: z.string(), average: z.number().nullable() })),
  items: z.array(z.object({ laCode: z.string(), laName: z.string(), value: z.number().nullable() })),
  current: z
    .object({
      period: z.string(),
      value: z.number(),
      year: z.number().describe('The latest published year it is set beside'),
      rank: z.number().nullable(),
      of: z.number().nullable(),
      quartile: z.number().nullable(),
      differences: z.string().describe('How the computed figure’s definition differs from the published one'),
    })
    .nullable()
    .describe('For a figure computed from Annex A: its latest value beside the latest published national figures'),
});

async function currentForApi(db: Services['db'], organisationId: string, indicator: Indicator, points: SeriesPoint[]) {
  const c = await loadCurrentVsPublished(db, organisationId, indicator, points);
  return c
    ? {
        period: c.current.period,
        value: c.current.value,
        year: c.year,
        rank: c.rank,
        of: c.of,
        quartile: c.quartile,
        differences: c.differences,
      }
    : null;
}

export function indicatorsApi(api: ApiRegistry, services: Services): void {
  const { db } = services;
  api.add({
    method: 'get',
    path: '/indicators',
    tag: 'Indicators',
    summary: 'Every indicator in the organisation’s library',
    response: listOf(indicatorSchema),
    handler: async ({ user }) => ({ items: (await listIndicators(db, user.organisationId)).map(toApi) }),
  });

  api.add({
    method: 'post',
    path: '/indicators',
    tag: 'Indicators',
    summary: 'Add a custom indicator to the library',
    body: createSchema,
    response: indicatorSchema,
    status: 201,
    handler: async ({ actor, body }) =>
      toApi(await db.transaction().execute((trx) => createIndicator(trx, actor, body))),
  });

  api.add({
    method: 'post',
    path: '/indicators/:key/values',
    tag: 'Indicators',
    summary:
      'Record values for periods (all or nothing); an existing period is corrected, keeping its history. Body: { "values": [{ "period": "2024-03", "value": 82, "numerator": 169, "denominator": 206, "note": "optional" }] } (counts only for percentages, optional)',
    response: z.object({ created: z.number(), corrected: z.number(), unchanged: z.number() }),
    handler: async ({ actor, user, params, req }) => {
      // The indicator is loaded before the body is validated, so another organisation's key is a 404, never a 422.
      const indicator = await getIndicatorByKey(db, user.organisationId, params.key);
      const body = parseOrThrow(valuesBody, req.body ?? {});
      return db.transaction().execute((trx) => recordValues(trx, actor, indicator, body.values, 'manual'));
    },
  });

  api.add({
    method: 'get',
    path: '/indicators/:key/series',
    tag: 'Indicators',
    summary: 'The indicator’s values with their targets and RAG, oldest first',
    response: z.object({ indicator: indicatorSchema, trend: z.string(), items: z.array(pointSchema) }),
    handler: async ({ user, params }) => {
      const indicator = await getIndicatorByKey(db, user.organisationId, params.key);
      const { points } = await loadSeries(db, user.organisationId, indicator);
      return {
        indicator: toApi(indicator),
        trend: statusOf(indicator, points).trend,
        items: points.map((p) => ({
          ...pointJson(p),
          numerator: p.numerator ?? null,
          denominator: p.denominator ?? null,
        })),
      };
    },
  });

  api.add({
    method: 'get',
    path: '/benchmarks/:key',
    tag: 'Indicators',
    summary:
      'National benchmarks for an indicator: England, region, statistical neighbours, rank and quartile among all English authorities',
    query: z.object({
      year: z.coerce
        .number({ error: 'Year must be a number like 2024' })
        .int('Year must be a whole number like 2024')
        .min(2000)
        .max(2100)
        .optional(),
    }),
    response: benchmarkResponse,
    handler: async ({ user, params, query }) => {
      const indicator = await getIndicatorByKey(db, user.organisationId, params.key);
      if (!indicator.nationalMeasure) throw new NotFoundError('This indicator has no national benchmark');
      const { points } = await loadSeries(db, user.organisationId, indicator);
      const model = await benchmarkModel(db, user.organisationId, indicator, points, query.year ?? null);
      if (!model) throw new NotFoundError('No national data for this indicator');
      if (query.year && model.summary.year !== query.year)
        throw new ValidationError(
          [{ path: 'year', message: `No national data for ${query.year}; years available: ${model.years.join(', ')}` }],
          'There is a problem with the query',
          400,
        );
      const { measure, year, own, england, region, neighbours, rank, of, quartile, groups, items } = model.summary;
      return {
        key: indicator.key,
        measure,
        year,
        value: own,
        england,
        region,
        neighbours,
        rank,
        of,
        quartile,
        groups,
        items: items.map((i) => ({ laCode: i.laCode, laName: i.laName, value: i.value })),
        current: await currentForApi(db, user.organisationId, indicator, points),
      };
    },
  });

  // Feeds for Excel and Power BI: every indicator's series, stable URLs, bearer token like the rest of the API.
  const feedRows = async (organisationId: string) => {
    const series = await loadIndicatorSeries(db, organisationId);
    return series.flatMap(({ indicator, points }) =>
      points.map((p) => ({
        key: indicator.key,
        name: indicator.name,
        theme: indicator.theme,
        unit: indicator.unit,
        polarity: indicator.polarity,
        frequency: indicator.frequency,
        kind: periodKindOf(indicator.frequency),
        ...pointJson(p),
      })),
    );
  };
  api.add({
    method: 'get',
    path: '/feeds/indicators.csv',
    tag: 'Feeds',
    summary: 'Every value of every indicator as CSV (one row per indicator and period), for Excel and Power BI',
    produces: ['text/csv'],
    handler: async ({ user, res }) => {
      const rows = await feedRows(user.organisationId);
      res.type('text/csv').attachment('indicators.csv');
      res.send(
        toCsv(
          [
            'key',
            'name',
            'theme',
            'unit',
            'polarity',
            'frequency',
            'period',
            'value',
            'target',
            'rag',
            'source',
            'note',
          ],
          rows.map((r) => [
            r.key,
            r.name,
            r.theme,
            r.unit,
            r.polarity,
            r.frequency,
            r.period,
            r.value,
            r.target,
            r.rag,
            r.source,
            r.note,
          ]),
        ),
      );
    },
  });
  api.add({
    method: 'get',
    path: '/feeds/indicators.json',
    tag: 'Feeds',
    summary: 'Every value of every indicator as JSON, for Power BI',
    response: listOf(
      z.object({
        key: z.string(),
        name: z.string(),
        period: z.string(),
        value: z.number().nullable(),
        target: z.number().nullable(),
        rag: z.string(),
      }),
    ),
    handler: async ({ user }) => ({ items: (await feedRows(user.organisationId)).map(({ kind: _kind, ...r }) => r) }),
  });
}
