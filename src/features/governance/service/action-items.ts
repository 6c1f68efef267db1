import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema.js';
import { findOwned, type Actor, type Executor } from '../../audit/audit.js';
import type { actionItemSchema } from '../schemas.js';
import { linkTargetExists } from '../links.js';
import { failIfAny, ownerProblem, saveChecked, type Target } from './common.js';
import { meetingOf } from './meetings.js';

type ActionItemInput = z.infer<typeof actionItemSchema>;

async function checkActionItem(db: Kysely<Database>, organisationId: string, input: ActionItemInput) {
  const meeting = await meetingOf(db, organisationId, input.meetingId);
  const agendaItem = input.agendaItemId ? await findOwned(db, organisationId, 'agendaItems', input.agendaItemId) : null;
  failIfAny([
    input.dueDate < meeting.meetingDate && {
      path: 'dueDate',
      message: 'Due date must be on or after the date of the meeting',
    },
    await ownerProblem(db, organisationId, input.ownerId),
    input.agendaItemId &&
      agendaItem?.meetingId !== meeting.id && {
        path: 'agendaItemId',
        message: 'Select an agenda item of this meeting',
      },
    input.planActionId &&
      !(await linkTargetExists(db, organisationId, 'plan-action', input.planActionId)) && {
        path: 'planActionId',
        message: 'Select a plan action of your organisation',
      },
    input.closedOn &&
      input.closedOn < meeting.meetingDate && {
        path: 'closedOn',
        message: 'Date closed must be on or after the date of the meeting',
      },
  ]);
}

/** Closing sets the closed date (today unless given); reopening clears it. */
function closure(input: ActionItemInput, today: string) {
  return input.status === 'closed' ? { closedOn: input.closedOn ?? today } : { closedOn: null };
}

function saveActionItem(db: Kysely<Database>, actor: Actor, target: Target, input: ActionItemInput, today: string) {
  const check = () => checkActionItem(db, actor.organisationId, input);
  return saveChecked(db, actor, 'actionSheetItems', target, check, () => ({ ...input, ...closure(input, today) }));
}

export const createActionItem = (db: Kysely<Database>, actor: Actor, input: ActionItemInput, today: string) =>
  saveActionItem(db, actor, null, input, today);

export const updateActionItem = (
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: ActionItemInput,
  today: string,
  version: number,
) => saveActionItem(db, actor, { id, version }, input, today);

export function actionItemsQuery(db: Executor, organisationId: string) {
  return db
    .selectFrom('actionSheetItems')
    .innerJoin('meetings', 'meetings.id', 'actionSheetItems.meetingId')
    .innerJoin('users', 'users.id', 'actionSheetItems.ownerId')
    .selectAll('actionSheetItems')
    .select(['meetings.meetingDate as raisedAtMeetingDate', 'meetings.bodyId', 'users.displayName as ownerName'])
    .where('actionSheetItems.organisationId', '=', organisationId);
}

export async function listActionItems(
  db: Executor,
  organisationId: string,
  filter: { meetingId?: string; status?: string; ownerId?: string } = {},
) {
  let q = actionItemsQuery(db, organisationId);
  if (filter.meetingId) q = q.where('actionSheetItems.meetingId', '=', filter.meetingId);
  if (filter.status) q = q.where('actionSheetItems.status', '=', filter.status as never);
  if (filter.ownerId) q = q.where('actionSheetItems.ownerId', '=', filter.ownerId);
  return q.orderBy('actionSheetItems.dueDate').orderBy('actionSheetItems.createdAt').execute();
}
