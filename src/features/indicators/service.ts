import type { Selectable } from 'kysely';
import type { Executor, Actor } from '../audit/audit.js';
import { insertAudited, updateAudited } from '../audit/audit.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { isPeriod, parsePeriod, periodKindOf } from '../../lib/periods.js';
import { unitError } from '../../lib/indicator-values.js';
import { countsError } from '../../lib/percent-count.js';
import { indicatorRag, targetFor, type TargetRule, type IndicatorRag } from '../../lib/indicator-rag.js';
import type { IndicatorsTable, IndicatorTargetsTable, ValueSource } from './tables.js';

export type Indicator = Selectable<IndicatorsTable>;
export type Target = Selectable<IndicatorTargetsTable>;

export async function listIndicators(db: Executor, organisationId: string): Promise<Indicator[]> {
  return db
    .selectFrom('indicators')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('theme')
    .orderBy('name')
    .execute();
}

export async function findIndicatorByKey(
  db: Executor,
  organisationId: string,
  key: string,
): Promise<Indicator | undefined> {
  return db
    .selectFrom('indicators')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function getIndicatorByKey(db: Executor, organisationId: string, key: string): Promise<Indicator> {
  const found = await findIndicatorByKey(db, organisationId, key);
  if (!found) throw new NotFoundError('No indicator with that key');
  return found;
}

const KIND_WORD = {
  month: 'a month like 2024-03',
  quarter: 'a quarter like 2024-Q1',
  year: 'a year like 2024',
} as const;

/** Why a period cannot hold a value of this indicator (wrong format or the wrong kind for its frequency). */
export function periodError(indicator: Pick<Indicator, 'frequency'>, period: string): string | null {
  const expected = periodKindOf(indicator.frequency);
  if (!isPeriod(period)) return `Period “${period.slice(0, 20)}” must be ${KIND_WORD[expected]}`;
  if (parsePeriod(period)!.kind !== expected)
    return `Period “${period}” must be ${KIND_WORD[expected]} for a ${indicator.frequency} indicator`;
  return null;
}

export interface ValueInput {
  period: string;
  value: number | null;
  /** For a percentage, the count behind it (both or neither): 169 of 206. */
  numerator?: number | null;
  denominator?: number | null;
  note?: string;
  provenance?: Record<string, unknown>;
}

/** Check values for one indicator; each problem names the path it came from. */
export function checkValues(
  indicator: Pick<Indicator, 'frequency' | 'unit'>,
  values: ValueInput[],
  pathOf: (i: number, field: 'period' | 'value') => string,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const pe = periodError(indicator, v.period);
    if (pe) details.push({ path: pathOf(i, 'period'), message: pe });
    else if (seen.has(v.period))
      details.push({ path: pathOf(i, 'period'), message: `Period ${v.period} is given more than once` });
    seen.add(v.period);
    if (v.value !== null) {
      const ue = unitError(v.value, indicator.unit);
      if (ue) details.push({ path: pathOf(i, 'value'), message: `Value ${v.value} ${ue}` });
    }
    const ce = countsError(indicator.unit, v);
    if (ce) details.push({ path: pathOf(i, 'value'), message: ce });
  });
  return details;
}

/**
 * Record values for one indicator inside the caller's transaction. A period that already has a value
 * is corrected in place (its version goes up and the audit trail keeps the value it replaced), so
 * corrections keep their history; an unchanged value is left alone. Returns counts.
 */
export async function recordValues(
  trx: Executor,
  actor: Actor,
  indicator: Indicator,
  values: ValueInput[],
  source: ValueSource,
): Promise<{ created: number; corrected: number; unchanged: number }> {
  const problems = checkValues(indicator, values, (i, f) => `values.${i}.${f}`);
  if (problems.length) throw new ValidationError(problems);
  const existing = await trx
    .selectFrom('indicatorValues')
    .selectAll()
    .where('organisationId', '=', actor.organisationId)
    .where('indicatorId', '=', indicator.id)
    .where('period', 'in', values.length ? values.map((v) => v.period) : ['-'])
    .execute();
  const byPeriod = new Map(existing.map((e) => [e.period, e]));
  const counts = { created: 0, corrected: 0, unchanged: 0 };
  for (let v of values) {
    const note = (v.note ?? '').trim();
    const prior = byPeriod.get(v.period);
    const provenance = v.provenance ? JSON.stringify(v.provenance) : null;
    const numerator = v.numerator ?? null;
    const denominator = v.denominator ?? null;
    // Counts alone give the percentage, to one decimal place.
    if (v.value === null && numerator !== null && denominator)
      v = { ...v, value: Math.round((numerator / denominator) * 1000) / 10 };
    if (!prior) {
      await insertAudited(trx, actor, 'indicatorValues', {
        indicatorId: indicator.id,
        period: v.period,
        value: v.value,
        numerator,
        denominator,
        source,
        note,
        recordedBy: actor.label,
        provenance,
      });
      counts.created++;
    } else if (
      prior.value === v.value &&
      prior.note === note &&
      prior.source === source &&
      (prior.numerator ?? null) === numerator &&
      (prior.denominator ?? null) === denominator
    ) {
      counts.unchanged++;
    } else {
      await updateAudited(trx, actor, 'indicatorValues', prior.id, {
        value: v.value,
        numerator,
        denominator,
        note,
        source,
        recordedBy: actor.label,
        provenance,
      });
      counts.corrected++;
    }
  }
  return counts;
}

export function targetRules(
  targets: Pick<Target, 'kind' | 'period' | 'value' | 'startPeriod' | 'startValue' | 'endPeriod' | 'endValue'>[],
): TargetRule[] {
  return targets.flatMap((t): TargetRule[] => {
    if (t.kind === 'period' && t.period && t.value !== null)
      return [{ kind: 'period', period: t.period, value: t.value }];
    if (t.kind === 'trajectory' && t.startPeriod && t.endPeriod && t.startValue !== null && t.endValue !== null)
      return [
        {
          kind: 'trajectory',
          startPeriod: t.startPeriod,
          startValue: t.startValue,
          endPeriod: t.endPeriod,
          endValue: t.endValue,
        },
      ];
    return [];
  });
}

export interface SeriesPoint {
  id: string | null;
  period: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  target: number | null;
  rag: IndicatorRag;
  source: ValueSource | null;
  note: string;
  recordedBy: string | null;
  updatedAt: Date | null;
  version: number | null;
}

/** The indicator's values of its own frequency, oldest first, each with its target and RAG. */
export async function loadSeries(
  db: Executor,
  organisationId: string,
  indicator: Indicator,
): Promise<{ points: SeriesPoint[]; targets: Target[] }> {
  const [values, targets] = await Promise.all([
    db
      .selectFrom('indicatorValues')
      .selectAll()
      .where('organisationId', '=', organisationId)
      .where('indicatorId', '=', indicator.id)
      .execute(),
    db
      .selectFrom('indicatorTargets')
      .selectAll()
      .where('organisationId', '=', organisationId)
      .where('indicatorId', '=', indicator.id)
      .orderBy('createdAt')
      .execute(),
  ]);
  return { points: buildPoints(indicator, values, targetRules(targets)), targets };
}

export function buildPoints(
  indicator: Pick<Indicator, 'frequency' | 'polarity' | 'tolerance'>,
  values: {
    id: string;
    period: string;
    value: number | null;
    numerator?: number | null;
    denominator?: number | null;
    source: ValueSource;
    note: string;
    recordedBy: string;
    updatedAt: Date;
    version: number;
  }[],
  rules: TargetRule[],
): SeriesPoint[] {
  const kind = periodKindOf(indicator.frequency);
  // Periods of one kind sort correctly as text (2024-03 < 2024-10, 2024-Q1 < 2024-Q4, 2023 < 2024).
  return values
    .filter((v) => parsePeriod(v.period)?.kind === kind)
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
    .map((v) => {
      const target = targetFor(v.period, rules);
      return {
        id: v.id,
        period: v.period,
        value: v.value,
        numerator: v.numerator ?? null,
        denominator: v.denominator ?? null,
        target,
        rag: indicatorRag({ value: v.value, target, polarity: indicator.polarity, tolerance: indicator.tolerance }),
        source: v.source,
        note: v.note,
        recordedBy: v.recordedBy,
        updatedAt: v.updatedAt,
        version: v.version,
      };
    });
}

export interface IndicatorInput {
  key: string;
  name: string;
  definition: string;
  unit: Indicator['unit'];
  polarity: Indicator['polarity'];
  frequency: Indicator['frequency'];
  theme: string;
  owner: string;
  dataSource: string;
  nationalMeasure: string | null;
  tolerance: number;
}

export async function createIndicator(trx: Executor, actor: Actor, input: IndicatorInput): Promise<Indicator> {
  if (await findIndicatorByKey(trx, actor.organisationId, input.key))
    throw new ValidationError([{ path: 'key', message: `An indicator with the key “${input.key}” already exists` }]);
  return insertAudited(trx, actor, 'indicators', { ...input });
}

export async function updateIndicator(
  trx: Executor,
  actor: Actor,
  indicator: Indicator,
  input: Omit<IndicatorInput, 'key'>,
  expectedVersion: number,
): Promise<Indicator> {
  return updateAudited(trx, actor, 'indicators', indicator.id, { ...input }, expectedVersion);
}
