import { recordColumns, sqlMigration } from '../../db/sql-migration.js';

/**
 * The council's own branding (issue 15): header name, service name, brand colour, header text colour,
 * footer licence text and an optional logo (PNG or JPEG bytes, checked before saving). One row per
 * organisation, in its own table so nothing that reads `organisations` ever loads the logo bytes.
 */
export default sqlMigration([
  `create table organisation_branding (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null unique references organisations(id),
      service_name text,
      brand_colour text check (brand_colour ~ '^#[0-9a-f]{6}$'),
      header_text text not null default 'white' check (header_text in ('white','black')),
      licence_text text,
      logo bytea,
      logo_type text check (logo_type in ('image/png','image/jpeg')),
      logo_sha256 text,
      logo_width integer,
      logo_height integer,
      ${recordColumns},
      check ((logo is null) = (logo_type is null))
    )`,
]);
