import { recordKey, recordColumns, sqlMigration } from '../../db/sql-migration.js';

/**
 * "Outside our control" (issue 15): an action's owner (or an editor) says a red or amber has a cause
 * the council cannot control, with a reason. One current note per action; clearing it deletes the row
 * (the audit trail keeps it). The rating itself is never changed by it.
 */
export default sqlMigration([
  `create table action_control_notes (
      ${recordKey},
      action_id uuid not null unique references actions(id) on delete cascade,
      reason text not null check (length(reason) between 1 and 2000),
      marked_by uuid references users(id),
      marked_by_name text not null,
      marked_on date not null,
      ${recordColumns}
    )`,
  `create index action_control_notes_org on action_control_notes (organisation_id)`,
]);
