import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema.js';
import type { Actor, Executor } from '../../audit/audit.js';
import { callInDeadline } from '../../../lib/call-in.js';
import { loadHolidays } from '../../calendar/holidays.js';
import type { decisionSchema } from '../schemas.js';
import type { DecisionStatus } from '../tables.js';
import { failIfAny, notOwnedProblem, rowsOf, saveChecked, type Target } from './common.js';
import { callInRule } from './settings.js';

type DecisionInput = z.infer<typeof decisionSchema>;

function saveDecision(db: Kysely<Database>, actor: Actor, target: Target, input: DecisionInput) {
  const org = actor.organisationId;
  const check = async (before: { publishedDate: string; callInDeadline: string } | null) => {
    failIfAny([
      input.publishedDate < input.madeDate && {
        path: 'publishedDate',
        message: 'Date published must be on or after the date the decision was made',
      },
      input.meetingId &&
        (await notOwnedProblem(db, org, 'meetings', input.meetingId, {
          path: 'meetingId',
          message: 'Select a meeting of your organisation',
        })),
    ]);
    // The deadline is fixed when the decision is published; it is recomputed only if the publication date changes.
    if (before && before.publishedDate === input.publishedDate) return before.callInDeadline;
    return callInDeadline(input.publishedDate, await callInRule(db, org), await loadHolidays(db, org));
  };
  return saveChecked(db, actor, 'decisions', target, check, (deadline) => ({ ...input, callInDeadline: deadline }));
}

export const createDecision = (db: Kysely<Database>, actor: Actor, input: DecisionInput) =>
  saveDecision(db, actor, null, input);

export const updateDecision = (db: Kysely<Database>, actor: Actor, id: string, input: DecisionInput, version: number) =>
  saveDecision(db, actor, { id, version }, input);

export async function listDecisions(db: Executor, organisationId: string, status?: DecisionStatus) {
  let q = db.selectFrom('decisions').selectAll().where('organisationId', '=', organisationId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('publishedDate', 'desc').orderBy('createdAt', 'desc').execute();
}

/** The decisions taken at one meeting, in the order they were published. */
export async function meetingDecisions(db: Executor, organisationId: string, meetingId: string) {
  return rowsOf(db, 'decisions', organisationId, { column: 'meetingId', id: meetingId })
    .orderBy('publishedDate')
    .execute();
}
