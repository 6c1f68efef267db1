import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { LinkType } from './tables.js';
import { isUuid } from '../audit/audit.js';

/**
 * Agenda items and risks link to records other features own. The links are typed references (no
 * foreign key), so governance never depends on another feature's migration; each link is checked here
 * against the organisation's own records when it is made. A feature that is not installed simply has
 * nothing to link to.
 */
const TABLES: Record<LinkType, string> = {
  inspection: 'inspections',
  plan: 'plans',
  'plan-action': 'actions',
  indicator: 'indicators',
  risk: 'risks',
  report: 'reports',
};

export const LINK_TYPE_LABELS: Record<LinkType, string> = {
  inspection: 'Inspection',
  plan: 'Improvement plan',
  'plan-action': 'Plan action',
  indicator: 'Indicator',
  risk: 'Risk',
  report: 'Report',
};

export const LINK_HREFS: Record<LinkType, (id: string) => string> = {
  inspection: (id) => `/inspections/${id}`,
  plan: (id) => `/plans/${id}`,
  'plan-action': (id) => `/actions/${id}`,
  indicator: (id) => `/indicators/${id}`,
  risk: (id) => `/risks/${id}`,
  report: (id) => `/reports/${id}`,
};

export interface LinkTarget {
  type: LinkType;
  id: string;
  label: string;
}

function labelOf(row: Record<string, unknown>): string {
  const ref = row.reference ?? row.key;
  const name = row.title ?? row.name ?? row.judgement ?? row.kind ?? row.id;
  const date = row.publishedDate ?? row.published_date ?? row.startDate ?? row.start_date;
  return [ref, name, date].filter((v) => v !== null && v !== undefined && v !== '').map(String).join(' – ');
}

async function tableExists(db: Kysely<Database>, table: string): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass(${table}) as t`.execute(db);
  return Boolean(r.rows[0]?.t);
}

/** Every record of the organisation that an agenda item can link to, grouped by type. */
export async function listLinkTargets(db: Kysely<Database>, organisationId: string, types: readonly LinkType[]): Promise<LinkTarget[]> {
  const out: LinkTarget[] = [];
  for (const type of types) {
    const table = TABLES[type];
    if (!(await tableExists(db, table))) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where organisation_id = ${organisationId} order by created_at limit 300`.execute(db);
    for (const row of rows.rows) out.push({ type, id: String(row.id), label: labelOf(row) });
  }
  return out.sort((a, b) => a.type.localeCompare(b.type) || a.label.localeCompare(b.label, 'en-GB', { numeric: true }));
}

/** Does this organisation have the record a link points at? (Never true for another organisation's id.) */
export async function linkTargetExists(db: Kysely<Database>, organisationId: string, type: LinkType, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const table = TABLES[type];
  if (!(await tableExists(db, table))) return false;
  const r = await sql<{ id: string }>`select id from ${sql.table(table)} where id = ${id} and organisation_id = ${organisationId}`.execute(db);
  return r.rows.length > 0;
}

export async function linkLabels(db: Kysely<Database>, organisationId: string, links: { type: LinkType; id: string }[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const byType = new Map<LinkType, string[]>();
  for (const l of links) byType.set(l.type, [...(byType.get(l.type) ?? []), l.id]);
  for (const [type, ids] of byType) {
    const table = TABLES[type];
    if (!(await tableExists(db, table))) continue;
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where organisation_id = ${organisationId} and id in (${sql.join(ids)})`.execute(db);
    for (const row of r.rows) labels.set(`${type}:${String(row.id)}`, labelOf(row));
  }
  return labels;
}
