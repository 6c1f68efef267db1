import { describe, expect, it } from 'vitest';
import { averageOf, quartileOf, rankAmong, ratePer10k } from './benchmark-stats.js';

describe('rankAmong', () => {
  const others = [10, 20, null, 30, 20];
  it.each([
    ['higher is better, best', 35, 'higher-is-better', { rank: 1, of: 5 }],
    ['higher is better, shares a tie', 20, 'higher-is-better', { rank: 2, of: 5 }],
    ['higher is better, worst', 5, 'higher-is-better', { rank: 5, of: 5 }],
    ['lower is better, 15 beaten only by 10', 15, 'lower-is-better', { rank: 2, of: 5 }],
    ['lower is better, tie at 20', 20, 'lower-is-better', { rank: 2, of: 5 }],
    ['neither ranks lowest first', 25, 'neither', { rank: 4, of: 5 }],
  ] as const)('%s', (_l, own, polarity, expected) => expect(rankAmong(own, others, polarity)).toEqual(expected));

  it('gives no rank without an own value', () => expect(rankAmong(null, others, 'higher-is-better')).toBeNull());
});

describe('quartileOf', () => {
  it.each([
    [1, 153, 1],
    [38, 153, 1],
    [39, 153, 2],
    [77, 153, 3],
    [115, 153, 4],
    [153, 153, 4],
    [1, 1, 4],
    [2, 11, 1],
    [3, 11, 2],
  ])('rank %d of %d → quartile %d', (rank, of, expected) => expect(quartileOf(rank, of)).toBe(expected));
});

describe('averageOf and ratePer10k', () => {
  it('ignores missing values, never counting them as zero', () => {
    expect(averageOf([10, null, 20, 15])).toBe(15);
    expect(averageOf([16.25, 16.3])).toBe(16.3);
    expect(averageOf([null, null])).toBeNull();
  });
  it.each([
    [632830, 12183016, 519.4],
    [0, 50000, 0],
    [100, 0, null],
    [null, 50000, null],
  ])('ratePer10k(%s, %s) → %s', (count, pop, expected) => expect(ratePer10k(count, pop)).toBe(expected));
});
