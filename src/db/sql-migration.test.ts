import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.js';
import type { SqlMigration } from './sql-migration.js';
import m350 from '../features/plans/migrations/350_action_indicators.js';
import m850 from '../features/council/migration-850.js';

/**
 * Migrations have run on councils' databases: the SQL each one runs must never change, however its
 * source is written (shared column fragments, builders). These hashes are of the statements as they
 * were first written out in full; a migration whose text changes fails here.
 */
const PINNED: Record<string, string> = {
  '001_foundation': '018e83bd2ae2d00d23b689acb6912468dd08fd2bb84f6dc3651f038d3400fb86',
  '400_annex_a': '685bfc08971713fc7cfa819ba74756aac0a18d2712433bc7caf55f9dc083a607',
  '410_annex_row_chunks': '8dc8f93a783747e7fab211387730ef0fb4db9e8a959b92bf91c1fdfadb504ecc',
  '420_annex_a_template_report': '7ef659a8f933f289a6b83df3d8bc309877f2ac7284dc8bd8af48949f68cb1116',
  '100_inspections': '2a0d71ee982141fae174576188c165ded793a0f3452e381816a78299d66c9542',
  '130_inspection_report_authority': '48799c94a48658c67ffa390958c1d3e46bc6f48d7891c04c0b4dffeee8771e28',
  '200_plans': 'e620fc6ab65c3f1b3b2591e761e10887b3fdb4e2821b54349718b85783701d8a',
  '210_plan_findings': 'fd48f63bded462eec5170d4eccaef0ae963c80dfe4f9f10e57a82bc263865f1b',
  '090_bank_holidays': '7ee61920d93ffa8f0324781691509ade74793d9866199ea2416c0d2ef09a9de1',
  '300_indicators': '3218ee387d94531aefab681cfd9b921ed391784d0a11f91be41e60c7c9edd8db',
  '320_national_sources': 'da6b154d49f7a308718c39c2ca4466f517d6496c9c720ba28ec0a62c2789bcb3',
  '350_action_indicators': '7fea5189fe387ac2da44f33de3ee629b7d136ff7efcf606de4fbdb402c37113e',
  '500_governance': 'dfb0bad84a9df2b7609af41534d5304342576d80d1b5f350481c52be65b56331',
  '600_reports': '2995e8db65e24562a1e2dcb778005749f6676875a04ade068de0bc9b161fbb1f',
  '820_job_claims': 'e25b8c0e0ceec9cca9fa26e790dfea726f442d1077b9120418c4e0fec6f05e75',
  '800_security': '32621b40ba63f88037f587fc2355f6ab83dee3927a032a761b91b30fa27a6125',
  '840_organisation_branding': '323664a18a21d12c316edec3a33b22500754625f210c2541d421652da86203c4',
  '845_indicator_value_counts': '9982889cdd685dfd260da83c67e9ff59faf6c89e0cfeeb1120938524125eef91',
  '850_action_control_notes': 'e63ad468c9bfc0ed3c97f7506f94e2045c598b581f6a22813c78887b424bac1e',
  '700_case_audits': '693d28b528e89675a47d7e954679a19da020ecc617195857556be1273ac79957',
  '860_rebaselines': '12231677b46b798772691f4cdc0535e98c9bafda8b0f2908b3d1174467213c04',
  '861_report_meetings': 'e9d1eed7f98519d3bdf469045367c4d1fe0d71f5cb43f518bff901799b4434df',
  '870_form_submissions': '9f7a82ef2d168fe7002409fade01596847458e3fd926b649ae1a344c76674d1b',
};

const hash = (m: SqlMigration) => crypto.createHash('sha256').update(m.statements.join('\n')).digest('hex');

describe('migrations run exactly the SQL that already ran', () => {
  it('every migration is pinned, and its statements hash as first written', () => {
    expect(Object.keys(migrations).sort()).toEqual(Object.keys(PINNED).sort());
    for (const [name, migration] of Object.entries(migrations))
      expect({ name, hash: hash(migration as SqlMigration) }).toEqual({ name, hash: PINNED[name] });
  });

  it('a record table built from the shared columns is the statement written out in full (line by line)', () => {
    expect(m850.statements).toEqual([
      [
        'create table action_control_notes (',
        '      id uuid primary key default gen_random_uuid(),',
        '      organisation_id uuid not null references organisations(id),',
        '      action_id uuid not null unique references actions(id) on delete cascade,',
        '      reason text not null check (length(reason) between 1 and 2000),',
        '      marked_by uuid references users(id),',
        '      marked_by_name text not null,',
        '      marked_on date not null,',
        '      version integer not null default 1,',
        '      created_at timestamptz not null default now(),',
        '      updated_at timestamptz not null default now()',
        '    )',
      ].join('\n'),
      `create index action_control_notes_org on action_control_notes (organisation_id)`,
    ]);
  });

  it('a link table built by linkTable is the statement written out in full (line by line)', () => {
    expect(m350.statements).toEqual([
      [
        'create table action_indicators (',
        '      organisation_id uuid not null references organisations(id),',
        '      action_id uuid not null references actions(id) on delete cascade,',
        '      indicator_id uuid not null references indicators(id) on delete cascade,',
        '      created_at timestamptz not null default now(),',
        '      primary key (action_id, indicator_id)',
        '    )',
      ].join('\n'),
      `create index action_indicators_indicator on action_indicators (indicator_id)`,
    ]);
  });
});
