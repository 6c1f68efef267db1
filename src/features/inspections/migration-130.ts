import { sqlMigration } from '../../db/sql-migration.js';

/**
 * 130: which authority an imported report was about (its DfE and area codes, read from the title), so a
 * report of another authority is never compared with the organisation's own findings; and the national
 * framework reference printed after each area for improvement since 2025 ("Outcome three").
 */
export default sqlMigration([
  `alter table inspections add column report_la_code text`,
  `alter table inspections add column report_gss_code text`,
  `alter table inspections add column report_authority text`,
  `alter table findings add column framework_reference text`,
]);
