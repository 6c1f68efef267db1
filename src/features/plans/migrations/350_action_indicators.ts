import { linkTable, sqlMigration } from '../../../db/sql-migration.js';

/** Actions linked to the indicators that show their impact (runs after the indicators tables, 300). */
export default sqlMigration([
  linkTable('action_indicators', ['action_id', 'actions'], ['indicator_id', 'indicators']),
  `create index action_indicators_indicator on action_indicators (indicator_id)`,
]);
