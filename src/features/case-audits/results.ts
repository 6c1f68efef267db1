import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { updateAudited, type Actor, type Executor } from '../audit/audit.js';
import { ConflictError } from '../../lib/errors.js';
import { periodLabel } from '../../lib/periods.js';
import { cycleIndicatorValues, KEY_PREFIX } from '../../lib/case-audit-indicators.js';
import { createIndicator, findIndicatorByKey } from '../indicators/service.js';
import { recordComputedValues, type ComputedValue } from '../indicators/computed.js';
import { loadCycle } from './cycles.js';

export const INDICATOR_THEME = 'Case file audits';

/**
 * Write a published cycle's results into the indicator library for its month (inside the caller's
 * transaction): each share with its numerator and denominator as provenance and in the note, so the
 * count is always beside the percentage. A share the cycle no longer has (its audits were removed) is
 * set to no value rather than left as it was. Unpublished cycles write nothing.
 */
export async function syncIndicators(trx: Executor, actor: Actor, cycleId: string): Promise<number> {
  const view = await loadCycle(trx, actor.organisationId, cycleId);
  if (view.cycle.status !== 'published') return 0;
  const values = cycleIndicatorValues(view.cycle.seriesKey, view.seriesName, view.summary);
  for (const v of values) {
    if (!(await findIndicatorByKey(trx, actor.organisationId, v.key))) {
      await createIndicator(trx, actor, {
        key: v.key,
        name: v.name,
        definition: `${v.definition} From the case file audit cycles of ${view.seriesName} in Waymark; the value of a month is that month’s cycle.`,
        unit: 'percent',
        polarity: v.polarity,
        frequency: 'monthly',
        theme: INDICATOR_THEME,
        owner: '',
        dataSource: 'Case file audits (Waymark)',
        nationalMeasure: null,
        tolerance: 0,
      });
    }
  }
  const written = new Set(values.map((v) => v.key));
  const stale = await trx
    .selectFrom('indicatorValues')
    .innerJoin('indicators', 'indicators.id', 'indicatorValues.indicatorId')
    .select(['indicators.key'])
    .where('indicatorValues.organisationId', '=', actor.organisationId)
    .where('indicatorValues.period', '=', view.cycle.period)
    .where('indicators.key', 'like', `${KEY_PREFIX}.${view.cycle.seriesKey}.%`)
    .where('indicatorValues.value', 'is not', null)
    .execute();
  const computed: ComputedValue[] = values.map((v) => ({
    key: v.key,
    period: view.cycle.period,
    value: v.value,
    note: `${v.numerator} of ${v.denominator} ${v.counted} (${view.cycle.title})`,
    provenance: {
      source: 'case-audits',
      cycleId: view.cycle.id,
      cycleTitle: view.cycle.title,
      numerator: v.numerator,
      denominator: v.denominator,
      counted: v.counted,
    },
  }));
  for (const s of stale) {
    if (!written.has(s.key))
      computed.push({
        key: s.key,
        period: view.cycle.period,
        value: null,
        note: `Nothing graded in ${view.cycle.title}`,
        provenance: { source: 'case-audits', cycleId: view.cycle.id },
      });
  }
  await recordComputedValues(trx, actor, computed);
  return computed.length;
}

/** Publish a cycle's results: from now on they are indicators, and any later grade or moderation updates them. */
export async function publishCycle(db: Kysely<Database>, actor: Actor, cycleId: string, expectedVersion?: number) {
  return db.transaction().execute(async (trx) => {
    const view = await loadCycle(trx, actor.organisationId, cycleId);
    if (view.cycle.status === 'published')
      throw new ConflictError(
        'This cycle’s results are already published; they update themselves when a grade changes',
      );
    if (!view.summary.audits)
      throw new ConflictError(
        `Nothing has been graded in this cycle yet, so there are no results to publish for ${periodLabel(view.cycle.period)}`,
      );
    await updateAudited(
      trx,
      actor,
      'caseAuditCycles',
      cycleId,
      { status: 'published', publishedAt: new Date() },
      expectedVersion,
    );
    return syncIndicators(trx, actor, cycleId);
  });
}
