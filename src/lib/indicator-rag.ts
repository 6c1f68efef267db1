import { comparePeriods, parsePeriod, periodDistance } from './periods.js';

export type Polarity = 'higher-is-better' | 'lower-is-better' | 'neither';
export type IndicatorRag = 'red' | 'amber' | 'green' | 'none';

export type TargetRule =
  | { kind: 'period'; period: string; value: number }
  | { kind: 'trajectory'; startPeriod: string; startValue: number; endPeriod: string; endValue: number };

/**
 * The target that applies to a period. A target set for exactly that period wins; otherwise a
 * trajectory of the same kind of period gives a straight line from its start value to its end value
 * (rounded to 2 decimal places), holding the end value after its end; before its start there is no
 * target. Where several trajectories cover the period, the one starting latest applies.
 */
export function targetFor(period: string, rules: readonly TargetRule[]): number | null {
  const exact = rules.find((r) => r.kind === 'period' && r.period === period);
  if (exact && exact.kind === 'period') return exact.value;
  const kind = parsePeriod(period)?.kind;
  let best: { start: string; value: number } | null = null;
  for (const r of rules) {
    if (r.kind !== 'trajectory' || parsePeriod(r.startPeriod)?.kind !== kind || parsePeriod(r.endPeriod)?.kind !== kind)
      continue;
    const fromStart = periodDistance(r.startPeriod, period);
    if (fromStart < 0) continue;
    const length = periodDistance(r.startPeriod, r.endPeriod);
    const value =
      length <= 0 || fromStart >= length
        ? r.endValue
        : r.startValue + ((r.endValue - r.startValue) * fromStart) / length;
    if (!best || comparePeriods(r.startPeriod, best.start) > 0)
      best = { start: r.startPeriod, value: Math.round(value * 100) / 100 };
  }
  return best ? best.value : null;
}

/**
 * An indicator's RAG for one period, the one rule used everywhere:
 * - no value or no target → `none`;
 * - higher is better: at or above target → green; below it by no more than the tolerance → amber; further below → red;
 * - lower is better: the mirror image;
 * - neither (a reference level, not a direction): within the tolerance of target → green, within twice
 *   the tolerance → amber, beyond → red.
 * The tolerance is in the indicator's own unit (percentage points for a percentage).
 */
export function indicatorRag(input: {
  value: number | null;
  target: number | null;
  polarity: Polarity;
  tolerance: number;
}): IndicatorRag {
  const { value, target, polarity } = input;
  const tolerance = Math.max(0, input.tolerance);
  if (value === null || target === null || !Number.isFinite(value) || !Number.isFinite(target)) return 'none';
  // Compare in hundredths so 0.1 + 0.2 style float noise never flips a rating.
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  if (polarity === 'neither') {
    const gap = round(Math.abs(value - target));
    return gap <= tolerance ? 'green' : gap <= 2 * tolerance ? 'amber' : 'red';
  }
  const shortfall = round(polarity === 'higher-is-better' ? target - value : value - target);
  if (shortfall <= 0) return 'green';
  return shortfall <= tolerance ? 'amber' : 'red';
}
