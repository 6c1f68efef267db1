import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { deleteAudited, getOwned, isUuid, insertAudited, type Actor, type Executor } from '../../audit/audit.js';
import { ConflictError, ValidationError, type ErrorDetail } from '../../../lib/errors.js';
import type { ActionStatus } from '../../../lib/rag.js';
import type { SourceKind } from '../tables.js';
import { assertPlanEditable, checkDates, checkOwnedIds, refreshRag } from './rules.js';
import { saveDatedEdit, type RebaselineInput } from './rebaseline.js';

type Db = Kysely<Database>;

export interface ActionInput {
  reference: string;
  title: string;
  description?: string;
  themeId?: string | null;
  ownerId?: string | null;
  startDate: string;
  dueDate: string;
  successMeasures?: string;
  status?: ActionStatus;
  findingIds?: string[];
  indicatorIds?: string[];
  sources?: { source: SourceKind; description: string }[];
}

/** A chosen id (none is fine) that `find` does not find among the choices offered, as a detail against `path`. */
async function checkChosen(
  id: string | null | undefined,
  path: string,
  message: string,
  find: (id: string) => Promise<unknown>,
): Promise<ErrorDetail[]> {
  if (!id) return [];
  return isUuid(id) && (await find(id)) ? [] : [{ path, message }];
}

/** The checks creating and changing an action share; `exceptActionId` is the action being changed. */
async function checkActionInput(
  trx: Executor,
  organisationId: string,
  planId: string,
  input: ActionInput,
  exceptActionId: string | null,
): Promise<void> {
  const details: ErrorDetail[] = [];
  checkDates(details, input.startDate, input.dueDate, 'dueDate', 'Due date');
  let dup = trx
    .selectFrom('actions')
    .select('id')
    .where('planId', '=', planId)
    .where((eb) => eb(eb.fn('lower', ['reference']), '=', input.reference.toLowerCase()));
  if (exceptActionId) dup = dup.where('id', '!=', exceptActionId);
  if (await dup.executeTakeFirst())
    details.push({
      path: 'reference',
      message: `Reference ${input.reference} is already used by another action in this plan`,
    });
  details.push(
    ...(await checkChosen(input.ownerId, 'ownerId', 'Choose an owner from your organisation', (id) =>
      trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', id)
        .where('organisationId', '=', organisationId)
        .where('active', '=', true)
        .executeTakeFirst(),
    )),
    ...(await checkChosen(input.themeId, 'themeId', 'Choose one of this plan’s themes', (id) =>
      trx.selectFrom('planThemes').select('id').where('id', '=', id).where('planId', '=', planId).executeTakeFirst(),
    )),
    ...(await checkOwnedIds(
      trx,
      organisationId,
      'findings',
      input.findingIds,
      (index) => `findingIds.${index}`,
      (id) => `Finding ${id} is not one of your organisation’s inspection findings`,
    )),
    ...(await checkOwnedIds(
      trx,
      organisationId,
      'indicators',
      input.indicatorIds,
      (index) => `indicatorIds.${index}`,
      (id) => `Indicator ${id} is not one of your organisation’s indicators`,
    )),
  );
  if (details.length) throw new ValidationError(details);
}

/** Replace an action's links of one kind (only those the input carries). */
async function replaceLinks(
  trx: Executor,
  organisationId: string,
  actionId: string,
  table: 'actionFindings' | 'actionIndicators',
  rows: { findingId: string }[] | { indicatorId: string }[],
) {
  await trx.deleteFrom(table).where('actionId', '=', actionId).where('organisationId', '=', organisationId).execute();
  for (const row of rows)
    await trx
      .insertInto(table)
      .values({ organisationId, actionId, ...row } as never)
      .execute();
}

async function writeActionLinks(trx: Executor, actor: Actor, actionId: string, input: ActionInput) {
  const org = actor.organisationId;
  if (input.findingIds)
    await replaceLinks(
      trx,
      org,
      actionId,
      'actionFindings',
      [...new Set(input.findingIds)].map((findingId) => ({ findingId })),
    );
  if (input.indicatorIds)
    await replaceLinks(
      trx,
      org,
      actionId,
      'actionIndicators',
      [...new Set(input.indicatorIds)].map((indicatorId) => ({ indicatorId })),
    );
  if (input.sources) {
    await trx
      .deleteFrom('actionSources')
      .where('actionId', '=', actionId)
      .where('organisationId', '=', actor.organisationId)
      .execute();
    for (const s of input.sources)
      if (s.description.trim())
        await insertAudited(trx, actor, 'actionSources', {
          actionId,
          source: s.source,
          description: s.description.trim(),
        });
  }
}

/** The columns creating and changing an action both write (the due date and status have their own rules). */
const actionColumns = (input: ActionInput) => ({
  reference: input.reference,
  title: input.title,
  description: input.description ?? '',
  themeId: input.themeId || null,
  ownerId: input.ownerId || null,
  startDate: input.startDate,
  successMeasures: input.successMeasures ?? '',
});

export async function createAction(db: Db, actor: Actor, planId: string, input: ActionInput, today: string) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    await checkActionInput(trx, actor.organisationId, planId, input, null);
    const action = await insertAudited(trx, actor, 'actions', {
      planId,
      ...actionColumns(input),
      dueDate: input.dueDate,
      status: input.status ?? 'not-started',
    });
    await writeActionLinks(trx, actor, action.id, input);
    await refreshRag(trx, actor.organisationId, { actionIds: [action.id] }, today);
    return action;
  });
}

export async function updateAction(
  db: Db,
  actor: Actor,
  actionId: string,
  input: ActionInput,
  expectedVersion: number,
  today: string,
  rb: RebaselineInput = { isEditor: true },
) {
  return db.transaction().execute(async (trx) => {
    const action = await getOwned(trx, actor.organisationId, 'actions', actionId);
    const plan = await getOwned(trx, actor.organisationId, 'plans', action.planId);
    assertPlanEditable(plan);
    await checkActionInput(trx, actor.organisationId, action.planId, input, actionId);
    const updated = await saveDatedEdit(
      trx,
      actor,
      {
        table: 'actions',
        row: action,
        actionId,
        planStatus: plan.status,
        dueDate: input.dueDate,
        columns: { ...actionColumns(input), status: input.status ?? action.status },
      },
      expectedVersion,
      rb,
      today,
    );
    await writeActionLinks(trx, actor, actionId, input);
    await refreshRag(trx, actor.organisationId, { actionIds: [actionId] }, today);
    return updated;
  });
}

/** Only a draft's actions can be deleted (with their milestones and updates): on an approved plan, close it. */
export async function deleteAction(db: Db, actor: Actor, actionId: string) {
  const action = await getOwned(db, actor.organisationId, 'actions', actionId);
  const plan = await getOwned(db, actor.organisationId, 'plans', action.planId);
  if (plan.status !== 'draft')
    throw new ConflictError('Actions can only be deleted from a draft plan: close the action instead');
  await db.transaction().execute((trx) => deleteAudited(trx, actor, 'actions', actionId));
}
