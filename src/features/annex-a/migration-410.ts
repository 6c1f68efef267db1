import { sqlMigration } from '../../db/sql-migration.js';
import { importRowKey } from './migration-columns.js';

/**
 * Annex A rows stored in compressed chunks of one list (see row-store.ts) instead of one database row
 * per Annex A row. Rows already stored are converted in SQL into one plain-JSON chunk per import and
 * list (the reader accepts both), then the per-row table goes.
 */
export default sqlMigration([
  `create table annex_row_chunks (
      ${importRowKey},
      list_number smallint not null,
      first_row integer not null,
      row_count integer not null,
      payload bytea not null
    )`,
  // The payload is already compressed: do not try again when it is stored out of line.
  `alter table annex_row_chunks alter column payload set storage external`,
  `create index annex_row_chunks_import on annex_row_chunks (import_id, list_number)`,
  `insert into annex_row_chunks (organisation_id, import_id, list_number, first_row, row_count, payload)
    select organisation_id, import_id, list_number, min(source_row), count(*)::int,
           convert_to(json_build_object('rows', json_agg(json_build_array(source_row, child_hash, birth_month, team, worker, data) order by id))::text, 'UTF8')
    from annex_rows
    group by organisation_id, import_id, list_number`,
  `drop table annex_rows`,
]);
