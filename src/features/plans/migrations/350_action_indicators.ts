import { sqlMigration } from '../../../db/sql-migration.js';

/** Actions linked to the indicators that show their impact (runs after the indicators tables, 300). */
export default sqlMigration([
  `create table action_indicators (
      organisation_id uuid not null references organisations(id),
      action_id uuid not null references actions(id) on delete cascade,
      indicator_id uuid not null references indicators(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (action_id, indicator_id)
    )`,
  `create index action_indicators_indicator on action_indicators (indicator_id)`,
]);
