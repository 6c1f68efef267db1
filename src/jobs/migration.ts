import { sqlMigration } from '../db/sql-migration.js';

/**
 * One row per run of a scheduled job (job name and run key, such as the London date): the primary key
 * is the claim, so however many processes try to start the same run only one insert wins.
 */
export default sqlMigration([
  `create table job_claims (
      job text not null,
      run_key text not null,
      claimed_by text not null,
      claimed_at timestamptz not null default now(),
      lease_until timestamptz not null,
      attempts integer not null default 1,
      finished_at timestamptz,
      outcome text check (outcome in ('done', 'failed')),
      detail text,
      primary key (job, run_key)
    )`,
]);
