import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, IsoDate, Json, NullableTimestamp } from '../../db/foundation-tables.js';
import type { FindingGroup, ListStats, TemplateVersionFinding } from '../../lib/annex-a/importer.js';
import type { SnapshotComparison } from '../../lib/annex-a/snapshot-compare.js';

export type ImportStatus = 'previewed' | 'committed' | 'rejected' | 'replaced' | 'discarded';

export interface StoredIndicator {
  key: string;
  name: string;
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown: { label: string; value: number | null; detail?: string }[];
}

/** The readable quality report kept with each import (migration 420; null for earlier imports). */
export interface ImportReport {
  templateVersion: TemplateVersionFinding;
  groups: FindingGroup[];
  /** Indicators the workbook could not give, and why. */
  unavailable: { key: string; name: string; reason: string }[];
  comparison: SnapshotComparison;
}

export interface AnnexAImportsTable {
  id: Generated<string>;
  organisationId: string;
  referenceDate: IsoDate;
  status: ImportStatus;
  filename: string;
  fileHash: string;
  fileBytes: number | string;
  fileKind: string;
  rowCounts: Json<Record<string, number>>;
  totalRows: number;
  errors: number;
  warnings: number;
  listStats: Json<ListStats[]>;
  indicators: Json<StoredIndicator[] | null> | null;
  report: Json<ImportReport | null> | null;
  importedBy: string | null;
  importedByName: string;
  committedAt: NullableTimestamp;
  durationMs: Generated<number>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface AnnexAFindingsTable {
  id: Generated<number>;
  organisationId: string;
  importId: string;
  severity: 'error' | 'warning';
  checkName: string;
  listNumber: number | null;
  sheet: string | null;
  rowNumber: number | null;
  columnName: string | null;
  value: string | null;
  reason: string;
}

/** Pseudonymised rows, in compressed chunks of one list (see row-store.ts). */
export interface AnnexARowChunksTable {
  id: Generated<number>;
  organisationId: string;
  importId: string;
  listNumber: number;
  firstRow: number;
  rowCount: number;
  /** gzip-compressed JSON (a Buffer from pg, a Uint8Array from PGlite). */
  payload: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
}

export interface AnnexATables {
  annexImports: AnnexAImportsTable;
  annexFindings: AnnexAFindingsTable;
  annexRowChunks: AnnexARowChunksTable;
}
