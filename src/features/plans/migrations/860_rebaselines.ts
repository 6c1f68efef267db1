import { recordKey, recordColumns, sqlMigration } from '../../../db/sql-migration.js';

/**
 * Re-baselining (ADR 0860): the first due date and the date last agreed are kept beside the due date
 * (null while they equal it), and every move of a due date later is a record with its reason.
 */
export default sqlMigration([
  `alter table milestones add column original_due_date date`,
  `alter table milestones add column agreed_due_date date`,
  `alter table actions add column original_due_date date`,
  `alter table actions add column agreed_due_date date`,
  `create table rebaselines (
      ${recordKey},
      action_id uuid not null references actions(id) on delete cascade,
      milestone_id uuid references milestones(id) on delete cascade,
      from_date date not null,
      to_date date not null,
      reason text not null,
      requested_by uuid references users(id),
      requested_by_name text not null,
      accepted_by_name text,
      accepted_on date,
      ${recordColumns},
      check (to_date > from_date)
    )`,
  `create index rebaselines_action on rebaselines (organisation_id, action_id)`,
]);
