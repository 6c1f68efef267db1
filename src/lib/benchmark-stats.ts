export type Polarity = 'higher-is-better' | 'lower-is-better' | 'neither';

/**
 * Rank of `own` among `others` (the other authorities' values; missing values are left out, never
 * counted as zero). Rank 1 is the best: the highest value when higher is better, the lowest when
 * lower is better, and, for `neither`, the lowest (the order DfE tables list them in). Ties share
 * the better rank (1, 2, 2, 4). `of` counts the authority itself.
 */
export function rankAmong(
  own: number | null,
  others: readonly (number | null)[],
  polarity: Polarity,
): { rank: number; of: number } | null {
  if (own === null || !Number.isFinite(own)) return null;
  const present = others.filter((v): v is number => v !== null && Number.isFinite(v));
  const better = present.filter((v) => (polarity === 'higher-is-better' ? v > own : v < own)).length;
  return { rank: better + 1, of: present.length + 1 };
}

/** Quartile from the rank: 1 is the best quarter, 4 the worst (ceil(4 × rank ÷ of)). */
export function quartileOf(rank: number, of: number): 1 | 2 | 3 | 4 {
  const q = Math.ceil((4 * rank) / of);
  return Math.min(4, Math.max(1, q)) as 1 | 2 | 3 | 4;
}

/** Mean of the values present, to 1 decimal place; null when none are. */
export function averageOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!present.length) return null;
  return Math.round((present.reduce((a, b) => a + b, 0) / present.length) * 10) / 10;
}

/** A rate per 10,000 children, to 1 decimal place (null without both parts or a zero population). */
export function ratePer10k(count: number | null, population: number | null): number | null {
  if (count === null || population === null || population <= 0) return null;
  return Math.round((count / population) * 100_000) / 10;
}
