import { recordKey, recordColumns, sqlMigration } from '../../db/sql-migration.js';

/**
 * 700: case file audits (issue 17). Frameworks are versioned (a cycle keeps the version it started
 * with); a case is only a keyed hash of its identifier, as in Annex A; evidence notes, which are
 * special-category data, live in their own table so nothing reads them by accident.
 */
export default sqlMigration([
  `create table case_audit_frameworks (
      ${recordKey},
      key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,19}$'),
      name text not null,
      description text not null default '',
      ${recordColumns}
    )`,
  `create unique index case_audit_frameworks_key on case_audit_frameworks (organisation_id, key)`,
  `create table case_audit_framework_versions (
      ${recordKey},
      framework_id uuid not null references case_audit_frameworks(id),
      number integer not null check (number >= 1),
      themes jsonb not null,
      scale jsonb not null,
      change_note text not null default '',
      created_by_name text not null,
      ${recordColumns},
      unique (framework_id, number)
    )`,
  `create table case_auditors (
      ${recordKey},
      user_id uuid not null references users(id),
      ${recordColumns},
      unique (organisation_id, user_id)
    )`,
  `create table case_audit_cycles (
      ${recordKey},
      framework_id uuid not null references case_audit_frameworks(id),
      framework_version_id uuid not null references case_audit_framework_versions(id),
      title text not null,
      kind text not null check (kind in ('monthly','themed')),
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      topic text,
      series_key text not null,
      status text not null default 'open' check (status in ('open','published')),
      due_date date,
      sample jsonb,
      published_at timestamptz,
      ${recordColumns},
      check ((kind = 'themed') = (topic is not null))
    )`,
  `create unique index case_audit_cycles_series_period on case_audit_cycles (organisation_id, series_key, period)`,
  `create table case_audits (
      ${recordKey},
      cycle_id uuid not null references case_audit_cycles(id) on delete cascade,
      case_hash text not null check (case_hash ~ '^[0-9a-f]{64}$'),
      list_key text check (list_key in ('cin','cp','cla','care-leaver')),
      team text,
      worker text,
      source_import_id uuid,
      source_list smallint,
      source_row integer,
      in_latest_import boolean not null,
      origin text not null check (origin in ('sample','manual','import')),
      auditor_id uuid references users(id),
      moderator_id uuid references users(id),
      grades jsonb not null default '{}',
      overall_grade text,
      audited_on date,
      graded_by text,
      moderated_grades jsonb,
      moderated_overall_grade text,
      moderated_on date,
      moderated_by text,
      ${recordColumns},
      unique (cycle_id, case_hash),
      check (moderator_id is null or auditor_id is null or moderator_id <> auditor_id)
    )`,
  `create index case_audits_org_hash on case_audits (organisation_id, case_hash)`,
  `create index case_audits_auditor on case_audits (organisation_id, auditor_id)`,
  `create index case_audits_moderator on case_audits (organisation_id, moderator_id)`,
  `create table case_audit_notes (
      ${recordKey},
      audit_id uuid not null references case_audits(id) on delete cascade,
      kind text not null check (kind in ('evidence','moderation')),
      body text not null,
      ${recordColumns},
      unique (audit_id, kind)
    )`,
  `create table case_audit_learning (
      ${recordKey},
      cycle_id uuid not null references case_audit_cycles(id) on delete cascade,
      title text not null,
      theme_key text,
      audit_id uuid references case_audits(id) on delete set null,
      quote text,
      action_id uuid references actions(id) on delete set null,
      ${recordColumns}
    )`,
  `create index case_audit_learning_cycle on case_audit_learning (cycle_id)`,
  `create table case_audit_imports (
      ${recordKey},
      cycle_id uuid not null references case_audit_cycles(id) on delete cascade,
      filename text not null,
      headers jsonb not null,
      rows jsonb not null,
      id_column integer,
      created_by uuid references users(id),
      committed_at timestamptz,
      ${recordColumns}
    )`,
]);
