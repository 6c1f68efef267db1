import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema.js';
import { deleteAudited, getOwned, insertAudited, updateAudited, type Actor, type Executor } from '../../audit/audit.js';
import type { agendaItemSchema } from '../schemas.js';
import { linkTargetExists } from '../links.js';
import { fail, rowsOf } from './common.js';

export async function listAgenda(db: Executor, organisationId: string, meetingId: string) {
  return rowsOf(db, 'agendaItems', organisationId, { column: 'meetingId', id: meetingId })
    .orderBy('position')
    .execute();
}

export async function addAgendaItem(
  db: Kysely<Database>,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof agendaItemSchema>,
) {
  await getOwned(db, actor.organisationId, 'meetings', meetingId);
  if (input.linkType && !input.linkId) fail([{ path: 'linkId', message: 'Select the record the item links to' }]);
  if (input.linkId && !input.linkType) fail([{ path: 'linkType', message: 'Select what the item links to' }]);
  if (
    input.linkType &&
    input.linkId &&
    !(await linkTargetExists(db, actor.organisationId, input.linkType, input.linkId))
  ) {
    fail([{ path: 'linkId', message: 'Select a record of your organisation to link to' }]);
  }
  return db.transaction().execute(async (trx) => {
    const max = await trx
      .selectFrom('agendaItems')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('meetingId', '=', meetingId)
      .executeTakeFirst();
    return insertAudited(trx, actor, 'agendaItems', { meetingId, position: Number(max?.max ?? 0) + 1, ...input });
  });
}

/**
 * Move an agenda item one place up or down (plain buttons, so it works without JavaScript): it swaps
 * places with its neighbour. Returns false when it is already first or last.
 */
export async function moveAgendaItem(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  direction: 'up' | 'down',
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const item = await getOwned(trx, actor.organisationId, 'agendaItems', id);
    const items = await trx
      .selectFrom('agendaItems')
      .select(['id', 'position'])
      .where('organisationId', '=', actor.organisationId)
      .where('meetingId', '=', item.meetingId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute();
    const i = items.findIndex((a) => a.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= items.length) return false;
    // Number the agenda 1, 2, 3… with the two items swapped, so gaps left by removed items close too.
    const order = items.map((a) => a.id);
    [order[i], order[j]] = [order[j], order[i]];
    for (const [index, itemId] of order.entries()) {
      const current = items.find((a) => a.id === itemId)!;
      if (current.position !== index + 1)
        await updateAudited(trx, actor, 'agendaItems', itemId, { position: index + 1 });
    }
    return true;
  });
}

export async function deleteAgendaItem(db: Kysely<Database>, actor: Actor, id: string) {
  return db.transaction().execute((trx) => deleteAudited(trx, actor, 'agendaItems', id));
}
