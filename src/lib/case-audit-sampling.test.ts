import { describe, expect, it } from 'vitest';
import {
  allocate,
  casesFromRecords,
  drawOrder,
  NO_TEAM,
  recentWindowStart,
  sampleCases,
  type CaseList,
  type OpenRecord,
} from './case-audit-sampling.js';

describe('allocate: largest remainder', () => {
  // Each case worked out by hand: whole part of n × size / total, then the left-over places to the
  // largest remainders, ties to the earlier stratum.
  it.each([
    // 4 × 5/10 = 2.0, 4 × 3/10 = 1.2, 4 × 2/10 = 0.8 → 2, 1, 0 with one left → the 0.8 → 2, 1, 1
    [[5, 3, 2], 4, [2, 1, 1]],
    // 2/3 each → 0, 0, 0 with two left; equal remainders go to the first two
    [[1, 1, 1], 2, [1, 1, 0]],
    // 3 × 10/15 = 2, 3 × 0/15 = 0, 3 × 5/15 = 1: no remainders
    [[10, 0, 5], 3, [2, 0, 1]],
    // 5 × 7/10 = 3.5, 5 × 2/10 = 1.0, 5 × 1/10 = 0.5 → 3, 1, 0, one left, 0.5 and 0.5 tie → the first
    [[7, 2, 1], 5, [4, 1, 0]],
    // more asked for than there are: everything
    [[2, 3], 10, [2, 3]],
    [[2, 3], 5, [2, 3]],
    [[2, 3], 0, [0, 0]],
    [[], 3, []],
    [[0, 0], 2, [0, 0]],
  ])('%j, n = %i → %j', (sizes, n, expected) => {
    expect(allocate(sizes, n)).toEqual(expected);
    expect(allocate(sizes, n).reduce((a, b) => a + b, 0)).toBe(
      Math.min(
        n,
        sizes.reduce((a, b) => a + b, 0),
      ),
    );
  });
});

const rec = (child: string, list: CaseList, team: string | null, sourceRow = 2): OpenRecord => ({
  child,
  list,
  team,
  worker: null,
  sourceList: { cin: 6, cp: 7, cla: 8, 'care-leaver': 9 }[list],
  sourceRow,
});

const RECORDS: OpenRecord[] = [
  rec('c01', 'cin', 'A'),
  rec('c02', 'cin', 'A'),
  rec('c03', 'cin', 'A'),
  rec('c04', 'cin', 'B'),
  rec('c05', 'cin', 'A', 9),
  rec('c05', 'cp', 'A', 3),
  rec('c06', 'cp', 'B'),
  rec('c07', 'cla', null),
  rec('c08', 'care-leaver', 'Leaving Care'),
  rec('c09', 'cin', 'B'),
  rec('c10', 'cp', 'B'),
  rec('c10', 'cla', 'C'),
];
/** Alphabetical by hashed identifier: a draw order simple enough to follow by hand. */
const alphabetical = (_seed: number, child: string) => child;

describe('casesFromRecords', () => {
  it('counts a child once, on the first of care leaver, in care, child protection, in need', () => {
    const cases = casesFromRecords(RECORDS);
    expect(cases).toHaveLength(10);
    expect(cases.find((c) => c.child === 'c05')).toMatchObject({ list: 'cp', sourceList: 7, sourceRow: 3 });
    expect(cases.find((c) => c.child === 'c10')).toMatchObject({ list: 'cla', team: 'C' });
  });
});

describe('sampleCases', () => {
  it('spreads the sample across list and team strata in proportion, leaving out recent audits', () => {
    const result = sampleCases(RECORDS, { size: 4, seed: 1, exclude: new Set(['c09']), order: alphabetical });
    // Strata in list order then team: care leavers (1), in care C (1), in care with no team (1),
    // CP A (1: c05), CP B (1: c06), CIN A (3), CIN B (1 of 2: c09 excluded) — 9 available.
    // 4 × 1/9 = 0 r 4 for each single; 4 × 3/9 = 1 r 3 for CIN A. One placed, three left: the first
    // three remainders of 4 (care leavers, in care C, in care no team) → 1, 1, 1, 0, 0, 1, 0.
    expect(result.strata).toEqual([
      { list: 'care-leaver', team: 'Leaving Care', open: 1, excluded: 0, available: 1, chosen: 1 },
      { list: 'cla', team: 'C', open: 1, excluded: 0, available: 1, chosen: 1 },
      { list: 'cla', team: NO_TEAM, open: 1, excluded: 0, available: 1, chosen: 1 },
      { list: 'cp', team: 'A', open: 1, excluded: 0, available: 1, chosen: 0 },
      { list: 'cp', team: 'B', open: 1, excluded: 0, available: 1, chosen: 0 },
      { list: 'cin', team: 'A', open: 3, excluded: 0, available: 3, chosen: 1 },
      { list: 'cin', team: 'B', open: 2, excluded: 1, available: 1, chosen: 0 },
    ]);
    expect(result.chosen.map((c) => c.child)).toEqual(['c08', 'c10', 'c07', 'c01']);
    expect(result.excluded).toBe(1);
    expect(result.available).toBe(9);
  });

  it('samples only the lists asked for', () => {
    // CIN A has 3 available, CIN B 1 (c09 excluded): 2 × 3/4 = 1 r 2, 2 × 1/4 = 0 r 2 → tie to A → 2, 0.
    const result = sampleCases(RECORDS, {
      size: 2,
      seed: 1,
      exclude: new Set(['c09']),
      lists: ['cin'],
      order: alphabetical,
    });
    expect(result.chosen.map((c) => c.child)).toEqual(['c01', 'c02']);
    expect(result.strata.map((s) => s.chosen)).toEqual([2, 0]);
  });

  it('takes every available case when asked for more than there are', () => {
    const result = sampleCases(RECORDS, { size: 50, seed: 1, exclude: new Set(['c01', 'c02']), order: alphabetical });
    expect(result.chosen).toHaveLength(8);
    expect(result.chosen.map((c) => c.child)).not.toContain('c01');
  });

  it('is reproducible from the seed, whatever the order of the rows, and another seed draws differently', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      rec(`child-${i}`, (['cin', 'cp', 'cla', 'care-leaver'] as const)[i % 4], `Team ${i % 3}`, i + 2),
    );
    const a = sampleCases(many, { size: 12, seed: 4821, exclude: new Set() });
    const b = sampleCases([...many].reverse(), { size: 12, seed: 4821, exclude: new Set() });
    const c = sampleCases(many, { size: 12, seed: 4822, exclude: new Set() });
    expect(a.chosen.map((x) => x.child)).toEqual(b.chosen.map((x) => x.child));
    expect(a.chosen.map((x) => x.child).sort()).not.toEqual(c.chosen.map((x) => x.child).sort());
    // 12 over twelve strata of 16 or 17 → one from each
    expect(a.strata.map((s) => s.chosen)).toEqual(Array(12).fill(1));
  });

  it('draws in the order of HMAC-SHA256(seed, child)', () => {
    // The first characters of HMAC-SHA256 with key "1" of "a" and "b", computed with openssl:
    // printf a | openssl dgst -sha256 -hmac 1 → c6e6… ; printf b | openssl dgst -sha256 -hmac 1 → 2734…
    expect(drawOrder(1, 'a').slice(0, 4)).toBe('c6e6');
    expect(drawOrder(1, 'b').slice(0, 4)).toBe('2734');
  });
});

describe('recentWindowStart', () => {
  it.each([
    ['2027-03', '2026-09'],
    ['2027-01', '2026-07'],
    ['2026-12', '2026-06'],
  ])('a cycle in %s leaves out cases audited from %s', (period, start) => {
    expect(recentWindowStart(period)).toBe(start);
  });
});
