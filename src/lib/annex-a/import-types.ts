/** What the Annex A importer produces: findings, pseudonymised records and per-list statistics. */
import type { TemplateVersion } from './spec.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  check: string;
  list: number | null;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

/** Findings of one kind (list, column, check), with the complete count and the first examples. */
export interface FindingGroup {
  severity: Severity;
  check: string;
  list: number | null;
  sheet: string | null;
  column: string | null;
  count: number;
  reason: string;
  /** The first few rows (and values, where they may be shown). */
  examples: { row: number | null; value: string | null }[];
}

export type RecordValue = string | number | boolean | null;

/** One pseudonymised row: the child as an HMAC, birth as 'YYYY-MM', and the typed Annex A values that are kept. */
export interface AnnexRecord {
  list: number;
  row: number;
  child: string;
  birth: string | null;
  team: string | null;
  worker: string | null;
  v: Record<string, RecordValue>;
}

export interface ColumnStats {
  key: string;
  name: string;
  present: boolean;
  filled: number;
  missing: number;
  invalid: number;
}

export interface ListStats {
  list: number;
  title: string;
  sheet: string | null;
  rows: number;
  columns: ColumnStats[];
}

export interface TemplateVersionFinding {
  version: TemplateVersion | 'older-or-unknown';
  /** Why, in a sentence. */
  evidence: string;
}

export interface ImportResult {
  records: Map<number, AnnexRecord[]>;
  findings: Finding[];
  groups: FindingGroup[];
  lists: ListStats[];
  templateVersion: TemplateVersionFinding;
  errors: number;
  warnings: number;
  totalRows: number;
}

export interface ImporterOptions {
  referenceDate: string;
  /** HMAC of the raw identifier with the organisation's secret. */
  pseudonymise: (raw: string) => string;
  /** Row-level findings kept per list, check and column (the counts stay complete). */
  findingsCap?: number;
  /** Keep records only for these lists (the others are read, checked and counted): default every list. */
  keep?: ReadonlySet<number>;
}
