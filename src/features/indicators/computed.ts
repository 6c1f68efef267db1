import type { Actor, Executor } from '../audit/audit.js';
import { ValidationError } from '../../lib/errors.js';
import { parsePeriod } from '../../lib/periods.js';
import type { Polarity, Unit } from './tables.js';
import { createIndicator, findIndicatorByKey, recordValues } from './service.js';
import { addCounts, NO_CHANGES, type RecordCounts } from './value-service.js';

export interface ComputedValue {
  key: string;
  name?: string;
  unit?: Unit;
  polarity?: Polarity;
  /** Used when the indicator is created: what it means, and the national measure it is set beside. */
  definition?: string;
  nationalMeasure?: string | null;
  period: string;
  value: number | null;
  note?: string;
  provenance?: Record<string, unknown>;
}

const FREQUENCY = { month: 'monthly', quarter: 'quarterly', year: 'annual' } as const;

/**
 * Record values computed from child-level data (source `computed`), inside the caller's transaction.
 * An indicator missing from the organisation's library is created (its frequency follows the period:
 * 2024-03 monthly, 2024-Q1 quarterly, 2024 annual); a period that already has a value is corrected
 * with its history kept in the audit trail.
 */
export async function recordComputedValues(
  trx: Executor,
  actor: Actor,
  values: ComputedValue[],
): Promise<RecordCounts> {
  const byKey = new Map<string, ComputedValue[]>();
  for (const v of values) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
  let totals = NO_CHANGES;
  for (const [key, list] of byKey) {
    let indicator = await findIndicatorByKey(trx, actor.organisationId, key);
    if (!indicator) {
      const kind = parsePeriod(list[0].period)?.kind;
      if (!kind)
        throw new ValidationError([
          {
            path: `${key}.period`,
            message: `Period “${list[0].period}” must be a month like 2024-03, a quarter like 2024-Q1 or a year like 2024`,
          },
        ]);
      indicator = await createIndicator(trx, actor, {
        key,
        name: list[0].name ?? key,
        definition: list[0].definition ?? 'Computed by Waymark from child-level data.',
        unit: list[0].unit ?? 'count',
        polarity: list[0].polarity ?? 'neither',
        frequency: FREQUENCY[kind],
        theme: 'Computed from child-level data',
        owner: '',
        dataSource: 'Computed from child-level data',
        nationalMeasure: list[0].nationalMeasure ?? null,
        tolerance: 0,
      });
    }
    const unit = indicator.unit;
    const counts = await recordValues(
      trx,
      actor,
      indicator,
      list.map((v) => ({
        period: v.period,
        value: v.value,
        ...countsFrom(unit, v),
        note: v.note,
        provenance: v.provenance,
      })),
      'computed',
    );
    totals = addCounts(totals, counts);
  }
  return totals;
}

/** A computed percentage keeps the count behind it ("82% (169 of 206)") when its provenance gives one. */
function countsFrom(unit: Unit, v: ComputedValue): { numerator?: number; denominator?: number } {
  const n = v.provenance?.numerator;
  const d = v.provenance?.denominator;
  if (
    unit !== 'percent' ||
    v.value === null ||
    typeof n !== 'number' ||
    typeof d !== 'number' ||
    !Number.isInteger(n) ||
    !Number.isInteger(d) ||
    d <= 0 ||
    n > d
  )
    return {};
  return Math.abs((n / d) * 100 - v.value) <= 0.5 ? { numerator: n, denominator: d } : {};
}
