/**
 * Choosing the cases to audit: N open cases from the latest Annex A snapshot, spread across teams and
 * lists in proportion to their size, the same every time for the same seed, leaving out children whose
 * case was audited in the last six months.
 */
import crypto from 'node:crypto';
import { addPeriods } from './periods.js';

/** The Annex A lists a case can be sampled from, in the order a case is placed on one of them. */
export const CASE_LISTS = ['care-leaver', 'cla', 'cp', 'cin'] as const;
export type CaseList = (typeof CASE_LISTS)[number];

export const CASE_LIST_LABELS: Record<CaseList, string> = {
  cin: 'Children in need',
  cp: 'Child protection',
  cla: 'Children in care',
  'care-leaver': 'Care leavers',
};

/** The Annex A list number of each (Ofsted's numbering: 6 children in need … 9 care leavers). */
export const CASE_LIST_NUMBERS: Record<CaseList, number> = { cin: 6, cp: 7, cla: 8, 'care-leaver': 9 };

export const NO_TEAM = 'No team recorded';

/** One open record of a child on one list, as the sampler sees it (the child only as a keyed hash). */
export interface OpenRecord {
  child: string;
  list: CaseList;
  team: string | null;
  worker: string | null;
  /** Where the record is in the Annex A workbook, so an editor can find the child there. */
  sourceList: number;
  sourceRow: number;
}

/** One child, placed on a single list: a child on several lists counts once, on the first of CASE_LISTS. */
export function casesFromRecords(records: readonly OpenRecord[]): OpenRecord[] {
  const rank = (l: CaseList) => CASE_LISTS.indexOf(l);
  const byChild = new Map<string, OpenRecord>();
  for (const r of records) {
    const seen = byChild.get(r.child);
    if (!seen || rank(r.list) < rank(seen.list) || (r.list === seen.list && r.sourceRow < seen.sourceRow))
      byChild.set(r.child, r);
  }
  return [...byChild.values()];
}

/**
 * Split `n` across strata in proportion to their sizes by the largest-remainder method: each stratum
 * gets the whole part of n × size / total, and the places left over go to the largest remainders (ties
 * to the stratum listed first). A stratum never gets more than it holds; n beyond the total is the total.
 */
export function allocate(sizes: readonly number[], n: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (n >= total) return [...sizes];
  if (n <= 0 || total === 0) return sizes.map(() => 0);
  // Whole numbers only: n × size is compared as an integer numerator over `total`.
  const quota = sizes.map((s) => ({ whole: Math.floor((n * s) / total), rest: (n * s) % total }));
  let left = n - quota.reduce((a, q) => a + q.whole, 0);
  const order = quota.map((q, i) => ({ i, rest: q.rest })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  const out = quota.map((q) => q.whole);
  for (const { i } of order) {
    if (left === 0) break;
    out[i]++;
    left--;
  }
  return out;
}

/**
 * Where a child falls in a draw: the HMAC-SHA256 of their hashed identifier keyed with the seed. The
 * order depends only on the seed and the child, never on the order of rows in the workbook, so the
 * same seed gives the same sample from the same snapshot.
 */
export function drawOrder(seed: number, child: string): string {
  return crypto.createHmac('sha256', String(seed)).update(child).digest('hex');
}

export interface Stratum {
  list: CaseList;
  team: string;
  open: number;
  excluded: number;
  available: number;
  chosen: number;
}

export interface SampleResult {
  chosen: OpenRecord[];
  strata: Stratum[];
  /** Open cases left out because they were audited recently (or are already in the cycle). */
  excluded: number;
  available: number;
}

export interface SampleOptions {
  size: number;
  seed: number;
  /** Hashed identifiers to leave out: cases audited in the last six months, or already in this cycle. */
  exclude: ReadonlySet<string>;
  /** Only these lists (all four when not given). */
  lists?: readonly CaseList[];
  /** The draw order; `drawOrder` by default. Tests pass a simpler one to work results out by hand. */
  order?: (seed: number, child: string) => string;
}

/**
 * The sample: one record per child (casesFromRecords), strata by list then team, `size` split across
 * strata by `allocate` over the cases still available, and within each stratum the children first in
 * the draw order. Strata come out in list order (CASE_LISTS) then team name.
 */
export function sampleCases(records: readonly OpenRecord[], options: SampleOptions): SampleResult {
  const order = options.order ?? drawOrder;
  const lists = new Set(options.lists?.length ? options.lists : CASE_LISTS);
  const cases = casesFromRecords(records).filter((c) => lists.has(c.list));
  const groups = new Map<string, { list: CaseList; team: string; open: OpenRecord[]; available: OpenRecord[] }>();
  for (const c of cases) {
    const team = c.team?.trim() || NO_TEAM;
    const id = `${c.list}\u0000${team}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { list: c.list, team, open: [], available: [] }));
    g.open.push(c);
    if (!options.exclude.has(c.child)) g.available.push(c);
  }
  const strata = [...groups.values()].sort(
    (a, b) => CASE_LISTS.indexOf(a.list) - CASE_LISTS.indexOf(b.list) || a.team.localeCompare(b.team, 'en-GB'),
  );
  const counts = allocate(
    strata.map((s) => s.available.length),
    Math.max(0, Math.floor(options.size)),
  );
  const chosen: OpenRecord[] = [];
  strata.forEach((s, i) => {
    const ranked = s.available
      .map((c) => ({ c, k: order(options.seed, c.child) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    chosen.push(...ranked.slice(0, counts[i]).map((r) => r.c));
  });
  const available = strata.reduce((a, s) => a + s.available.length, 0);
  return {
    chosen,
    strata: strata.map((s, i) => ({
      list: s.list,
      team: s.team,
      open: s.open.length,
      excluded: s.open.length - s.available.length,
      available: s.available.length,
      chosen: counts[i],
    })),
    excluded: cases.length - available,
    available,
  };
}

/**
 * The earliest cycle month whose cases are "audited in the last six months" for a cycle in `period`:
 * six months before it, so a case audited in September is not offered again until April.
 */
export function recentWindowStart(period: string): string {
  return addPeriods(period, -6);
}

/** A seed people can read out and type back: a whole number from 1 to 999,999. */
export function isSeed(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 999_999;
}

export function randomSeed(): number {
  return crypto.randomInt(1, 1_000_000);
}
