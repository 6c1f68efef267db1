import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema.js';
import { getOwned, updateAudited, type Actor, type Executor } from '../../audit/audit.js';
import { ConflictError } from '../../../lib/errors.js';
import { nextDueDate } from '../../../lib/forward-plan.js';
import type { forwardPlanSchema } from '../schemas.js';
import { failIfAny, notOwnedProblem, ownerProblem, saveChecked, type Target } from './common.js';

type ForwardPlanInput = z.infer<typeof forwardPlanSchema>;

function saveForwardPlanItem(db: Kysely<Database>, actor: Actor, target: Target, input: ForwardPlanInput) {
  const org = actor.organisationId;
  const check = async () =>
    failIfAny([
      await notOwnedProblem(db, org, 'bodies', input.bodyId, {
        path: 'bodyId',
        message: 'Select a body of your organisation',
      }),
      await ownerProblem(db, org, input.ownerId),
    ]);
  return saveChecked(db, actor, 'forwardPlanItems', target, check, () => input);
}

export const createForwardPlanItem = (db: Kysely<Database>, actor: Actor, input: ForwardPlanInput) =>
  saveForwardPlanItem(db, actor, null, input);

export const updateForwardPlanItem = (
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: ForwardPlanInput,
  version: number,
) => saveForwardPlanItem(db, actor, { id, version }, input);

/** A report was presented: a one-off commitment is done; a recurring one moves to its next due date. */
export async function deliverForwardPlanItem(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  deliveredOn: string,
  version: number,
) {
  const item = await getOwned(db, actor.organisationId, 'forwardPlanItems', id);
  if (item.status !== 'planned') throw new ConflictError('This report is not planned any more');
  const next = nextDueDate(item.dueDate, item.recurrence);
  const patch = next
    ? { dueDate: next, lastDeliveredOn: deliveredOn }
    : { status: 'delivered', lastDeliveredOn: deliveredOn };
  return db.transaction().execute((trx) => updateAudited(trx, actor, 'forwardPlanItems', id, patch, version));
}

export async function listForwardPlan(
  db: Executor,
  organisationId: string,
  filter: { bodyId?: string; includeDone?: boolean } = {},
) {
  let q = db
    .selectFrom('forwardPlanItems')
    .innerJoin('bodies', 'bodies.id', 'forwardPlanItems.bodyId')
    .leftJoin('users', 'users.id', 'forwardPlanItems.ownerId')
    .selectAll('forwardPlanItems')
    .select(['bodies.name as bodyName', 'users.displayName as ownerName'])
    .where('forwardPlanItems.organisationId', '=', organisationId);
  if (filter.bodyId) q = q.where('forwardPlanItems.bodyId', '=', filter.bodyId);
  if (!filter.includeDone) q = q.where('forwardPlanItems.status', '=', 'planned');
  return q.orderBy('forwardPlanItems.dueDate').execute();
}
