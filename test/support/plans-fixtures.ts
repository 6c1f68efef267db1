import type { Insertable } from 'kysely';
import type { Services } from '../../src/container.js';
import type { Database } from '../../src/db/schema.js';

type NewAction = Omit<Insertable<Database['actions']>, 'organisationId'>;
type NewMilestone = Omit<Insertable<Database['milestones']>, 'organisationId' | 'actionId'>;

/**
 * An action of a plan with its milestones, written straight to the tables: a fixture set up for a test,
 * not an edit anyone made, so it leaves no audit trail. Its milestones decide its evidence RAG.
 */
export async function insertActionWithMilestones(
  db: Services['db'],
  organisationId: string,
  action: NewAction,
  milestones: NewMilestone[],
): Promise<string> {
  const { id } = await db
    .insertInto('actions')
    .values({ organisationId, ...action })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const milestone of milestones)
    await db
      .insertInto('milestones')
      .values({ organisationId, actionId: id, ...milestone })
      .execute();
  return id;
}
