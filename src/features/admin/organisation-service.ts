import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordAudit, type Actor, type Executor } from '../audit/audit.js';
import { ConflictError } from '../../lib/errors.js';

export interface OrganisationPatch {
  name: string;
  laCode: string | null;
  region: string | null;
  childPopulation: number | null;
}

/** The signed-in person's own organisation, as its settings page shows it. */
export async function getOwnOrganisation(db: Executor, organisationId: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'laCode', 'gssCode', 'region', 'childPopulation', 'version'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
}

/** Organisations are not owned by another organisation, so their audit entry is written here by hand. */
export async function updateOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  patch: OrganisationPatch,
  expectedVersion: number,
) {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('organisations')
      .select(['name', 'laCode', 'region', 'childPopulation', 'version'])
      .where('id', '=', actor.organisationId)
      .executeTakeFirstOrThrow();
    if (before.version !== expectedVersion)
      throw new ConflictError(
        'Someone else changed these settings while you were editing them. Their change has been kept: review and try again.',
      );
    const after = await trx
      .updateTable('organisations')
      .set({ ...patch, version: before.version + 1, updatedAt: new Date() })
      .where('id', '=', actor.organisationId)
      .returning(['name', 'laCode', 'region', 'childPopulation', 'version'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'update',
      entityType: 'organisations',
      entityId: actor.organisationId,
      before,
      after,
    });
  });
}
