import { formatNumber } from './charts/svg.js';

/**
 * A percentage with the count behind it, as councillors ask for it: "82% (169 of 206)". Where the
 * count is not known the percentage stands alone; where only counts are known the percentage is
 * worked out from them (to the nearest whole number, as reports round).
 */
export function percentWithCount(
  value: number | null | undefined,
  numerator?: number | null,
  denominator?: number | null,
  digits = 1,
): string {
  const hasCounts =
    numerator !== null &&
    numerator !== undefined &&
    denominator !== null &&
    denominator !== undefined &&
    denominator > 0;
  const pct = value ?? (hasCounts ? (numerator / denominator) * 100 : null);
  if (pct === null || !Number.isFinite(pct)) return '–';
  const text = `${formatNumber(pct, hasCounts && value == null ? 0 : digits)}%`;
  return hasCounts ? `${text} (${formatNumber(numerator, 0)} of ${formatNumber(denominator, 0)})` : text;
}

/** "4 of 12 (33%)" style share of a whole, for counts of actions or indicators. */
export function countWithPercent(count: number, total: number): string {
  if (!total) return `${formatNumber(count, 0)} of 0`;
  return `${formatNumber(count, 0)} of ${formatNumber(total, 0)} (${formatNumber(Math.round((count / total) * 100), 0)}%)`;
}

/**
 * Counts given with a percentage must be whole, both present, the numerator no more than the
 * denominator, and agree with the percentage to within rounding (half a percentage point).
 */
export function countsError(
  unit: string,
  v: { value: number | null; numerator?: number | null; denominator?: number | null },
): string | null {
  const n = v.numerator ?? null;
  const d = v.denominator ?? null;
  if (n === null && d === null) return null;
  if (unit !== 'percent') return 'Counts (numerator and denominator) can only be given for a percentage';
  if (n === null || d === null) return 'Give both the numerator and the denominator, or neither';
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d <= 0)
    return 'The numerator and denominator must be whole numbers, the denominator more than 0';
  if (n > d) return `The numerator (${n}) cannot be more than the denominator (${d})`;
  if (v.value !== null && Math.abs((n / d) * 100 - v.value) > 0.5) {
    return `${n} of ${d} is ${formatNumber((n / d) * 100, 1)}%, not ${formatNumber(v.value, 1)}%`;
  }
  return null;
}
