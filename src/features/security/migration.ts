import { sqlMigration } from '../../db/sql-migration.js';

/**
 * Hardening (issue 13):
 * - Sign-in failures are counted per email address as typed (normalised), whether or not an account
 *   has that address, so a locked real account and an unknown email answer the same way. One row per
 *   address; the count is changed by a single atomic statement, never read and written back.
 * - An email address is unique within an organisation, not across them, so adding a user never tells
 *   an administrator that the address is used by another organisation.
 * - A one-row table that readiness checks write to, proving the database accepts writes.
 */
export default sqlMigration([
  `create table sign_in_lockouts (
      email_key text primary key,
      failures integer not null default 0,
      locked_until timestamptz,
      updated_at timestamptz not null default now()
    )`,
  `create index sign_in_lockouts_updated on sign_in_lockouts (updated_at)`,
  `drop index users_email_unique`,
  `create unique index users_organisation_email_unique on users (organisation_id, lower(email))`,
  `create index users_email on users (lower(email))`,
  `create table storage_probe (
      id integer primary key check (id = 1),
      checked_at timestamptz not null
    )`,
]);
