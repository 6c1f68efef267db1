/**
 * Risk scores on a 5 × 5 matrix: score = likelihood × impact (each 1–5). Rating bands (the same
 * everywhere): 1–4 low, 5–9 medium, 10–16 high, 20–25 very high.
 */
export type RiskRating = 'low' | 'medium' | 'high' | 'very-high';

export const RISK_RATING_LABELS: Record<RiskRating, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  'very-high': 'Very high',
};

export function riskScore(likelihood: number, impact: number): number {
  for (const [name, v] of [
    ['likelihood', likelihood],
    ['impact', impact],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 5) throw new RangeError(`${name} must be a whole number from 1 to 5`);
  }
  return likelihood * impact;
}

export function riskRating(score: number): RiskRating {
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 16) return 'high';
  return 'very-high';
}
