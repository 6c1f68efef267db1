import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema.js';
import type { Actor, Executor } from '../../audit/audit.js';
import type { questionSchema } from '../schemas.js';
import { failIfAny, saveChecked, type Target } from './common.js';
import { meetingOf } from './meetings.js';

type QuestionInput = z.infer<typeof questionSchema>;

function saveQuestion(db: Kysely<Database>, actor: Actor, target: Target, input: QuestionInput) {
  const check = async () => {
    const meeting = await meetingOf(db, actor.organisationId, input.meetingId);
    failIfAny([
      input.submittedOn > meeting.meetingDate && {
        path: 'submittedOn',
        message: 'Date submitted must be on or before the meeting date',
      },
      input.status === 'answered' &&
        !input.response && { path: 'response', message: 'Enter the response to mark the question as answered' },
    ]);
  };
  return saveChecked(db, actor, 'meetingQuestions', target, check, () => input);
}

export const createQuestion = (db: Kysely<Database>, actor: Actor, input: QuestionInput) =>
  saveQuestion(db, actor, null, input);

export const updateQuestion = (db: Kysely<Database>, actor: Actor, id: string, input: QuestionInput, version: number) =>
  saveQuestion(db, actor, { id, version }, input);

export async function listQuestions(
  db: Executor,
  organisationId: string,
  filter: { meetingId?: string; status?: string } = {},
) {
  let q = db.selectFrom('meetingQuestions').selectAll().where('organisationId', '=', organisationId);
  if (filter.meetingId) q = q.where('meetingId', '=', filter.meetingId);
  if (filter.status) q = q.where('status', '=', filter.status as never);
  return q.orderBy('submittedOn').orderBy('createdAt').execute();
}
