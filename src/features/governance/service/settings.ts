import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { insertAudited, updateAudited, type Actor, type Executor } from '../../audit/audit.js';
import { ConflictError } from '../../../lib/errors.js';
import { DEFAULT_CALL_IN_RULE, type CallInRule } from '../../../lib/call-in.js';

export async function getSettings(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom('governanceSettings')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
  return (
    row ?? {
      id: null,
      organisationId,
      callInWorkingDays: DEFAULT_CALL_IN_RULE.workingDays,
      callInCountsPublicationDay: DEFAULT_CALL_IN_RULE.countPublicationDay,
      reminderDaysAhead: 5,
      version: 0,
    }
  );
}

export async function callInRule(db: Executor, organisationId: string): Promise<CallInRule> {
  const s = await getSettings(db, organisationId);
  return { workingDays: s.callInWorkingDays, countPublicationDay: s.callInCountsPublicationDay };
}

export async function saveSettings(
  db: Kysely<Database>,
  actor: Actor,
  values: { callInWorkingDays: number; callInCountsPublicationDay: boolean; reminderDaysAhead: number },
  expectedVersion: number,
) {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('governanceSettings')
      .select(['id', 'version'])
      .where('organisationId', '=', actor.organisationId)
      .executeTakeFirst();
    if (!current) {
      if (expectedVersion !== 0)
        throw new ConflictError(
          'Someone else changed these settings while you were editing them. Review them and try again.',
        );
      return insertAudited(trx, actor, 'governanceSettings', values);
    }
    return updateAudited(trx, actor, 'governanceSettings', current.id, values, expectedVersion);
  });
}
