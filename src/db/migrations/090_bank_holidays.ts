import { sqlMigration } from '../sql-migration.js';
import { englandAndWalesEvents } from '../../features/calendar/snapshot.js';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

// National days have no organisation; an organisation's administrators can add their own (for
// example a new one-off day announced after this snapshot), which count only for them.
export default sqlMigration([
  `create table bank_holidays (
    id uuid primary key default gen_random_uuid(),
    organisation_id uuid references organisations(id),
    date date not null,
    title text not null,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create unique index bank_holidays_national_date on bank_holidays (date) where organisation_id is null`,
  `create unique index bank_holidays_org_date on bank_holidays (organisation_id, date) where organisation_id is not null`,
  `insert into bank_holidays (date, title) values ${englandAndWalesEvents()
    .map((e) => `(${quote(e.date)}, ${quote(e.title)})`)
    .join(', ')}`,
]);
