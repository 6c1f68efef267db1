import { sqlMigration } from '../../../db/sql-migration.js';

/** Coverage: the inspections a plan answers, the findings each action answers, reasons for findings left uncovered. */
export default sqlMigration([
  `create table plan_inspections (
      organisation_id uuid not null references organisations(id),
      plan_id uuid not null references plans(id) on delete cascade,
      inspection_id uuid not null references inspections(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (plan_id, inspection_id)
    )`,
  `create table action_findings (
      organisation_id uuid not null references organisations(id),
      action_id uuid not null references actions(id) on delete cascade,
      finding_id uuid not null references findings(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (action_id, finding_id)
    )`,
  `create index action_findings_finding on action_findings (finding_id)`,
  `create table plan_finding_reasons (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      plan_id uuid not null references plans(id) on delete cascade,
      finding_id uuid not null references findings(id) on delete cascade,
      reason text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (plan_id, finding_id)
    )`,
]);
