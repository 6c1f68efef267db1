import { recordKey, recordColumns, sqlMigration } from '../../../db/sql-migration.js';

/**
 * A record table whose rows belong to a parent record and go with it. Its columns and the constraints
 * after them are written for the six-space indent of a column list, like recordKey, so the statement is
 * the text that ran.
 */
function childTable(
  name: string,
  [column, parent]: [column: string, table: string],
  columns: string,
  constraints?: string,
) {
  return `create table ${name} (
      ${recordKey},
      ${column} uuid not null references ${parent}(id) on delete cascade,
      ${columns},
      ${recordColumns}${constraints ? `,\n      ${constraints}` : ''}
    )`;
}

/** Improvement plans: versions, themes, actions, milestones, progress updates with evidence, RAG history. */
export default sqlMigration([
  `create table plans (
      ${recordKey},
      title text not null,
      start_date date not null,
      end_date date not null,
      status text not null default 'draft' check (status in ('draft','approved','superseded')),
      lineage_id uuid not null,
      plan_version integer not null default 1,
      previous_plan_id uuid references plans(id),
      approval_body text,
      approval_date date,
      approval_reference text,
      ready_to_submit boolean not null default false,
      tolerance_working_days integer not null default 10 check (tolerance_working_days between 0 and 60),
      ${recordColumns},
      check (start_date <= end_date),
      unique (lineage_id, plan_version)
    )`,
  `create index plans_organisation on plans (organisation_id)`,
  childTable(
    'plan_themes',
    ['plan_id', 'plans'],
    `name text not null,
      position integer not null default 0`,
    `unique (plan_id, name)`,
  ),
  childTable(
    'actions',
    ['plan_id', 'plans'],
    `theme_id uuid references plan_themes(id) on delete set null,
      reference text not null,
      title text not null,
      description text not null default '',
      owner_id uuid references users(id),
      start_date date not null,
      due_date date not null,
      success_measures text not null default '',
      status text not null default 'not-started' check (status in ('not-started','in-progress','complete','closed')),
      owner_rag text check (owner_rag in ('red','amber','green','complete')),
      owner_rag_reason text,
      last_update_date date`,
    `check (start_date <= due_date),
      unique (plan_id, reference)`,
  ),
  `create index actions_owner on actions (organisation_id, owner_id)`,
  childTable(
    'milestones',
    ['action_id', 'actions'],
    `title text not null,
      due_date date not null,
      completed_date date,
      evidence_note text not null default ''`,
  ),
  `create index milestones_action on milestones (action_id, due_date)`,
  childTable(
    'action_updates',
    ['action_id', 'actions'],
    `update_date date not null,
      narrative text not null,
      owner_rag text not null check (owner_rag in ('red','amber','green','complete')),
      evidence_rag text not null check (evidence_rag in ('red','amber','green','complete','not-started')),
      challenged boolean not null default false,
      challenge_reason text,
      author_id uuid references users(id)`,
  ),
  `create index action_updates_action on action_updates (action_id, update_date)`,
  childTable(
    'action_update_files',
    ['update_id', 'action_updates'],
    `filename text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      content bytea not null`,
  ),
  `create index action_update_files_update on action_update_files (update_id)`,
  `create table action_rag_history (
      ${recordKey},
      action_id uuid not null references actions(id) on delete cascade,
      recorded_on date not null,
      evidence_rag text not null check (evidence_rag in ('red','amber','green','complete','not-started')),
      owner_rag text check (owner_rag in ('red','amber','green','complete')),
      challenged boolean not null default false,
      created_at timestamptz not null default now(),
      unique (action_id, recorded_on)
    )`,
  childTable(
    'action_sources',
    ['action_id', 'actions'],
    `source text not null check (source in ('self-evaluation','scrutiny','audit','other')),
      description text not null`,
  ),
  `create index action_sources_action on action_sources (action_id)`,
  childTable(
    'plan_imports',
    ['plan_id', 'plans'],
    `filename text not null,
      headers jsonb not null,
      rows jsonb not null,
      committed_at timestamptz,
      created_by uuid references users(id)`,
  ),
]);
