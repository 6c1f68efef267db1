import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema.js';
import type { Actor, Executor } from '../../audit/audit.js';
import type { informationRequestSchema } from '../schemas.js';
import { failIfAny, saveChecked, userProblem, type Target } from './common.js';
import { meetingOf } from './meetings.js';

type RequestInput = z.infer<typeof informationRequestSchema>;

async function checkRequest(db: Kysely<Database>, organisationId: string, input: RequestInput) {
  const meeting = await meetingOf(db, organisationId, input.meetingId);
  const beforeMeeting = (date: string | null | undefined) => Boolean(date) && date! < meeting.meetingDate;
  failIfAny([
    beforeMeeting(input.dueDate) && {
      path: 'dueDate',
      message: 'Due date must be on or after the date of the meeting',
    },
    input.answeredOn && !input.answer && { path: 'answer', message: 'Enter the answer that was sent' },
    input.answer && !input.answeredOn && { path: 'answeredOn', message: 'Enter the date the answer was sent' },
    beforeMeeting(input.answeredOn) && {
      path: 'answeredOn',
      message: 'Date the answer was sent must be on or after the date of the meeting',
    },
    await userProblem(db, organisationId, input.officerId, 'officerId', 'Select an officer from your organisation'),
  ]);
}

function saveRequest(db: Kysely<Database>, actor: Actor, target: Target, input: RequestInput) {
  return saveChecked(
    db,
    actor,
    'informationRequests',
    target,
    () => checkRequest(db, actor.organisationId, input),
    () => input,
  );
}

export const createRequest = (db: Kysely<Database>, actor: Actor, input: RequestInput) =>
  saveRequest(db, actor, null, input);

export const updateRequest = (db: Kysely<Database>, actor: Actor, id: string, input: RequestInput, version: number) =>
  saveRequest(db, actor, { id, version }, input);

export function requestsQuery(db: Executor, organisationId: string) {
  return db
    .selectFrom('informationRequests')
    .innerJoin('meetings', 'meetings.id', 'informationRequests.meetingId')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .leftJoin('users', 'users.id', 'informationRequests.officerId')
    .selectAll('informationRequests')
    .select([
      'meetings.meetingDate as raisedAtMeetingDate',
      'meetings.bodyId',
      'bodies.name as bodyName',
      'users.displayName as officerName',
    ])
    .where('informationRequests.organisationId', '=', organisationId);
}

export async function listRequests(
  db: Executor,
  organisationId: string,
  filter: { meetingId?: string; outstanding?: boolean } = {},
) {
  let q = requestsQuery(db, organisationId);
  if (filter.meetingId) q = q.where('informationRequests.meetingId', '=', filter.meetingId);
  if (filter.outstanding === true) q = q.where('informationRequests.answeredOn', 'is', null);
  if (filter.outstanding === false) q = q.where('informationRequests.answeredOn', 'is not', null);
  return q.orderBy('meetings.meetingDate').orderBy('informationRequests.createdAt').execute();
}
