import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { insertAudited, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import { ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { parsePeriod, periodKindOf } from '../../lib/periods.js';
import { unitError } from '../../lib/indicator-values.js';
import { readTypedValue } from '../../lib/indicator-counts.js';
import { recordValues, type Indicator, type ValueInput } from './service.js';
import type { correctionSchema, targetSchema } from './schemas.js';
import { countsAfterCorrection } from '../../lib/indicator-counts.js';
import type { IndicatorValuesTable, ValueSource } from './tables.js';

export type RecordCounts = Awaited<ReturnType<typeof recordValues>>;
export const NO_CHANGES: RecordCounts = { created: 0, corrected: 0, unchanged: 0 };
export const addCounts = (a: RecordCounts, b: RecordCounts): RecordCounts => ({
  created: a.created + b.created,
  corrected: a.corrected + b.corrected,
  unchanged: a.unchanged + b.unchanged,
});

/** One row of the entry grid as typed (or as recorded, when the grid is first shown). */
export interface GridRow {
  indicator: Indicator;
  value: unknown;
  numerator: unknown;
  denominator: unknown;
  note: unknown;
  withCounts: boolean;
}

export interface GridWrite extends Omit<ValueInput, 'period'> {
  indicator: Indicator;
}

/**
 * Read every row of the entry grid: a row left blank is skipped; each problem names the row's
 * indicator and links to the box it is about (`v-<id>-value`, `-numerator` or `-denominator`).
 */
export function readGrid(rows: GridRow[]): { details: ErrorDetail[]; writes: GridWrite[] } {
  const details: ErrorDetail[] = [];
  const writes: GridWrite[] = [];
  for (const row of rows) {
    // Counts are offered only beside a percentage; anything posted for another unit is not read.
    const cells = {
      value: String(row.value ?? '').trim(),
      numerator: row.withCounts ? String(row.numerator ?? '').trim() : '',
      denominator: row.withCounts ? String(row.denominator ?? '').trim() : '',
    };
    if (!cells.value && !cells.numerator && !cells.denominator) continue;
    const read = readTypedValue(row.indicator.unit, cells);
    if (!read.ok) {
      for (const p of read.problems)
        details.push({ path: `v-${row.indicator.id}-${p.field}`, message: `${row.indicator.name}: ${p.message}` });
      continue;
    }
    writes.push({
      indicator: row.indicator,
      value: read.value,
      numerator: read.numerator,
      denominator: read.denominator,
      note: String(row.note ?? '').trim() || (read.suppressed ? `Suppressed (${read.suppressed})` : ''),
    });
  }
  return { details, writes };
}

/** Save one period's values from the grid, each a new value or a correction that keeps its history. */
export async function saveGrid(
  trx: Executor,
  actor: Actor,
  period: string,
  writes: GridWrite[],
  source: ValueSource = 'manual',
): Promise<RecordCounts> {
  let counts = NO_CHANGES;
  for (const { indicator, ...value } of writes)
    counts = addCounts(counts, await recordValues(trx, actor, indicator, [{ period, ...value }], source));
  return counts;
}

/** Add a target, refusing a period of the wrong kind for the indicator or a value its unit cannot take. */
export async function addTarget(
  trx: Executor,
  actor: Actor,
  indicator: Indicator,
  t: z.infer<typeof targetSchema>,
): Promise<void> {
  const kind = periodKindOf(indicator.frequency);
  const periods =
    t.kind === 'period'
      ? [['period', t.period]]
      : [
          ['startPeriod', t.startPeriod],
          ['endPeriod', t.endPeriod],
        ];
  const wrong = periods
    .filter(([, p]) => parsePeriod(p)!.kind !== kind)
    .map(([path, p]) => ({ path, message: `${p} is not a ${kind}: this indicator is ${indicator.frequency}` }));
  if (wrong.length) throw new ValidationError(wrong);
  if (t.kind === 'trajectory' && t.endPeriod <= t.startPeriod)
    throw new ValidationError([{ path: 'endPeriod', message: 'End period must be after the start period' }]);
  const values = [t.kind === 'period' ? t.value : t.startValue, t.kind === 'trajectory' ? t.endValue : null].filter(
    (v): v is number => v !== null,
  );
  const bad = values.map((v) => unitError(v, indicator.unit)).find(Boolean);
  if (bad)
    throw new ValidationError([{ path: t.kind === 'period' ? 'value' : 'startValue', message: `Target ${bad}` }]);
  await insertAudited(
    trx,
    actor,
    'indicatorTargets',
    t.kind === 'period'
      ? { indicatorId: indicator.id, kind: 'period', period: t.period, value: t.value }
      : {
          indicatorId: indicator.id,
          kind: 'trajectory',
          startPeriod: t.startPeriod,
          startValue: t.startValue,
          endPeriod: t.endPeriod,
          endValue: t.endValue,
        },
  );
}

/** Correct one recorded value by hand; a stale edit is refused (409) and the audit trail keeps the old value. */
export async function correctValue(
  trx: Executor,
  actor: Actor,
  indicator: Indicator,
  value: Selectable<IndicatorValuesTable>,
  input: z.infer<typeof correctionSchema>,
) {
  const ue = input.value !== null ? unitError(input.value, indicator.unit) : null;
  if (ue) throw new ValidationError([{ path: 'value', message: `Value ${ue}` }]);
  return updateAudited(
    trx,
    actor,
    'indicatorValues',
    value.id,
    {
      value: input.value,
      ...countsAfterCorrection(input.value, {
        numerator: value.numerator ?? null,
        denominator: value.denominator ?? null,
      }),
      note: input.note,
      source: 'manual',
      recordedBy: actor.label,
    },
    input.version,
  );
}
