import type { Insertable } from 'kysely';
import type { IndicatorTargetsTable, IndicatorValuesTable } from './tables.js';
import type { Services } from '../../container.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';
import { todayInLondon } from '../../lib/dates.js';
import { addPeriods, lastCompletePeriod, periodKindOf, periodRange } from '../../lib/periods.js';
import { ensureNationalData } from '../benchmarks/national-data.js';
import { neighboursFromDfe } from '../benchmarks/service.js';
import { STANDARD_LIBRARY } from './library.js';
import { insertAudited, insertManyAudited } from '../audit/audit.js';

/** Derby's DfE statistical neighbours stand in for the fictional demo council's (it has no DfE code). */
export const DEMO_NEIGHBOURS_OF = '831';
const EAST_MIDLANDS = ['830', '831', '855', '856', '857', '891', '892', '925', '940', '941'];

/** The demo council's story: start → end over the last four years, and its target. Fictional figures. */
const DEMO_SERIES: Record<string, { start: number; end: number; target: [number, number]; recent?: number }> = {
  'caseload-per-social-worker': { start: 19.4, recent: 18.3, end: 16.6, target: [18, 15] },
  'agency-rate': { start: 24, recent: 15.5, end: 17.5, target: [20, 12] },
  'vacancy-rate': { start: 22, end: 16.5, target: [18, 12] },
  'turnover-rate': { start: 19, end: 15.2, target: [16, 14] },
  'social-workers-per-10k': { start: 21.2, end: 23.8, target: [23, 25] },
  'referrals-rate': { start: 565, end: 528, target: [520, 520] },
  're-referrals-12-months': { start: 24.5, end: 21.3, target: [22, 20] },
  'assessments-within-45-days': { start: 71, end: 86, target: [80, 85] },
  'children-in-need-rate': { start: 352, end: 334, target: [330, 330] },
  'unallocated-cases': { start: 64, end: 12, target: [30, 0] },
  'cp-second-or-subsequent': { start: 27.5, end: 23.4, target: [24, 22] },
  'cp-plans-two-years': { start: 4.6, end: 3.1, target: [3, 2.5] },
  'children-looked-after-rate': { start: 79, end: 74, target: [70, 70] },
  'placement-stability-short-term': { start: 11.2, end: 9.6, target: [10, 9] },
  'placement-stability-long-term': { start: 66, end: 69.5, target: [70, 71] },
  'return-home-interviews-offered': { start: 83, end: 91, target: [90, 95] },
  'unregulated-placements': { start: 14, end: 1, target: [5, 0] },
  'care-leavers-suitable-accommodation': { start: 86, end: 90.5, target: [88, 90] },
  'care-leavers-eet': { start: 55, recent: 58, end: 52.5, target: [56, 58] },
};

/** A small deterministic generator so the demo is the same every time. */
function noise(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296 - 0.5;
  };
}

export async function seedIndicatorsDemo(services: Services, ctx: DemoContext): Promise<void> {
  const { db } = services;
  await ensureNationalData(db);
  const orgId = ctx.organisationId;
  const org = await db.selectFrom('organisations').select(['laCode']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const today = todayInLondon(services.now());

  await db.transaction().execute(async (trx) => {
    const existing = new Set(
      (await trx.selectFrom('indicators').select('key').where('organisationId', '=', orgId).execute()).map(
        (r) => r.key,
      ),
    );
    const missing = STANDARD_LIBRARY.filter((l) => !existing.has(l.key));
    if (missing.length) {
      await insertManyAudited(
        trx,
        ctx.actor,
        'indicators',
        missing.map((l) => ({ ...l, owner: l.theme === 'Workforce' ? 'Head of workforce' : 'Head of service' })),
      );
    }
    const indicators = await trx
      .selectFrom('indicators')
      .select(['id', 'key', 'frequency', 'unit'])
      .where('organisationId', '=', orgId)
      .execute();
    // An indicator that already has values (or targets) keeps them: the demo fills in only the others.
    const indicatorsWith = async (table: 'indicatorValues' | 'indicatorTargets') =>
      new Set(
        (
          await trx.selectFrom(table).select('indicatorId').distinct().where('organisationId', '=', orgId).execute()
        ).map((r) => r.indicatorId),
      );
    const withValues = await indicatorsWith('indicatorValues');
    const withTargets = await indicatorsWith('indicatorTargets');
    const values: Insertable<IndicatorValuesTable>[] = [];
    const targets: Insertable<IndicatorTargetsTable>[] = [];
    for (const ind of indicators) {
      const story = DEMO_SERIES[ind.key];
      if (!story) continue;
      const kind = periodKindOf(ind.frequency);
      const last = lastCompletePeriod(kind, today);
      const steps = kind === 'month' ? 48 : kind === 'quarter' ? 16 : 4;
      const periods = periodRange(addPeriods(last, -(steps - 1)), last);
      if (!withValues.has(ind.id)) {
        const rand = noise(ind.key);
        const digits = ind.unit === 'count' ? 0 : 1;
        periods.forEach((period, i) => {
          // A straight line from start to `recent` (six periods before the end), then on to the end.
          const turn = story.recent === undefined ? periods.length - 1 : periods.length - 7;
          const mid = story.recent ?? story.end;
          const base =
            i <= turn
              ? story.start + ((mid - story.start) * i) / turn
              : mid + ((story.end - mid) * (i - turn)) / (periods.length - 1 - turn);
          const wobble = i === periods.length - 1 ? 0 : rand() * 0.05 * Math.abs(base);
          let value = Math.max(0, base + wobble);
          if (ind.unit === 'percent') value = Math.min(100, value);
          value = Math.round(value * 10 ** digits) / 10 ** digits;
          values.push({
            organisationId: orgId,
            indicatorId: ind.id,
            period,
            value,
            source: 'import' as const,
            note: '',
            recordedBy: 'Demo data',
          });
        });
      }
      if (!withTargets.has(ind.id)) {
        const start = periods[Math.floor(periods.length / 2)];
        targets.push({
          organisationId: orgId,
          indicatorId: ind.id,
          kind: 'trajectory' as const,
          period: null,
          value: null,
          startPeriod: start,
          startValue: story.target[0],
          endPeriod: addPeriods(last, kind === 'month' ? 6 : 2),
          endValue: story.target[1],
        });
      }
    }
    // Demo records are audited like any other: each has its "create" event.
    await insertManyAudited(trx, ctx.actor, 'indicatorValues', values);
    await insertManyAudited(trx, ctx.actor, 'indicatorTargets', targets);

    if (!(await firstRecord(trx, orgId, 'organisationNeighbours'))) {
      const codes = await neighboursFromDfe(trx, org.laCode ?? DEMO_NEIGHBOURS_OF);
      await insertManyAudited(
        trx,
        ctx.actor,
        'organisationNeighbours',
        codes.map((laCode, i) => ({ laCode, position: i + 1 })),
      );
    }
    if (!(await firstRecord(trx, orgId, 'benchmarkGroups'))) {
      await insertAudited(trx, ctx.actor, 'benchmarkGroups', {
        name: 'East Midlands authorities',
        laCodes: JSON.stringify(EAST_MIDLANDS),
      });
    }
    if (!(await firstRecord(trx, orgId, 'indicatorImports'))) {
      await insertAudited(trx, ctx.actor, 'indicatorImports', {
        filename: 'monthly-performance-return.csv',
        layout: 'long',
        status: 'committed',
        rows: JSON.stringify([]),
        errors: JSON.stringify([]),
      });
    }
  });
}
