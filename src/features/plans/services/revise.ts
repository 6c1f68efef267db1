import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { getOwned, insertAudited, insertManyAudited, type Actor } from '../../audit/audit.js';
import { ConflictError } from '../../../lib/errors.js';

type Db = Kysely<Database>;

/**
 * Revise a plan: a new draft version copying its themes, actions (with their milestones, links and
 * the owner's latest rating) and inspections. The old version stays as it was until the new one is approved.
 */
export async function revisePlan(db: Db, actor: Actor, planId: string) {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    if (plan.status !== 'approved') throw new ConflictError('Only the approved version of a plan can be revised');
    const newer = await trx
      .selectFrom('plans')
      .select(['planVersion'])
      .where('lineageId', '=', plan.lineageId)
      .where('planVersion', '>', plan.planVersion)
      .executeTakeFirst();
    if (newer) throw new ConflictError(`Version ${newer.planVersion} of this plan already exists: work on that draft`);
    const id = crypto.randomUUID();
    const copy = await insertAudited(trx, actor, 'plans', {
      id,
      lineageId: plan.lineageId,
      planVersion: plan.planVersion + 1,
      previousPlanId: plan.id,
      title: plan.title,
      startDate: plan.startDate,
      endDate: plan.endDate,
      toleranceWorkingDays: plan.toleranceWorkingDays,
    });
    // Every copy is a record of its own with its own "create" event, so the new version's history
    // starts complete (before, the copies had none).
    const themeMap = new Map<string, string>();
    const themes = await trx
      .selectFrom('planThemes')
      .selectAll()
      .where('planId', '=', planId)
      .orderBy('position')
      .execute();
    for (const t of themes) {
      const nt = await insertAudited(trx, actor, 'planThemes', { planId: id, name: t.name, position: t.position });
      themeMap.set(t.id, nt.id);
    }
    await trx
      .insertInto('planInspections')
      .columns(['organisationId', 'planId', 'inspectionId'])
      .expression((eb) =>
        eb
          .selectFrom('planInspections')
          .select([eb.val(actor.organisationId).as('organisationId'), eb.val(id).as('planId'), 'inspectionId'])
          .where('planId', '=', planId),
      )
      .execute();
    const actions = await trx.selectFrom('actions').selectAll().where('planId', '=', planId).execute();
    for (const a of actions) {
      const na = await insertAudited(trx, actor, 'actions', {
        planId: id,
        themeId: a.themeId ? (themeMap.get(a.themeId) ?? null) : null,
        reference: a.reference,
        title: a.title,
        description: a.description,
        ownerId: a.ownerId,
        startDate: a.startDate,
        dueDate: a.dueDate,
        originalDueDate: a.originalDueDate,
        agreedDueDate: a.agreedDueDate,
        successMeasures: a.successMeasures,
        status: a.status,
        ownerRag: a.ownerRag,
        ownerRagReason: a.ownerRagReason,
        lastUpdateDate: a.lastUpdateDate,
      });
      // A new version keeps each date's first value, the date last agreed and every re-baselining, so
      // slippage cannot be hidden by starting a new version.
      const milestones = await trx
        .selectFrom('milestones')
        .selectAll()
        .where('actionId', '=', a.id)
        .orderBy('id')
        .execute();
      const copied = await insertManyAudited(
        trx,
        actor,
        'milestones',
        milestones.map((m) => ({
          actionId: na.id,
          title: m.title,
          dueDate: m.dueDate,
          originalDueDate: m.originalDueDate,
          agreedDueDate: m.agreedDueDate,
          completedDate: m.completedDate,
          evidenceNote: m.evidenceNote,
        })),
      );
      const milestoneMap = new Map(milestones.map((m, i) => [m.id, copied[i].id]));
      const moves = await trx
        .selectFrom('rebaselines')
        .selectAll()
        .where('actionId', '=', a.id)
        .where('organisationId', '=', actor.organisationId)
        .execute();
      await insertManyAudited(
        trx,
        actor,
        'rebaselines',
        moves.map(({ id: _id, version: _v, organisationId: _o, updatedAt: _u, ...rest }) => ({
          ...rest,
          actionId: na.id,
          milestoneId: rest.milestoneId ? (milestoneMap.get(rest.milestoneId) ?? null) : null,
        })),
      );
      await trx
        .insertInto('actionFindings')
        .columns(['organisationId', 'actionId', 'findingId'])
        .expression((eb) =>
          eb
            .selectFrom('actionFindings')
            .select([eb.val(actor.organisationId).as('organisationId'), eb.val(na.id).as('actionId'), 'findingId'])
            .where('actionId', '=', a.id),
        )
        .execute();
      await trx
        .insertInto('actionIndicators')
        .columns(['organisationId', 'actionId', 'indicatorId'])
        .expression((eb) =>
          eb
            .selectFrom('actionIndicators')
            .select([eb.val(actor.organisationId).as('organisationId'), eb.val(na.id).as('actionId'), 'indicatorId'])
            .where('actionId', '=', a.id),
        )
        .execute();
      const sources = await trx.selectFrom('actionSources').selectAll().where('actionId', '=', a.id).execute();
      await insertManyAudited(
        trx,
        actor,
        'actionSources',
        sources.map((src) => ({ actionId: na.id, source: src.source, description: src.description })),
      );
    }
    return copy;
  });
}
