import type { Request } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { signedIn, type CurrentUser } from '../../../middleware/auth.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { requireVersion } from '../../../lib/validation.js';
import { getOwned } from '../../audit/audit.js';
import { assertMayUpdate, canEdit, listUsers } from '../service.js';

/** The version the editor saw, sent back with the form (a stale one is refused with 409 by the service). */
export const version = (req: Request) => requireVersion(req.body?.version);

/** Whether the signed-in person sees the add and edit links. */
export const editsGovernance = (req: Request) => canEdit(signedIn(req).user);

/** The organisation's active users as select items, for owners and officers. */
export const userItems = async (db: Kysely<Database>, orgId: string) =>
  (await listUsers(db, orgId)).map((u) => ({ value: u.id, text: u.displayName }));

/** The meeting at `id` and its body, both the organisation's own. */
export async function loadMeeting(db: Kysely<Database>, user: CurrentUser, id: string) {
  const meeting = await getOwned(db, user.organisationId, 'meetings', id);
  const body = await getOwned(db, user.organisationId, 'bodies', meeting.bodyId);
  return { meeting, body };
}

/** The page of a new item added at a meeting (agenda item, question, action, request). */
export function atMeeting(
  { meeting, body }: Awaited<ReturnType<typeof loadMeeting>>,
  title: string,
  submitText: string,
) {
  return {
    title,
    caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
    back: `/governance/meetings/${meeting.id}`,
    submitText,
  };
}

/** The record's own history of changes, linked from its edit form. */
export const history = (table: string, id: string) => ({ historyHref: `/history/${table}/${id}` });

/**
 * An action-sheet item or information request someone may update: editors any, a contributor the ones
 * they own (they come from the link in their reminder email); 404 for another organisation's.
 */
export async function loadForUpdate<T extends 'actionSheetItems' | 'informationRequests'>(
  db: Kysely<Database>,
  user: CurrentUser,
  table: T,
  id: string,
) {
  const row = await getOwned(db, user.organisationId, table, id);
  const owners = row as { ownerId?: string | null; officerId?: string | null };
  assertMayUpdate(user, (table === 'actionSheetItems' ? owners.ownerId : owners.officerId) ?? null);
  return row;
}
