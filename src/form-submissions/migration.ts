import { sqlMigration } from '../db/sql-migration.js';

/**
 * One row per form sent (the signed-in user and the form's one-time token): the primary key is the
 * claim, so of a form sent twice at once only the first is saved; `body_hash` tells a second sending of
 * the same words from a changed form; `location` is where it led and `flash` (JSON) what it said there.
 */
export default sqlMigration([
  `create table form_submissions (
      key text primary key,
      location text,
      flash text,
      body_hash text not null,
      created_at timestamptz not null default now()
    )`,
  `create index form_submissions_created_at on form_submissions (created_at)`,
]);
