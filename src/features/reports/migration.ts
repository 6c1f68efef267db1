import { recordKey, recordColumns, sqlMigration } from '../../db/sql-migration.js';

/**
 * Reports (issue 8): issued reports are frozen — their content model (JSON) and every file rendered
 * from it are stored as they were, so "movement since the previous report" reads the frozen previous
 * content and a download years later is byte-identical. `body_id` names the board or committee the
 * report went to (the governance `bodies` table); it is checked by the service, not a foreign key, so
 * this migration does not depend on the governance migration.
 */
export default sqlMigration([
  `create table issued_reports (
      ${recordKey},
      type text not null check (type in ('improvement-board-pack','scrutiny-progress-report','cabinet-appendix','ofsted-action-plan')),
      plan_id uuid not null,
      plan_lineage_id uuid not null,
      body_id uuid,
      title text not null,
      sections jsonb not null,
      issued_at timestamptz not null default now(),
      issued_on date not null,
      issued_by uuid references users(id),
      issued_by_name text not null,
      content jsonb not null,
      ${recordColumns}
    )`,
  `create index issued_reports_org_plan on issued_reports (organisation_id, plan_lineage_id, type, issued_at desc)`,
  `create index issued_reports_org_body on issued_reports (organisation_id, body_id, issued_at desc)`,
  `create table issued_report_files (
      ${recordKey},
      report_id uuid not null references issued_reports(id) on delete cascade,
      format text not null check (format in ('docx','xlsx','pdf','html')),
      filename text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      bytes bytea not null,
      created_at timestamptz not null default now(),
      unique (report_id, format)
    )`,
]);
