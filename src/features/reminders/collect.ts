import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ReminderItem } from '../../lib/reminder-digest.js';

async function tableExists(db: Kysely<Database>, table: string): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass(${table}) as t`.execute(db);
  return Boolean(r.rows[0]?.t);
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
  const sheet = await db
    .selectFrom('actionSheetItems')
    .innerJoin('meetings', 'meetings.id', 'actionSheetItems.meetingId')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .select([
      'actionSheetItems.id',
      'actionSheetItems.ownerId',
      'actionSheetItems.description',
      'actionSheetItems.dueDate',
      'bodies.name as bodyName',
    ])
    .where('actionSheetItems.organisationId', '=', organisationId)
    .where('actionSheetItems.status', '!=', 'closed')
    .where('actionSheetItems.dueDate', '<=', until)
    .execute();
  for (const s of sheet)
    items.push({
      ownerId: s.ownerId,
      kind: 'action-sheet-item',
      title: `${s.description} (${s.bodyName})`,
      dueDate: s.dueDate,
      path: `/governance/action-items/${s.id}`,
    });

  const requests = await db
    .selectFrom('informationRequests')
    .innerJoin('meetings', 'meetings.id', 'informationRequests.meetingId')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .select([
      'informationRequests.id',
      'informationRequests.officerId',
      'informationRequests.request',
      'informationRequests.dueDate',
      'bodies.name as bodyName',
    ])
    .where('informationRequests.organisationId', '=', organisationId)
    .where('informationRequests.answeredOn', 'is', null)
    .where('informationRequests.officerId', 'is not', null)
    .where('informationRequests.dueDate', 'is not', null)
    .where('informationRequests.dueDate', '<=', until)
    .execute();
  for (const r of requests)
    items.push({
      ownerId: r.officerId!,
      kind: 'information-request',
      title: `${r.request} (for ${r.bodyName})`,
      dueDate: r.dueDate!,
      path: `/governance/requests/${r.id}`,
    });

  const forward = await db
    .selectFrom('forwardPlanItems')
    .innerJoin('bodies', 'bodies.id', 'forwardPlanItems.bodyId')
    .select([
      'forwardPlanItems.id',
      'forwardPlanItems.ownerId',
      'forwardPlanItems.title',
      'forwardPlanItems.dueDate',
      'bodies.name as bodyName',
    ])
    .where('forwardPlanItems.organisationId', '=', organisationId)
    .where('forwardPlanItems.status', '=', 'planned')
    .where('forwardPlanItems.ownerId', 'is not', null)
    .where('forwardPlanItems.dueDate', '<=', until)
    .execute();
  for (const f of forward)
    items.push({
      ownerId: f.ownerId!,
      kind: 'forward-plan-report',
      title: `${f.title} (to ${f.bodyName})`,
      dueDate: f.dueDate,
      path: '/governance/forward-plan',
    });

  const risks = await db
    .selectFrom('risks')
    .select(['id', 'ownerId', 'reference', 'title', 'reviewDate'])
    .where('organisationId', '=', organisationId)
    .where('status', '=', 'open')
    .where('ownerId', 'is not', null)
    .where('reviewDate', 'is not', null)
    .where('reviewDate', '<=', until)
    .execute();
  for (const r of risks)
    items.push({
      ownerId: r.ownerId!,
      kind: 'risk-review',
      title: `${r.reference} ${r.title}`,
      dueDate: r.reviewDate!,
      path: `/risks/${r.id}`,
    });

  if (await tableExists(db, 'actions')) {
    const actions = await db
      .selectFrom('actions')
      .select(['id', 'ownerId', 'reference', 'title', 'dueDate'])
      .where('organisationId', '=', organisationId)
      .where('status', 'not in', ['complete', 'closed'])
      .where('ownerId', 'is not', null)
      .where('dueDate', '<=', until)
      .execute();
    for (const a of actions)
      items.push({
        ownerId: a.ownerId!,
        kind: 'plan-action',
        title: `${a.reference} ${a.title}`,
        dueDate: a.dueDate,
        path: `/actions/${a.id}`,
      });
  }
  if (await tableExists(db, 'milestones')) {
    const milestones = await db
      .selectFrom('milestones')
      .innerJoin('actions', 'actions.id', 'milestones.actionId')
      .select([
        'milestones.id',
        'milestones.title',
        'milestones.dueDate',
        'actions.id as actionId',
        'actions.ownerId',
        'actions.reference',
      ])
      .where('milestones.organisationId', '=', organisationId)
      .where('milestones.completedDate', 'is', null)
      .where('actions.ownerId', 'is not', null)
      .where('actions.status', 'not in', ['complete', 'closed'])
      .where('milestones.dueDate', '<=', until)
      .execute();
    for (const m of milestones)
      items.push({
        ownerId: m.ownerId!,
        kind: 'milestone',
        title: `${m.reference}: ${m.title}`,
        dueDate: m.dueDate,
        path: `/actions/${m.actionId}`,
      });
  }
  return items;
}
