import { recordKey, recordColumns, sqlMigration } from '../../db/sql-migration.js';

/**
 * Inspections and their findings, yearly self-evaluations, and the national table of every authority's
 * published Ofsted outcomes (global reference data: no organisation).
 */
export default sqlMigration([
  `create table inspections (
      ${recordKey},
      type_key text not null,
      framework_version_key text not null,
      start_date date not null,
      end_date date,
      published_date date,
      received_date date,
      report_url text,
      priority_actions boolean not null default false,
      judgements jsonb not null default '{}'::jsonb,
      source text not null default 'manual' check (source in ('manual','report-import','national-import','demo')),
      notes text,
      ${recordColumns},
      check (end_date is null or end_date >= start_date),
      check (published_date is null or end_date is null or published_date >= end_date)
    )`,
  `create index inspections_organisation on inspections (organisation_id, start_date)`,
  `create table findings (
      ${recordKey},
      inspection_id uuid not null references inspections(id) on delete cascade,
      kind text not null check (kind in ('strength','area-for-improvement','recommendation','further-action')),
      text text not null,
      area_key text,
      reference text,
      position integer not null default 0,
      ${recordColumns}
    )`,
  `create index findings_inspection on findings (organisation_id, inspection_id, position)`,
  `create table self_evaluations (
      ${recordKey},
      title text not null,
      completed_date date not null,
      framework_version_key text not null,
      areas jsonb not null default '[]'::jsonb,
      ${recordColumns}
    )`,
  `create index self_evaluations_organisation on self_evaluations (organisation_id, completed_date)`,
  `create table national_inspections (
      id uuid primary key default gen_random_uuid(),
      gss_code text not null,
      la_code text,
      la_name text not null,
      la_status text not null default 'Current',
      region text not null,
      inspection_date date not null,
      published_date date,
      type_key text not null,
      overall text,
      judgements jsonb not null default '{}'::jsonb,
      visit_theme text,
      source text not null,
      imported_at timestamptz not null default now(),
      unique (gss_code, inspection_date, type_key)
    )`,
  `create index national_inspections_date on national_inspections (inspection_date)`,
]);
