import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { getOwned, type Executor } from '../../audit/audit.js';
import { LINK_TYPE_LABELS, linkLabels } from '../../governance/links.js';
import type { LinkType } from '../../governance/tables.js';

/** The meeting (of the organisation, or 404) and its agenda in order, each linked record named. */
export async function meetingWithAgenda(db: Executor, organisationId: string, meetingId: string) {
  const meeting = await getOwned(db, organisationId, 'meetings', meetingId);
  const body = await getOwned(db, organisationId, 'bodies', meeting.bodyId);
  const items = await db
    .selectFrom('agendaItems')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('meetingId', '=', meeting.id)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
  const labels = await linkLabels(
    db as Kysely<Database>,
    organisationId,
    items.filter((a) => a.linkType && a.linkId).map((a) => ({ type: a.linkType as LinkType, id: a.linkId! })),
  );
  return {
    id: meeting.id,
    date: meeting.meetingDate,
    title: meeting.title,
    bodyName: body.name,
    agenda: items.map((a) => ({
      title: a.title,
      summary: a.summary,
      link:
        a.linkType && a.linkId
          ? `${LINK_TYPE_LABELS[a.linkType as LinkType]}: ${labels.get(`${a.linkType}:${a.linkId}`) ?? 'a record no longer held'}`
          : null,
    })),
  };
}
