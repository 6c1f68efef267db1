import { recordKey, recordColumns, sqlMigration } from '../../db/sql-migration.js';

/** 300: indicator library, values, targets and imports; national DfE benchmarks and comparator groups. */
export default sqlMigration([
  `create table indicators (
      ${recordKey},
      key text not null check (key ~ '^[a-z0-9][a-z0-9._-]{0,79}$'),
      name text not null,
      definition text not null default '',
      unit text not null check (unit in ('count','percent','rate-per-10k','days','ratio')),
      polarity text not null check (polarity in ('higher-is-better','lower-is-better','neither')),
      frequency text not null check (frequency in ('monthly','quarterly','annual')),
      theme text not null default 'Other',
      owner text not null default '',
      data_source text not null default '',
      national_measure text,
      tolerance double precision not null default 0 check (tolerance >= 0),
      ${recordColumns}
    )`,
  `create unique index indicators_org_key on indicators (organisation_id, key)`,
  `create table indicator_values (
      ${recordKey},
      indicator_id uuid not null references indicators(id) on delete cascade,
      period text not null,
      value double precision,
      source text not null check (source in ('manual','import','computed')),
      note text not null default '',
      recorded_by text not null,
      provenance jsonb,
      ${recordColumns}
    )`,
  `create unique index indicator_values_period on indicator_values (indicator_id, period)`,
  `create index indicator_values_org on indicator_values (organisation_id, indicator_id)`,
  `create table indicator_targets (
      ${recordKey},
      indicator_id uuid not null references indicators(id) on delete cascade,
      kind text not null check (kind in ('period','trajectory')),
      period text,
      value double precision,
      start_period text,
      start_value double precision,
      end_period text,
      end_value double precision,
      ${recordColumns}
    )`,
  `create index indicator_targets_indicator on indicator_targets (organisation_id, indicator_id)`,
  `create table indicator_imports (
      ${recordKey},
      filename text not null,
      layout text not null,
      status text not null check (status in ('pending','committed')),
      rows jsonb not null,
      errors jsonb not null,
      ${recordColumns}
    )`,
  `create index indicator_imports_org on indicator_imports (organisation_id, created_at)`,
  `create table benchmark_values (
      measure text not null,
      year integer not null,
      level text not null check (level in ('national','regional','la')),
      area_code text not null,
      area_name text not null,
      region_name text,
      value double precision,
      suppression text,
      primary key (measure, year, level, area_code)
    )`,
  `create table benchmark_areas (
      la_code text primary key,
      la_name text not null,
      new_la_code text,
      region_name text
    )`,
  `create table national_neighbours (
      la_code text not null,
      position integer not null,
      neighbour_code text not null,
      closeness text not null default '',
      primary key (la_code, position)
    )`,
  `create table organisation_neighbours (
      ${recordKey},
      la_code text not null,
      position integer not null,
      ${recordColumns}
    )`,
  `create unique index organisation_neighbours_unique on organisation_neighbours (organisation_id, la_code)`,
  `create table benchmark_groups (
      ${recordKey},
      name text not null,
      la_codes jsonb not null,
      ${recordColumns}
    )`,
  `create index benchmark_groups_org on benchmark_groups (organisation_id)`,
]);
