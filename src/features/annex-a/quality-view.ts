/**
 * The quality report as people read it: one section per list (and one for the whole workbook), one
 * line per kind of finding (column and check) with how many rows and the first examples, errors first.
 */
import type { FindingGroup, ListStats } from '../../lib/annex-a/importer.js';
import { FindingLog } from '../../lib/annex-a/finding-log.js';
import { LIST_BY_NUMBER } from '../../lib/annex-a/spec.js';
import { findingOf, type StoredFinding } from './queries.js';
import type { ImportReport } from './tables.js';

export interface ReportLine {
  severity: 'error' | 'warning';
  column: string;
  reason: string;
  count: number;
  /** "Rows 12, 87 and 653", or "" for a finding about the whole sheet. */
  rows: string;
  /** The values shown (identifiers, dates of birth and postcodes are hidden). */
  values: string;
}

export interface ReportSection {
  id: string;
  title: string;
  caption: string;
  errors: number;
  lines: ReportLine[];
}

const fmt = new Intl.NumberFormat('en-GB');

function rowsText(g: FindingGroup): string {
  const rows = g.examples.map((e) => e.row).filter((r): r is number => r !== null);
  if (!rows.length) return '';
  const shown = rows.map((r) => fmt.format(r));
  const more = g.count > rows.length ? ` and ${fmt.format(g.count - rows.length)} more` : '';
  return `${rows.length === 1 && !more ? 'Row' : 'Rows'} ${shown.join(', ')}${more}`;
}

function valuesText(g: FindingGroup): string {
  const values = [
    ...new Set(g.examples.map((e) => e.value).filter((v): v is string => v !== null && v !== '(hidden)')),
  ];
  return values.map((v) => `“${v}”`).join(', ');
}

export function reportSections(groups: FindingGroup[], lists: ListStats[]): ReportSection[] {
  const byList = new Map<number | null, FindingGroup[]>();
  for (const g of groups) {
    if (g.check === 'count-change') continue;
    const k = g.list;
    byList.set(k, [...(byList.get(k) ?? []), g]);
  }
  const sections: ReportSection[] = [];
  const keys = [...byList.keys()].sort((a, b) => (a ?? 0) - (b ?? 0));
  for (const k of keys) {
    const gs = byList.get(k)!;
    const stats = k === null ? undefined : lists.find((l) => l.list === k);
    const title = k === null ? 'The whole workbook' : `List ${k}: ${LIST_BY_NUMBER.get(k)?.title ?? ''}`;
    const caption =
      k === null
        ? 'Sheets and template'
        : stats
          ? `Sheet “${stats.sheet}”, ${fmt.format(stats.rows)} rows`
          : 'Not read';
    sections.push({
      id: k === null ? 'workbook' : `list-${k}`,
      title,
      caption,
      errors: gs.filter((g) => g.severity === 'error').reduce((n, g) => n + g.count, 0),
      lines: gs.map((g) => ({
        severity: g.severity,
        column:
          g.column ?? (g.examples.some((e) => e.row !== null) ? 'Whole row' : k === null ? 'Workbook' : 'Whole list'),
        reason: g.reason,
        count: g.count,
        rows: rowsText(g),
        values: valuesText(g),
      })),
    });
  }
  return sections;
}

/** Imports checked before the grouped report existed kept only row findings: group those as the importer does. */
export function groupStoredFindings(findings: StoredFinding[]): FindingGroup[] {
  const log = new FindingLog(0);
  for (const f of findings) log.add(findingOf(f));
  return log.sortedGroups();
}

export const TEMPLATE_VERSION_TEXT: Record<ImportReport['templateVersion']['version'], string> = {
  '2024': 'The later Annex A template (with the care leaver columns added after 2020)',
  '2020': 'The Annex A template as updated in 2020',
  'older-or-unknown': 'An older or unknown layout: not every figure could be computed',
};
