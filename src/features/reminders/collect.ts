import { sql, type RawBuilder } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ReminderItem, ReminderKind } from '../../lib/reminder-digest.js';

async function tableExists(db: Kysely<Database>, table: string): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass(${table}) as t`.execute(db);
  return Boolean(r.rows[0]?.t);
}

/** A row of a source's query: `name` and `context` are worded into the reminder's title. */
interface SourceRow {
  /** The record the reminder links to (a milestone's is its action). */
  linkId: string;
  ownerId: string;
  dueDate: string;
  name: string;
  context: string;
}

/**
 * One kind of dated work that someone owns. Every source is read by the same query (openRows): `from` is
 * the record table aliased `item`, with what it joins for the owner or the title; the columns default to
 * the record's own `id`, `owner_id` and `due_date`.
 */
interface ReminderSource {
  kind: ReminderKind;
  /** Plans are an optional feature: their sources are read only where their table exists. */
  requires?: string;
  from: RawBuilder<unknown>;
  /** Not done yet. */
  open: RawBuilder<unknown>;
  link?: RawBuilder<unknown>;
  owner?: RawBuilder<unknown>;
  due?: RawBuilder<unknown>;
  name: RawBuilder<unknown>;
  context: RawBuilder<unknown>;
  title(row: SourceRow): string;
  path(row: SourceRow): string;
}

const MEETING_BODY = sql`join meetings on meetings.id = item.meeting_id join bodies on bodies.id = meetings.body_id`;
const ACTION_DONE = sql`('complete', 'closed')`;

const SOURCES: ReminderSource[] = [
  {
    kind: 'action-sheet-item',
    from: sql`action_sheet_items item ${MEETING_BODY}`,
    open: sql`item.status != 'closed'`,
    name: sql`item.description`,
    context: sql`bodies.name`,
    title: (r) => `${r.name} (${r.context})`,
    path: (r) => `/governance/action-items/${r.linkId}`,
  },
  {
    kind: 'information-request',
    from: sql`information_requests item ${MEETING_BODY}`,
    open: sql`item.answered_on is null`,
    owner: sql`item.officer_id`,
    name: sql`item.request`,
    context: sql`bodies.name`,
    title: (r) => `${r.name} (for ${r.context})`,
    path: (r) => `/governance/requests/${r.linkId}`,
  },
  {
    kind: 'forward-plan-report',
    from: sql`forward_plan_items item join bodies on bodies.id = item.body_id`,
    open: sql`item.status = 'planned'`,
    name: sql`item.title`,
    context: sql`bodies.name`,
    title: (r) => `${r.name} (to ${r.context})`,
    path: () => '/governance/forward-plan',
  },
  {
    kind: 'risk-review',
    from: sql`risks item`,
    open: sql`item.status = 'open'`,
    due: sql`item.review_date`,
    name: sql`item.title`,
    context: sql`item.reference`,
    title: (r) => `${r.context} ${r.name}`,
    path: (r) => `/risks/${r.linkId}`,
  },
  {
    kind: 'plan-action',
    requires: 'actions',
    from: sql`actions item`,
    open: sql`item.status not in ${ACTION_DONE}`,
    name: sql`item.title`,
    context: sql`item.reference`,
    title: (r) => `${r.context} ${r.name}`,
    path: (r) => `/actions/${r.linkId}`,
  },
  {
    kind: 'milestone',
    requires: 'milestones',
    from: sql`milestones item join actions on actions.id = item.action_id`,
    // A milestone is its action owner's to meet, and only while the action is open.
    open: sql`item.completed_date is null and actions.status not in ${ACTION_DONE}`,
    link: sql`actions.id`,
    owner: sql`actions.owner_id`,
    name: sql`item.title`,
    context: sql`actions.reference`,
    title: (r) => `${r.context}: ${r.name}`,
    path: (r) => `/actions/${r.linkId}`,
  },
];

/** The source's open rows of the organisation that have an owner and fall due on or before `until`. */
async function openRows(db: Kysely<Database>, s: ReminderSource, organisationId: string, until: string) {
  const { link = sql`item.id`, owner = sql`item.owner_id`, due = sql`item.due_date` } = s;
  const { rows } = await sql<SourceRow>`
    select ${link} as link_id, ${owner} as owner_id, ${due} as due_date, ${s.name} as name, ${s.context} as context
    from ${s.from}
    where item.organisation_id = ${organisationId} and ${s.open} and ${owner} is not null and ${due} <= ${until}`.execute(
    db,
  );
  return rows;
}

/**
 * Everything with an owner and a date that is not done yet, for one organisation: action-sheet items,
 * information requests (their officer), forward-plan reports, risk reviews, and — when the plans
 * feature is installed — plan actions and their milestones. `until` bounds the dates fetched.
 */
export async function collectReminderItems(
  db: Kysely<Database>,
  organisationId: string,
  until: string,
): Promise<ReminderItem[]> {
  const items: ReminderItem[] = [];
  for (const source of SOURCES) {
    if (source.requires && !(await tableExists(db, source.requires))) continue;
    for (const row of await openRows(db, source, organisationId, until))
      items.push({
        ownerId: row.ownerId,
        kind: source.kind,
        title: source.title(row),
        dueDate: row.dueDate,
        path: source.path(row),
      });
  }
  return items;
}
