import { describe, expect, it } from 'vitest';
import { computeTrend, type TrendPolarity } from './trend.js';

describe('computeTrend', () => {
  it.each<[string, (number | null)[], TrendPolarity, number, number | null, string]>([
    ['rising, higher is better (change 3 > band 0.575)', [10, 11, 12, 13], 'higher-is-better', 6, null, 'improving'],
    ['rising, lower is better', [10, 11, 12, 13], 'lower-is-better', 6, null, 'worsening'],
    ['falling, lower is better', [13, 12, 11, 10], 'lower-is-better', 6, null, 'improving'],
    ['zig-zag with zero fitted slope', [20, 20.2, 19.9, 20.1], 'higher-is-better', 6, null, 'stable'],
    ['change 4 within band 5.1', [100, 102, 104], 'higher-is-better', 6, null, 'stable'],
    ['only two values once gaps are skipped', [10, null, 12], 'higher-is-better', 6, null, 'unknown'],
    ['the window drops the old outlier', [100, 1, 2, 3], 'higher-is-better', 3, null, 'improving'],
    ['with the outlier, the fitted change is −87', [100, 1, 2, 3], 'higher-is-better', 6, null, 'worsening'],
    ['neither: moving towards the target', [20, 18, 16], 'neither', 6, 15, 'improving'],
    ['neither: moving away from the target', [16, 18, 20], 'neither', 6, 15, 'worsening'],
    ['neither without a target', [20, 18, 16], 'neither', 6, null, 'unknown'],
  ])('%s', (_label, values, polarity, window, target, expected) => {
    expect(computeTrend(values, polarity, window, target)).toBe(expected);
  });
});
