import { sqlMigration } from '../../db/sql-migration.js';

/**
 * 320: which release of each national table is loaded (its vintage), shown on the benchmarks and national
 * pages ("DfE children in need, year ending 31 March 2025"). Global reference data: no organisation.
 */
export default sqlMigration([
  `create table national_sources (
      source_key text primary key,
      label text not null,
      latest_period text,
      file_name text not null,
      sha256 text not null,
      imported_at timestamptz not null default now()
    )`,
]);
