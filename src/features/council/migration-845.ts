import { sqlMigration } from '../../db/sql-migration.js';

/**
 * Counts behind a percentage (issue 15): "82% (169 of 206)". Both or neither; the numerator cannot
 * exceed the denominator. Values recorded without them keep showing the percentage alone.
 */
export default sqlMigration([
  `alter table indicator_values add column numerator double precision`,
  `alter table indicator_values add column denominator double precision`,
  `alter table indicator_values add constraint indicator_values_counts check (
      (numerator is null and denominator is null)
      or (numerator >= 0 and denominator > 0 and numerator <= denominator))`,
]);
