import { recordKey, recordColumns, sqlMigration } from '../../db/sql-migration.js';
import { importRowKey } from './migration-columns.js';

/** Annex A: imports (history and quality report), their findings, and the pseudonymised rows. */
export default sqlMigration([
  `create table annex_imports (
      ${recordKey},
      reference_date date not null,
      status text not null check (status in ('previewed','committed','rejected','replaced','discarded')),
      filename text not null,
      file_hash text not null,
      file_bytes bigint not null,
      file_kind text not null,
      row_counts jsonb not null,
      total_rows integer not null,
      errors integer not null,
      warnings integer not null,
      list_stats jsonb not null,
      indicators jsonb,
      imported_by uuid references users(id),
      imported_by_name text not null,
      committed_at timestamptz,
      duration_ms integer not null default 0,
      ${recordColumns}
    )`,
  `create index annex_imports_org on annex_imports (organisation_id, reference_date)`,
  `create unique index annex_imports_one_committed on annex_imports (organisation_id, reference_date) where status = 'committed'`,
  `create table annex_findings (
      ${importRowKey},
      severity text not null check (severity in ('error','warning')),
      check_name text not null,
      list_number smallint,
      sheet text,
      row_number integer,
      column_name text,
      value text,
      reason text not null
    )`,
  `create index annex_findings_import on annex_findings (import_id, id)`,
  `create table annex_rows (
      ${importRowKey},
      list_number smallint not null,
      source_row integer not null,
      child_hash text not null,
      birth_month text,
      team text,
      worker text,
      data jsonb not null
    )`,
  `create index annex_rows_import on annex_rows (import_id, list_number)`,
]);
