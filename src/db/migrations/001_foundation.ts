import { recordKey, recordColumns, sqlMigration } from '../sql-migration.js';

export default sqlMigration([
  `create table organisations (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text not null,
      la_code text,
      gss_code text,
      region text,
      child_population integer check (child_population is null or child_population > 0),
      pseudonym_secret text not null,
      ${recordColumns}
    )`,
  `create table users (
      ${recordKey},
      email text not null,
      display_name text not null,
      role text not null check (role in ('admin','editor','contributor','viewer')),
      password_hash text,
      oidc_subject text,
      failed_attempts integer not null default 0,
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      active boolean not null default true,
      ${recordColumns}
    )`,
  `create unique index users_email_unique on users (lower(email))`,
  `create index users_organisation on users (organisation_id)`,
  `create table sessions (
      sid text primary key,
      sess jsonb not null,
      expires_at timestamptz not null
    )`,
  `create index sessions_expires on sessions (expires_at)`,
  `create table api_tokens (
      ${recordKey},
      user_id uuid not null references users(id),
      name text not null,
      token_hash text not null unique,
      token_prefix text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`,
  `create table audit_events (
      id bigserial primary key,
      organisation_id uuid not null references organisations(id),
      user_id uuid references users(id),
      actor text not null,
      at timestamptz not null default now(),
      action text not null check (action in ('create','update','delete')),
      entity_type text not null,
      entity_id text not null,
      before jsonb,
      after jsonb
    )`,
  `create index audit_events_entity on audit_events (organisation_id, entity_type, entity_id, id)`,
  `create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end
    $$`,
  `create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`,
]);
