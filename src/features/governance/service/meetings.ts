import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema.js';
import {
  deleteAudited,
  findOwned,
  getOwned,
  insertAudited,
  updateAudited,
  type Actor,
  type Executor,
} from '../../audit/audit.js';
import { ConflictError } from '../../../lib/errors.js';
import type { meetingSchema } from '../schemas.js';
import type { AttendanceStatus } from '../tables.js';
import { listMembers } from './bodies.js';
import { fail, failIfAny, notOwnedProblem, saveChecked } from './common.js';

export async function listMeetings(db: Executor, organisationId: string, bodyId?: string) {
  let q = db
    .selectFrom('meetings')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .selectAll('meetings')
    .select('bodies.name as bodyName')
    .where('meetings.organisationId', '=', organisationId);
  if (bodyId) q = q.where('meetings.bodyId', '=', bodyId);
  return q.orderBy('meetings.meetingDate', 'desc').execute();
}

/** The meeting an item is for: one of the organisation's, or a 422 on `meetingId`. */
export async function meetingOf(db: Executor, organisationId: string, meetingId: string) {
  const m = await findOwned(db, organisationId, 'meetings', meetingId);
  if (!m) fail([{ path: 'meetingId', message: 'Select a meeting of your organisation' }]);
  return m;
}

export async function createMeeting(db: Kysely<Database>, actor: Actor, input: z.infer<typeof meetingSchema>) {
  const check = async () =>
    failIfAny([
      await notOwnedProblem(db, actor.organisationId, 'bodies', input.bodyId, {
        path: 'bodyId',
        message: 'Select a body of your organisation',
      }),
    ]);
  return saveChecked(db, actor, 'meetings', null, check, () => input);
}

export async function updateMeeting(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: { meetingDate: string; title: string | null; location: string | null; minutes: string | null },
  version: number,
) {
  return db.transaction().execute((trx) => updateAudited(trx, actor, 'meetings', id, input, version));
}

export async function deleteMeeting(db: Kysely<Database>, actor: Actor, id: string) {
  const meeting = await getOwned(db, actor.organisationId, 'meetings', id);
  const [q, a, r, d] = await Promise.all([
    db.selectFrom('meetingQuestions').select('id').where('meetingId', '=', meeting.id).executeTakeFirst(),
    db.selectFrom('actionSheetItems').select('id').where('meetingId', '=', meeting.id).executeTakeFirst(),
    db.selectFrom('informationRequests').select('id').where('meetingId', '=', meeting.id).executeTakeFirst(),
    db.selectFrom('decisions').select('id').where('meetingId', '=', meeting.id).executeTakeFirst(),
  ]);
  if (q || a || r || d)
    throw new ConflictError(
      'This meeting has questions, action-sheet items, information requests or decisions: delete or move them first',
    );
  return db.transaction().execute(async (trx) => {
    const items = await trx.selectFrom('agendaItems').select('id').where('meetingId', '=', id).execute();
    for (const item of items) await deleteAudited(trx, actor, 'agendaItems', item.id);
    const att = await trx.selectFrom('meetingAttendance').select('id').where('meetingId', '=', id).execute();
    for (const row of att) await deleteAudited(trx, actor, 'meetingAttendance', row.id);
    return deleteAudited(trx, actor, 'meetings', id);
  });
}

/** Everyone in the body, with their attendance at this meeting (null when not recorded). */
export async function attendanceFor(db: Executor, organisationId: string, meeting: { id: string; bodyId: string }) {
  const members = await listMembers(db, organisationId, meeting.bodyId);
  const rows = await db.selectFrom('meetingAttendance').selectAll().where('meetingId', '=', meeting.id).execute();
  const byMember = new Map(rows.map((r) => [r.memberId, r]));
  return members.map((m) => ({ member: m, status: byMember.get(m.id)?.status ?? null }));
}

export async function recordAttendance(
  db: Kysely<Database>,
  actor: Actor,
  meeting: { id: string; bodyId: string },
  statuses: Record<string, AttendanceStatus | ''>,
) {
  const members = await listMembers(db, actor.organisationId, meeting.bodyId);
  const memberIds = new Set(members.map((m) => m.id));
  for (const id of Object.keys(statuses))
    if (!memberIds.has(id)) fail([{ path: `attendance`, message: 'Record attendance only for members of this body' }]);
  await db.transaction().execute(async (trx) => {
    for (const m of members) {
      const status = statuses[m.id];
      if (!status) continue;
      const existing = await trx
        .selectFrom('meetingAttendance')
        .select(['id', 'status'])
        .where('meetingId', '=', meeting.id)
        .where('memberId', '=', m.id)
        .executeTakeFirst();
      if (!existing)
        await insertAudited(trx, actor, 'meetingAttendance', { meetingId: meeting.id, memberId: m.id, status });
      else if (existing.status !== status)
        await updateAudited(trx, actor, 'meetingAttendance', existing.id, { status });
    }
  });
}
