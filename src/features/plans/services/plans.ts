import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { getOwned, insertAudited, recordAudit, updateAudited, type Actor, type Executor } from '../../audit/audit.js';
import { ConflictError, ValidationError, type ErrorDetail } from '../../../lib/errors.js';
import { planCoverage } from '../coverage.js';
import { assertPlanEditable, checkDates, checkOwnedIds } from './rules.js';

type Db = Kysely<Database>;

export interface PlanInput {
  title: string;
  startDate: string;
  endDate: string;
  themes?: string[];
  inspectionIds?: string[];
  toleranceWorkingDays?: number;
}

/** The checks creating and changing a plan share: its dates, and that its inspections are the organisation's. */
async function checkPlanInput(trx: Executor, organisationId: string, input: PlanInput): Promise<void> {
  const details: ErrorDetail[] = [];
  checkDates(details, input.startDate, input.endDate, 'endDate', 'End date');
  details.push(
    ...(await checkOwnedIds(
      trx,
      organisationId,
      'inspections',
      input.inspectionIds,
      () => 'inspectionIds',
      (id) => `Inspection ${id} is not one of your organisation’s inspections`,
    )),
  );
  if (details.length) throw new ValidationError(details);
}

const planColumns = (input: PlanInput) => ({
  title: input.title,
  startDate: input.startDate,
  endDate: input.endDate,
  ...(input.toleranceWorkingDays !== undefined ? { toleranceWorkingDays: input.toleranceWorkingDays } : {}),
});

async function replaceInspections(trx: Executor, organisationId: string, planId: string, inspectionIds: string[]) {
  await trx
    .deleteFrom('planInspections')
    .where('planId', '=', planId)
    .where('organisationId', '=', organisationId)
    .execute();
  for (const inspectionId of new Set(inspectionIds))
    await trx.insertInto('planInspections').values({ organisationId, planId, inspectionId }).execute();
}

export async function createPlan(db: Db, actor: Actor, input: PlanInput) {
  const themes = [...new Set((input.themes ?? []).map((t) => t.trim()).filter(Boolean))];
  return db.transaction().execute(async (trx) => {
    await checkPlanInput(trx, actor.organisationId, input);
    const id = crypto.randomUUID();
    const plan = await insertAudited(trx, actor, 'plans', { id, lineageId: id, ...planColumns(input) });
    for (const [position, name] of themes.entries())
      await insertAudited(trx, actor, 'planThemes', { planId: id, name, position });
    await replaceInspections(trx, actor.organisationId, id, input.inspectionIds ?? []);
    return plan;
  });
}

export async function updatePlan(db: Db, actor: Actor, planId: string, input: PlanInput, expectedVersion: number) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    await checkPlanInput(trx, actor.organisationId, input);
    const updated = await updateAudited(trx, actor, 'plans', planId, planColumns(input), expectedVersion);
    if (input.themes) {
      const existing = await trx
        .selectFrom('planThemes')
        .select(['name', 'position'])
        .where('planId', '=', planId)
        .execute();
      const names = new Set(existing.map((t) => t.name.toLowerCase()));
      let position = existing.length;
      for (const name of input.themes.map((t) => t.trim()).filter(Boolean)) {
        if (names.has(name.toLowerCase())) continue;
        names.add(name.toLowerCase());
        await insertAudited(trx, actor, 'planThemes', { planId, name, position: position++ });
      }
    }
    if (input.inspectionIds) await replaceInspections(trx, actor.organisationId, planId, input.inspectionIds);
    return updated;
  });
}

/** Record the approval; the lineage's previously approved version becomes superseded. */
export async function approvePlan(
  db: Db,
  actor: Actor,
  planId: string,
  approval: { approvalBody: string; approvalDate: string; approvalReference: string },
  expectedVersion: number,
) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    if (plan.status !== 'draft')
      throw new ConflictError(`Only a draft can be approved: version ${plan.planVersion} is ${plan.status}`);
    const updated = await updateAudited(
      trx,
      actor,
      'plans',
      planId,
      { status: 'approved', ...approval },
      expectedVersion,
    );
    const others = await trx
      .selectFrom('plans')
      .select('id')
      .where('organisationId', '=', actor.organisationId)
      .where('lineageId', '=', plan.lineageId)
      .where('status', '=', 'approved')
      .where('id', '!=', planId)
      .execute();
    for (const o of others) await updateAudited(trx, actor, 'plans', o.id, { status: 'superseded' });
    return updated;
  });
}

/** Mark the plan ready to submit: refused while any recommendation or area for improvement is uncovered without a reason. */
export async function setReadyToSubmit(db: Db, actor: Actor, planId: string, ready: boolean, expectedVersion: number) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    if (ready) {
      const missing = (await planCoverage(trx, actor.organisationId, planId)).filter(
        (f) => !f.actions.length && !f.reason,
      );
      if (missing.length) {
        throw new ValidationError(
          [
            {
              path: 'readyToSubmit',
              message: `${missing.length} finding${missing.length === 1 ? ' is' : 's are'} not answered by any action and ha${missing.length === 1 ? 's' : 've'} no recorded reason: link ${missing.length === 1 ? 'it' : 'them'} to an action or record why`,
            },
          ],
          'The plan is not ready to submit',
        );
      }
    }
    return updateAudited(trx, actor, 'plans', planId, { readyToSubmit: ready }, expectedVersion);
  });
}

/** `expectedVersion` is the reason's version the editor saw, 0 when there was none: any change since is a 409. */
export async function saveFindingReason(
  db: Db,
  actor: Actor,
  planId: string,
  findingId: string,
  reason: string,
  expectedVersion: number,
) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    const coverage = await planCoverage(trx, actor.organisationId, planId);
    const finding = coverage.find((f) => f.id === findingId);
    if (!finding)
      throw new ValidationError([
        { path: 'findingId', message: 'Choose a finding of an inspection this plan answers' },
      ]);
    if ((finding.reasonVersion ?? 0) !== expectedVersion) {
      throw new ConflictError(
        'Someone else changed this reason while you were editing it. Their change has been kept: review it and try again.',
      );
    }
    if (finding.reasonId) {
      if (!reason.trim()) {
        await trx.deleteFrom('planFindingReasons').where('id', '=', finding.reasonId).execute();
        await recordAudit(trx, actor, {
          action: 'delete',
          entityType: 'planFindingReasons',
          entityId: finding.reasonId,
          before: { findingId, reason: finding.reason },
        });
        return;
      }
      await updateAudited(
        trx,
        actor,
        'planFindingReasons',
        finding.reasonId,
        { reason: reason.trim() },
        expectedVersion,
      );
    } else if (reason.trim()) {
      await insertAudited(trx, actor, 'planFindingReasons', { planId, findingId, reason: reason.trim() });
    }
  });
}
