import { parseNumberText } from './numbers.js';
import {
  addPeriods,
  lastCompletePeriod,
  parsePeriod,
  periodDistance,
  periodRange,
  type PeriodKind,
} from './periods.js';

export type Unit = 'count' | 'percent' | 'rate-per-10k' | 'days' | 'ratio';

/** Codes DfE and councils use for "no value" (suppressed, not applicable, not available). Never zero. */
export const SUPPRESSION_CODES = new Set(['c', 'x', 'z', 'k', 'low', 'u', '..', ':', 'n/a', 'na']);

export type CellNumber = { ok: true; value: number | null; suppressed?: string } | { ok: false; message: string };

/**
 * Read a number from a spreadsheet cell or a typed value: numbers as they are; text like "1,234", "16.6",
 * "91%"; suppression codes (c, x, z, k, low, u …) as a missing value. Anything else, including a comma
 * that could be a decimal comma ("16,2"), is refused with a message (used after the field's name).
 */
export function parseNumberCell(cell: unknown): CellNumber {
  if (typeof cell === 'string' && SUPPRESSION_CODES.has(cell.trim().toLowerCase()))
    return { ok: true, value: null, suppressed: cell.trim() };
  // The one parser of typed numbers (src/lib/numbers.ts): "16,2" is refused, never read as 162.
  return parseNumberText(cell);
}

/** Values that cannot be right for the unit, refused on entry: a negative anything, a percentage over 100. */
export function unitError(value: number, unit: Unit): string | null {
  if (value < 0) return 'must be 0 or more';
  if (unit === 'percent' && value > 100) return 'is a percentage, so must be 100 or less';
  return null;
}

/** Plausible range for a unit: values outside are kept but flagged for checking. */
export const PLAUSIBLE: Record<Unit, { min: number; max: number; whole?: boolean }> = {
  count: { min: 0, max: 1_000_000, whole: true },
  percent: { min: 0, max: 100 },
  'rate-per-10k': { min: 0, max: 2000 },
  days: { min: 0, max: 3650 },
  ratio: { min: 0, max: 100 },
};

export type QualityFlag =
  | { kind: 'missing'; periods: string[]; message: string }
  | { kind: 'implausible'; period: string; message: string }
  | { kind: 'jump'; period: string; message: string }
  | { kind: 'stale'; period: string | null; message: string };

/**
 * Data-quality flags for one indicator's series (periods of its frequency only):
 * - missing: periods between the first recorded one and the last one due that have no value;
 * - implausible: a value outside the unit's plausible range (or not whole, for a count);
 * - jump: a value more than 50% above or below the one for the period just before it (previous ≠ 0);
 * - stale: the latest value is older than the frequency allows — a period's value is due by the end
 *   of the next period, so the latest value must be for the last complete period or the one before.
 */
export function qualityFlags(input: {
  unit: Unit;
  kind: PeriodKind;
  values: readonly { period: string; value: number | null }[];
  today: string;
}): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const series = input.values
    .filter((v) => parsePeriod(v.period)?.kind === input.kind)
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const present = series.filter((v) => v.value !== null);
  const lastComplete = lastCompletePeriod(input.kind, input.today);
  const lastDue = addPeriods(lastComplete, -1);
  if (present.length) {
    const recorded = new Set(present.map((v) => v.period));
    const expected = periodDistance(present[0].period, lastDue) >= 0 ? periodRange(present[0].period, lastDue) : [];
    const missing = expected.filter((p) => !recorded.has(p));
    if (missing.length) {
      const shown = missing.slice(0, 6).join(', ') + (missing.length > 6 ? ` and ${missing.length - 6} more` : '');
      flags.push({
        kind: 'missing',
        periods: missing,
        message: `${missing.length} period${missing.length === 1 ? '' : 's'} with no value: ${shown}`,
      });
    }
  }
  const range = PLAUSIBLE[input.unit];
  for (const v of present) {
    const value = v.value as number;
    if (value < range.min || value > range.max)
      flags.push({
        kind: 'implausible',
        period: v.period,
        message: `${v.period}: ${value} is outside the plausible range ${range.min} to ${range.max}`,
      });
    else if (range.whole && !Number.isInteger(value))
      flags.push({ kind: 'implausible', period: v.period, message: `${v.period}: ${value} is not a whole number` });
  }
  for (let i = 1; i < present.length; i++) {
    const prev = present[i - 1];
    const cur = present[i];
    if (periodDistance(prev.period, cur.period) !== 1 || prev.value === 0) continue;
    const change = ((cur.value as number) - (prev.value as number)) / Math.abs(prev.value as number);
    if (Math.abs(change) > 0.5) {
      flags.push({
        kind: 'jump',
        period: cur.period,
        message: `${cur.period}: ${change > 0 ? 'up' : 'down'} ${Math.round(Math.abs(change) * 100)}% on ${prev.period} (${prev.value} to ${cur.value})`,
      });
    }
  }
  const latest = present.at(-1)?.period ?? null;
  if (!latest) flags.push({ kind: 'stale', period: null, message: 'No values recorded yet' });
  else if (periodDistance(latest, lastDue) > 0)
    flags.push({
      kind: 'stale',
      period: latest,
      message: `Not updated since ${latest}: the value for ${lastDue} was due`,
    });
  return flags;
}
