export type Trend = 'improving' | 'stable' | 'worsening' | 'unknown';
export type TrendPolarity = 'higher-is-better' | 'lower-is-better' | 'neither';

/** How many of the latest values the trend looks at, by frequency. */
export const TREND_WINDOW = { monthly: 6, quarterly: 4, annual: 3 } as const;

/**
 * Trend over the last `window` recorded values (missing values are skipped, not treated as zero):
 * 1. fit a least-squares straight line through the values against their position (0, 1, 2 …);
 * 2. the fitted change is slope × (n − 1), the line's rise across the window;
 * 3. if the fitted change is within 5% of the mean of the absolute values (the "stable band"), the
 *    trend is `stable`;
 * 4. otherwise the direction decides: rising is `improving` when higher is better, `worsening` when
 *    lower is better; for `neither` it is improving when the last fitted point is closer to the
 *    target than the first, worsening when further, and unknown without a target.
 * Fewer than 3 values → `unknown`.
 */
export function computeTrend(
  values: readonly (number | null)[],
  polarity: TrendPolarity,
  window = 6,
  target: number | null = null,
): Trend {
  const ys = values.filter((v): v is number => v !== null && Number.isFinite(v)).slice(-window);
  const n = ys.length;
  if (n < 3) return 'unknown';
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  const change = slope * (n - 1);
  const band = (0.05 * ys.reduce((a, b) => a + Math.abs(b), 0)) / n;
  if (Math.abs(change) <= band + 1e-9) return 'stable';
  if (polarity === 'higher-is-better') return change > 0 ? 'improving' : 'worsening';
  if (polarity === 'lower-is-better') return change < 0 ? 'improving' : 'worsening';
  if (target === null) return 'unknown';
  const first = meanY - slope * meanX;
  const last = first + change;
  return Math.abs(last - target) < Math.abs(first - target) ? 'improving' : 'worsening';
}
