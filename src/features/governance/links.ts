import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { LinkType } from './tables.js';
import { isUuid } from '../audit/audit.js';
import { inspectionName, planName } from '../../lib/labels.js';
import { formatGovukDate } from '../../lib/dates.js';

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
  report: 'issued_reports',
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
  /** What people call it: never an id or an internal key. */
  label: string;
  /** The heading it is listed under in a long choice list ("Plan actions: … version 2 (draft)"). */
  group: string;
}

const get = (row: Record<string, unknown>, camel: string, snake: string): string => {
  const v = row[camel] ?? row[snake];
  return v === null || v === undefined ? '' : String(v);
};

/** A linked record in words, by type (src/lib/labels.ts): "ILACS standard inspection, March 2023". */
function labelOf(type: LinkType, row: Record<string, unknown>): string {
  switch (type) {
    case 'inspection':
      return inspectionName({
        typeKey: get(row, 'typeKey', 'type_key'),
        startDate: get(row, 'startDate', 'start_date'),
      });
    case 'plan':
      return planName(
        {
          title: get(row, 'title', 'title'),
          planVersion: Number(get(row, 'planVersion', 'plan_version')),
          status: get(row, 'status', 'status'),
        },
        true,
      );
    case 'plan-action':
    case 'risk':
      return `${get(row, 'reference', 'reference')} ${get(row, 'title', 'title')}`.trim();
    case 'indicator':
      return get(row, 'name', 'name');
    case 'report':
      return `${get(row, 'title', 'title')} (issued ${formatGovukDate(get(row, 'issuedOn', 'issued_on'))})`;
  }
}

async function tableExists(db: Kysely<Database>, table: string): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass(${table}) as t`.execute(db);
  return Boolean(r.rows[0]?.t);
}

const byText = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' }).compare;

/**
 * Every record of the organisation that an agenda item or a risk can link to, grouped and sorted for a
 * choice list. Plan actions are those of the plans still in use (not superseded versions), grouped by
 * plan version; indicators that share a name are told apart by their theme.
 */
export async function listLinkTargets(
  db: Kysely<Database>,
  organisationId: string,
  types: readonly LinkType[],
): Promise<LinkTarget[]> {
  const out: LinkTarget[] = [];
  for (const type of types) {
    const table = TABLES[type];
    if (!(await tableExists(db, table))) continue;
    if (type === 'plan-action') {
      const rows = await sql<Record<string, unknown>>`
        select a.id, a.reference, a.title, p.title as plan_title, p.plan_version, p.status
        from actions a join plans p on p.id = a.plan_id
        where a.organisation_id = ${organisationId} and p.status <> 'superseded'
        limit 2000`.execute(db);
      for (const row of rows.rows) {
        const plan = planName(
          {
            title: get(row, 'planTitle', 'plan_title'),
            planVersion: Number(get(row, 'planVersion', 'plan_version')),
            status: get(row, 'status', 'status'),
          },
          true,
        );
        out.push({ type, id: String(row.id), label: labelOf(type, row), group: `Plan actions: ${plan}` });
      }
      continue;
    }
    const rows = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} where organisation_id = ${organisationId} limit 500`.execute(db);
    const seen = new Map<string, number>();
    for (const row of rows.rows)
      seen.set(labelOf(type, row).toLowerCase(), (seen.get(labelOf(type, row).toLowerCase()) ?? 0) + 1);
    for (const row of rows.rows) {
      let label = labelOf(type, row);
      if ((seen.get(label.toLowerCase()) ?? 0) > 1 && type === 'indicator')
        label = `${label} (${get(row, 'theme', 'theme') || get(row, 'frequency', 'frequency')})`;
      out.push({ type, id: String(row.id), label, group: GROUP_NAMES[type] });
    }
  }
  return out.sort((a, b) => byText(a.group, b.group) || byText(a.label, b.label));
}

const GROUP_NAMES: Record<LinkType, string> = {
  inspection: 'Inspections',
  plan: 'Improvement plans',
  'plan-action': 'Plan actions',
  indicator: 'Indicators',
  risk: 'Risks',
  report: 'Issued reports',
};

/** Does this organisation have the record a link points at? (Never true for another organisation's id.) */
export async function linkTargetExists(
  db: Kysely<Database>,
  organisationId: string,
  type: LinkType,
  id: string,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const table = TABLES[type];
  if (!(await tableExists(db, table))) return false;
  const r = await sql<{
    id: string;
  }>`select id from ${sql.table(table)} where id = ${id} and organisation_id = ${organisationId}`.execute(db);
  return r.rows.length > 0;
}

export async function linkLabels(
  db: Kysely<Database>,
  organisationId: string,
  links: { type: LinkType; id: string }[],
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const byType = new Map<LinkType, string[]>();
  for (const l of links) byType.set(l.type, [...(byType.get(l.type) ?? []), l.id]);
  for (const [type, ids] of byType) {
    const table = TABLES[type];
    if (!(await tableExists(db, table))) continue;
    const r = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} where organisation_id = ${organisationId} and id in (${sql.join(ids)})`.execute(
      db,
    );
    for (const row of r.rows) labels.set(`${type}:${String(row.id)}`, labelOf(type, row));
  }
  return labels;
}
