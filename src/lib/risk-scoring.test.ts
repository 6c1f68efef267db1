import { describe, expect, it } from 'vitest';
import { riskRating, riskScore } from './risk-scoring.js';

describe('riskScore and riskRating', () => {
  it.each([
    [1, 1, 1, 'low'],
    [2, 2, 4, 'low'],
    [1, 4, 4, 'low'],
    [5, 1, 5, 'medium'],
    [3, 3, 9, 'medium'],
    [2, 5, 10, 'high'],
    [3, 4, 12, 'high'],
    [4, 4, 16, 'high'],
    [4, 5, 20, 'very-high'],
    [5, 5, 25, 'very-high'],
  ])('likelihood %i × impact %i = %i (%s)', (l, i, score, rating) => {
    expect(riskScore(l, i)).toBe(score);
    expect(riskRating(score)).toBe(rating);
  });

  it.each([
    [0, 3],
    [6, 3],
    [3, 7],
    [2.5, 2],
  ])('refuses likelihood %s and impact %s', (l, i) => {
    expect(() => riskScore(l, i)).toThrow(RangeError);
  });
});
