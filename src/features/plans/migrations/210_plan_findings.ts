import { linkTable, recordKey, recordColumns, sqlMigration } from '../../../db/sql-migration.js';

/** Coverage: the inspections a plan answers, the findings each action answers, reasons for findings left uncovered. */
export default sqlMigration([
  linkTable('plan_inspections', ['plan_id', 'plans'], ['inspection_id', 'inspections']),
  linkTable('action_findings', ['action_id', 'actions'], ['finding_id', 'findings']),
  `create index action_findings_finding on action_findings (finding_id)`,
  `create table plan_finding_reasons (
      ${recordKey},
      plan_id uuid not null references plans(id) on delete cascade,
      finding_id uuid not null references findings(id) on delete cascade,
      reason text not null,
      ${recordColumns},
      unique (plan_id, finding_id)
    )`,
]);
