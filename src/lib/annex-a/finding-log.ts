/** Collects the importer's findings: counts every one, groups them by kind and keeps the first of each group. */
import { figuresUsingList } from './figures.js';
import type { Finding, FindingGroup, Severity } from './import-types.js';

const EXAMPLES = 5;
const SEVERITY_ORDER = { error: 0, warning: 1 };

export class FindingLog {
  readonly findings: Finding[] = [];
  private readonly groups = new Map<string, FindingGroup>();
  errors = 0;
  warnings = 0;

  constructor(private readonly cap: number) {}

  add(f: Finding): void {
    if (f.severity === 'error') this.errors++;
    else this.warnings++;
    const key = `${f.severity}|${f.list}|${f.column}|${f.check}`;
    let g = this.groups.get(key);
    if (!g) {
      g = {
        severity: f.severity,
        check: f.check,
        list: f.list,
        sheet: f.sheet,
        column: f.column,
        count: 0,
        reason: f.reason,
        examples: [],
      };
      this.groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < EXAMPLES && (f.row !== null || f.value !== null))
      g.examples.push({ row: f.row, value: f.value });
    if (f.row !== null && g.count > this.cap) return;
    this.findings.push(f);
  }

  /** A finding about a whole sheet, list or column rather than one row. */
  about(
    severity: Severity,
    check: string,
    list: number | null,
    sheet: string | null,
    column: string | null,
    reason: string,
  ): void {
    this.add({ severity, check, list, sheet, row: null, column, value: null, reason });
  }

  /** Groups in report order: errors first, then by list, column and check. */
  sortedGroups(): FindingGroup[] {
    return [...this.groups.values()].sort(compareGroups);
  }
}

function compareGroups(a: FindingGroup, b: FindingGroup): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.list ?? 0) - (b.list ?? 0) ||
    (a.column ?? '').localeCompare(b.column ?? '') ||
    a.check.localeCompare(b.check)
  );
}

/** The figures lost when a list cannot be read, as the end of a finding's reason. */
export function affectsList(list: number): string {
  const figures = figuresUsingList(list);
  return figures.length
    ? `These figures cannot be computed: ${figures.join('; ')}`
    : 'No Waymark figure uses this list, so no figure is affected';
}
