/**
 * Each list's row count against the previous snapshot, before anything is committed: a list that grew
 * from 454 to 2,956 rows is more often a wrong export (a year instead of six months, a filter left
 * off) than a real change, and every figure from it would move with it.
 */
import { ANNEX_A_LISTS, listLabel } from './spec.js';
import type { Finding } from './importer.js';

export interface PreviousSnapshot {
  id: string;
  referenceDate: string;
  rowCounts: Record<string, number>;
}

export interface ListComparison {
  list: number;
  title: string;
  previous: number | null;
  current: number | null;
  /** Percentage change, one decimal place; null when there was nothing before. */
  change: number | null;
  flagged: boolean;
}

export interface SnapshotComparison {
  previous: { id: string; referenceDate: string } | null;
  lists: ListComparison[];
}

/** A change is flagged when it is at least this large in both senses (relative and absolute). */
export const CHANGE_THRESHOLD = { percent: 50, rows: 20 };

const fmt = new Intl.NumberFormat('en-GB');

export function compareWithPrevious(
  current: Record<string, number>,
  previous: PreviousSnapshot | null,
): { comparison: SnapshotComparison; findings: Finding[] } {
  const lists: ListComparison[] = [];
  const findings: Finding[] = [];
  for (const spec of ANNEX_A_LISTS) {
    const now = current[spec.key] ?? null;
    const before = previous ? (previous.rowCounts[spec.key] ?? null) : null;
    if (now === null && before === null) continue;
    const change =
      before !== null && before > 0 && now !== null ? Math.round(((now - before) / before) * 1000) / 10 : null;
    const flagged =
      now !== null &&
      before !== null &&
      Math.abs(now - before) >= CHANGE_THRESHOLD.rows &&
      (before === 0 || Math.abs(change!) >= CHANGE_THRESHOLD.percent);
    lists.push({ list: spec.number, title: spec.title, previous: before, current: now, change, flagged });
    if (flagged && previous) {
      const sign = change !== null && change > 0 ? '+' : '';
      findings.push({
        severity: 'warning',
        check: 'count-change',
        list: spec.number,
        sheet: null,
        row: null,
        column: null,
        value: null,
        reason: `${listLabel(spec.number)} has ${fmt.format(now!)} rows against ${fmt.format(before!)} in the snapshot at ${previous.referenceDate}${change !== null ? ` (${sign}${change}%)` : ''}. Check the export covers the same period and the same children before you commit: every figure from this list moves with it`,
      });
    }
  }
  return {
    comparison: { previous: previous ? { id: previous.id, referenceDate: previous.referenceDate } : null, lists },
    findings,
  };
}
