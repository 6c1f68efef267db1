import { sqlMigration } from '../../db/sql-migration.js';

/**
 * A board pack belongs to a meeting (issue 18): the issued report records which one, so packs for two
 * meetings of the same body can be told apart and a meeting's pack can be found. Checked by the service
 * (like body_id), so the column has no foreign key on the governance tables.
 */
export default sqlMigration([
  `alter table issued_reports add column meeting_id uuid`,
  `create index issued_reports_org_meeting on issued_reports (organisation_id, meeting_id)`,
]);
