import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.js';
import {
  deleteAudited,
  getOwned,
  insertAudited,
  isUuid,
  updateAudited,
  type Actor,
  type Executor,
} from '../audit/audit.js';
import { ConflictError, ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { callInDeadline, DEFAULT_CALL_IN_RULE, type CallInRule } from '../../lib/call-in.js';
import { carriedForward, isOverdue } from '../../lib/action-sheet.js';
import { nextDueDate } from '../../lib/forward-plan.js';
import { loadHolidays } from '../calendar/holidays.js';
import { linkTargetExists } from './links.js';
import type {
  actionItemSchema,
  agendaItemSchema,
  bodySchema,
  decisionSchema,
  forwardPlanSchema,
  informationRequestSchema,
  meetingSchema,
  memberSchema,
  questionSchema,
} from './schemas.js';
import type { AttendanceStatus, DecisionStatus } from './tables.js';

type In<S extends z.ZodType> = z.infer<S>;

function fail(details: ErrorDetail[]): never {
  throw new ValidationError(details);
}

/** An active user of the organisation, or a 422 naming the field (another organisation's user is never accepted). */
/** The problem with a chosen person, if they are not an active user of this organisation (null when none was chosen). */
export async function userProblem(
  db: Executor,
  organisationId: string,
  userId: string | null,
  path: string,
  message: string,
): Promise<ErrorDetail | null> {
  if (userId === null) return null;
  const ok =
    isUuid(userId) &&
    (await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('organisationId', '=', organisationId)
      .where('active', '=', true)
      .executeTakeFirst());
  return ok ? null : { path, message };
}

export async function checkUser(
  db: Executor,
  organisationId: string,
  userId: string | null,
  path: string,
  message: string,
): Promise<void> {
  const problem = await userProblem(db, organisationId, userId, path, message);
  if (problem) fail([problem]);
}

export async function listUsers(db: Executor, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'email'])
    .where('organisationId', '=', organisationId)
    .where('active', '=', true)
    .orderBy('displayName')
    .execute();
}

// ---------- settings ----------

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

// ---------- bodies and members ----------

export async function listBodies(db: Executor, organisationId: string) {
  return db.selectFrom('bodies').selectAll().where('organisationId', '=', organisationId).orderBy('name').execute();
}

async function checkBodyName(db: Executor, organisationId: string, name: string, exceptId?: string) {
  let q = db
    .selectFrom('bodies')
    .select('id')
    .where('organisationId', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) fail([{ path: 'name', message: 'There is already a body with this name' }]);
}

export async function createBody(db: Kysely<Database>, actor: Actor, input: In<typeof bodySchema>) {
  return db.transaction().execute(async (trx) => {
    await checkBodyName(trx, actor.organisationId, input.name);
    return insertAudited(trx, actor, 'bodies', input);
  });
}

export async function updateBody(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: In<typeof bodySchema>,
  version: number,
) {
  return db.transaction().execute(async (trx) => {
    await checkBodyName(trx, actor.organisationId, input.name, id);
    return updateAudited(trx, actor, 'bodies', id, input, version);
  });
}

export async function listMembers(db: Executor, organisationId: string, bodyId: string) {
  return db
    .selectFrom('bodyMembers')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('bodyId', '=', bodyId)
    .orderBy((eb) =>
      eb
        .case()
        .when('memberRole', '=', 'chair')
        .then(0)
        .when('memberRole', '=', 'member')
        .then(1)
        .when('memberRole', '=', 'adviser')
        .then(2)
        .else(3)
        .end(),
    )
    .orderBy('name')
    .execute();
}

export async function addMember(db: Kysely<Database>, actor: Actor, bodyId: string, input: In<typeof memberSchema>) {
  await getOwned(db, actor.organisationId, 'bodies', bodyId);
  let name = input.name;
  if (input.userId) {
    await checkUser(db, actor.organisationId, input.userId, 'userId', 'Select a person from your organisation');
    const u = await db
      .selectFrom('users')
      .select('displayName')
      .where('id', '=', input.userId)
      .executeTakeFirstOrThrow();
    name ??= u.displayName;
  }
  if (!name) fail([{ path: 'name', message: 'Enter the member’s name or select a Waymark user' }]);
  return db
    .transaction()
    .execute((trx) =>
      insertAudited(trx, actor, 'bodyMembers', { bodyId, userId: input.userId, name, memberRole: input.memberRole }),
    );
}

export async function removeMember(db: Kysely<Database>, actor: Actor, memberId: string) {
  return db.transaction().execute((trx) => deleteAudited(trx, actor, 'bodyMembers', memberId));
}

// ---------- meetings ----------

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

export async function createMeeting(db: Kysely<Database>, actor: Actor, input: In<typeof meetingSchema>) {
  const body = isUuid(input.bodyId)
    ? await db
        .selectFrom('bodies')
        .select('id')
        .where('id', '=', input.bodyId)
        .where('organisationId', '=', actor.organisationId)
        .executeTakeFirst()
    : undefined;
  if (!body) fail([{ path: 'bodyId', message: 'Select a body of your organisation' }]);
  return db.transaction().execute((trx) => insertAudited(trx, actor, 'meetings', input));
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

export async function listAgenda(db: Executor, organisationId: string, meetingId: string) {
  return db
    .selectFrom('agendaItems')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('meetingId', '=', meetingId)
    .orderBy('position')
    .execute();
}

export async function addAgendaItem(
  db: Kysely<Database>,
  actor: Actor,
  meetingId: string,
  input: In<typeof agendaItemSchema>,
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

// ---------- questions ----------

async function meetingOf(db: Executor, organisationId: string, meetingId: string) {
  const m = isUuid(meetingId)
    ? await db
        .selectFrom('meetings')
        .selectAll()
        .where('id', '=', meetingId)
        .where('organisationId', '=', organisationId)
        .executeTakeFirst()
    : undefined;
  if (!m) fail([{ path: 'meetingId', message: 'Select a meeting of your organisation' }]);
  return m;
}

function checkQuestion(input: In<typeof questionSchema>, meetingDate: string) {
  const details: ErrorDetail[] = [];
  if (input.submittedOn > meetingDate)
    details.push({ path: 'submittedOn', message: 'Date submitted must be on or before the meeting date' });
  if (input.status === 'answered' && !input.response)
    details.push({ path: 'response', message: 'Enter the response to mark the question as answered' });
  if (details.length) fail(details);
}

export async function createQuestion(db: Kysely<Database>, actor: Actor, input: In<typeof questionSchema>) {
  const meeting = await meetingOf(db, actor.organisationId, input.meetingId);
  checkQuestion(input, meeting.meetingDate);
  return db.transaction().execute((trx) => insertAudited(trx, actor, 'meetingQuestions', input));
}

export async function updateQuestion(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: In<typeof questionSchema>,
  version: number,
) {
  await getOwned(db, actor.organisationId, 'meetingQuestions', id);
  const meeting = await meetingOf(db, actor.organisationId, input.meetingId);
  checkQuestion(input, meeting.meetingDate);
  return db.transaction().execute((trx) => updateAudited(trx, actor, 'meetingQuestions', id, input, version));
}

export async function listQuestions(
  db: Executor,
  organisationId: string,
  filter: { meetingId?: string; status?: string } = {},
) {
  let q = db.selectFrom('meetingQuestions').selectAll().where('organisationId', '=', organisationId);
  if (filter.meetingId) q = q.where('meetingId', '=', filter.meetingId);
  if (filter.status) q = q.where('status', '=', filter.status as never);
  return q.orderBy('submittedOn').orderBy('createdAt').execute();
}

// ---------- action sheet ----------

async function checkActionItem(db: Kysely<Database>, organisationId: string, input: In<typeof actionItemSchema>) {
  const meeting = await meetingOf(db, organisationId, input.meetingId);
  const details: ErrorDetail[] = [];
  if (input.dueDate < meeting.meetingDate)
    details.push({ path: 'dueDate', message: 'Due date must be on or after the date of the meeting' });
  const userIssue = await userProblem(
    db,
    organisationId,
    input.ownerId,
    'ownerId',
    'Select an owner from your organisation',
  );
  if (userIssue) details.push(userIssue);
  if (input.agendaItemId) {
    const item =
      isUuid(input.agendaItemId) &&
      (await db
        .selectFrom('agendaItems')
        .select('id')
        .where('id', '=', input.agendaItemId)
        .where('meetingId', '=', meeting.id)
        .executeTakeFirst());
    if (!item) details.push({ path: 'agendaItemId', message: 'Select an agenda item of this meeting' });
  }
  if (input.planActionId && !(await linkTargetExists(db, organisationId, 'plan-action', input.planActionId))) {
    details.push({ path: 'planActionId', message: 'Select a plan action of your organisation' });
  }
  if (input.closedOn && input.closedOn < meeting.meetingDate)
    details.push({ path: 'closedOn', message: 'Date closed must be on or after the date of the meeting' });
  if (details.length) fail(details);
  return meeting;
}

/** Closing sets the closed date (today unless given); reopening clears it. */
function closure(input: In<typeof actionItemSchema>, today: string) {
  return input.status === 'closed' ? { closedOn: input.closedOn ?? today } : { closedOn: null };
}

export async function createActionItem(
  db: Kysely<Database>,
  actor: Actor,
  input: In<typeof actionItemSchema>,
  today: string,
) {
  await checkActionItem(db, actor.organisationId, input);
  return db
    .transaction()
    .execute((trx) => insertAudited(trx, actor, 'actionSheetItems', { ...input, ...closure(input, today) }));
}

export async function updateActionItem(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: In<typeof actionItemSchema>,
  today: string,
  version: number,
) {
  await getOwned(db, actor.organisationId, 'actionSheetItems', id);
  await checkActionItem(db, actor.organisationId, input);
  return db
    .transaction()
    .execute((trx) =>
      updateAudited(trx, actor, 'actionSheetItems', id, { ...input, ...closure(input, today) }, version),
    );
}

function actionItemsQuery(db: Executor, organisationId: string) {
  return db
    .selectFrom('actionSheetItems')
    .innerJoin('meetings', 'meetings.id', 'actionSheetItems.meetingId')
    .innerJoin('users', 'users.id', 'actionSheetItems.ownerId')
    .selectAll('actionSheetItems')
    .select(['meetings.meetingDate as raisedAtMeetingDate', 'meetings.bodyId', 'users.displayName as ownerName'])
    .where('actionSheetItems.organisationId', '=', organisationId);
}

export async function listActionItems(
  db: Executor,
  organisationId: string,
  filter: { meetingId?: string; status?: string; ownerId?: string } = {},
) {
  let q = actionItemsQuery(db, organisationId);
  if (filter.meetingId) q = q.where('actionSheetItems.meetingId', '=', filter.meetingId);
  if (filter.status) q = q.where('actionSheetItems.status', '=', filter.status as never);
  if (filter.ownerId) q = q.where('actionSheetItems.ownerId', '=', filter.ownerId);
  return q.orderBy('actionSheetItems.dueDate').orderBy('actionSheetItems.createdAt').execute();
}

// ---------- information requests ----------

async function checkRequest(db: Kysely<Database>, organisationId: string, input: In<typeof informationRequestSchema>) {
  const meeting = await meetingOf(db, organisationId, input.meetingId);
  const details: ErrorDetail[] = [];
  if (input.dueDate && input.dueDate < meeting.meetingDate)
    details.push({ path: 'dueDate', message: 'Due date must be on or after the date of the meeting' });
  if (input.answeredOn && !input.answer) details.push({ path: 'answer', message: 'Enter the answer that was sent' });
  if (input.answer && !input.answeredOn)
    details.push({ path: 'answeredOn', message: 'Enter the date the answer was sent' });
  if (input.answeredOn && input.answeredOn < meeting.meetingDate)
    details.push({
      path: 'answeredOn',
      message: 'Date the answer was sent must be on or after the date of the meeting',
    });
  const userIssue = await userProblem(
    db,
    organisationId,
    input.officerId,
    'officerId',
    'Select an officer from your organisation',
  );
  if (userIssue) details.push(userIssue);
  if (details.length) fail(details);
}

export async function createRequest(db: Kysely<Database>, actor: Actor, input: In<typeof informationRequestSchema>) {
  await checkRequest(db, actor.organisationId, input);
  return db.transaction().execute((trx) => insertAudited(trx, actor, 'informationRequests', input));
}

export async function updateRequest(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: In<typeof informationRequestSchema>,
  version: number,
) {
  await getOwned(db, actor.organisationId, 'informationRequests', id);
  await checkRequest(db, actor.organisationId, input);
  return db.transaction().execute((trx) => updateAudited(trx, actor, 'informationRequests', id, input, version));
}

function requestsQuery(db: Executor, organisationId: string) {
  return db
    .selectFrom('informationRequests')
    .innerJoin('meetings', 'meetings.id', 'informationRequests.meetingId')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .leftJoin('users', 'users.id', 'informationRequests.officerId')
    .selectAll('informationRequests')
    .select([
      'meetings.meetingDate as raisedAtMeetingDate',
      'meetings.bodyId',
      'bodies.name as bodyName',
      'users.displayName as officerName',
    ])
    .where('informationRequests.organisationId', '=', organisationId);
}

export async function listRequests(
  db: Executor,
  organisationId: string,
  filter: { meetingId?: string; outstanding?: boolean } = {},
) {
  let q = requestsQuery(db, organisationId);
  if (filter.meetingId) q = q.where('informationRequests.meetingId', '=', filter.meetingId);
  if (filter.outstanding === true) q = q.where('informationRequests.answeredOn', 'is', null);
  if (filter.outstanding === false) q = q.where('informationRequests.answeredOn', 'is not', null);
  return q.orderBy('meetings.meetingDate').orderBy('informationRequests.createdAt').execute();
}

// ---------- the papers for one meeting ----------

/**
 * Everything a scrutiny officer needs to prepare a meeting: the agenda, this meeting's action sheet
 * with the open items carried forward from the body's earlier meetings, information requests still
 * outstanding, and questions submitted in advance that are not yet answered.
 */
export async function meetingPapers(
  db: Executor,
  organisationId: string,
  meeting: { id: string; bodyId: string; meetingDate: string },
  today: string,
) {
  const agenda = await listAgenda(db, organisationId, meeting.id);
  const bodyItems = await actionItemsQuery(db, organisationId)
    .where('meetings.bodyId', '=', meeting.bodyId)
    .orderBy('actionSheetItems.dueDate')
    .orderBy('actionSheetItems.createdAt')
    .execute();
  const asAt = meeting.meetingDate < today ? meeting.meetingDate : today;
  const decorate = <T extends { dueDate: string; closedOn: string | null }>(i: T) => ({
    ...i,
    overdue: isOverdue(i.dueDate, i.closedOn, asAt),
  });
  const raisedHere = bodyItems.filter((i) => i.meetingId === meeting.id).map(decorate);
  const carried = carriedForward(bodyItems, meeting.meetingDate).map(decorate);
  const bodyRequests = await requestsQuery(db, organisationId)
    .where('meetings.bodyId', '=', meeting.bodyId)
    .orderBy('meetings.meetingDate')
    .execute();
  const requestsHere = bodyRequests.filter((r) => r.meetingId === meeting.id);
  const outstandingRequests = carriedForward(
    bodyRequests.map((r) => ({ ...r, closedOn: r.answeredOn })),
    meeting.meetingDate,
  ).map((r) => ({ ...r, overdue: isOverdue(r.dueDate, r.answeredOn, asAt) }));
  const questions = await listQuestions(db, organisationId, { meetingId: meeting.id });
  return {
    agenda,
    raisedHere,
    carried,
    requestsHere,
    outstandingRequests,
    questions,
    unansweredQuestions: questions.filter((q) => q.status === 'awaiting-response'),
  };
}

// ---------- decisions ----------

export async function createDecision(db: Kysely<Database>, actor: Actor, input: In<typeof decisionSchema>) {
  const details: ErrorDetail[] = [];
  if (input.publishedDate < input.madeDate)
    details.push({
      path: 'publishedDate',
      message: 'Date published must be on or after the date the decision was made',
    });
  if (input.meetingId) {
    const m =
      isUuid(input.meetingId) &&
      (await db
        .selectFrom('meetings')
        .select('id')
        .where('id', '=', input.meetingId)
        .where('organisationId', '=', actor.organisationId)
        .executeTakeFirst());
    if (!m) details.push({ path: 'meetingId', message: 'Select a meeting of your organisation' });
  }
  if (details.length) fail(details);
  const holidays = await loadHolidays(db, actor.organisationId);
  const rule = await callInRule(db, actor.organisationId);
  const deadline = callInDeadline(input.publishedDate, rule, holidays);
  return db
    .transaction()
    .execute((trx) => insertAudited(trx, actor, 'decisions', { ...input, callInDeadline: deadline }));
}

export async function updateDecision(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: In<typeof decisionSchema>,
  version: number,
) {
  const existing = await getOwned(db, actor.organisationId, 'decisions', id);
  const details: ErrorDetail[] = [];
  if (input.publishedDate < input.madeDate)
    details.push({
      path: 'publishedDate',
      message: 'Date published must be on or after the date the decision was made',
    });
  if (input.meetingId) {
    const m =
      isUuid(input.meetingId) &&
      (await db
        .selectFrom('meetings')
        .select('id')
        .where('id', '=', input.meetingId)
        .where('organisationId', '=', actor.organisationId)
        .executeTakeFirst());
    if (!m) details.push({ path: 'meetingId', message: 'Select a meeting of your organisation' });
  }
  if (details.length) fail(details);
  // The deadline is fixed when the decision is published; it is recomputed only if the publication date changes.
  let deadline = existing.callInDeadline;
  if (input.publishedDate !== existing.publishedDate) {
    deadline = callInDeadline(
      input.publishedDate,
      await callInRule(db, actor.organisationId),
      await loadHolidays(db, actor.organisationId),
    );
  }
  return db
    .transaction()
    .execute((trx) => updateAudited(trx, actor, 'decisions', id, { ...input, callInDeadline: deadline }, version));
}

export async function listDecisions(db: Executor, organisationId: string, status?: DecisionStatus) {
  let q = db.selectFrom('decisions').selectAll().where('organisationId', '=', organisationId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('publishedDate', 'desc').orderBy('createdAt', 'desc').execute();
}

// ---------- forward plan ----------

async function checkForwardPlan(db: Kysely<Database>, organisationId: string, input: In<typeof forwardPlanSchema>) {
  const details: ErrorDetail[] = [];
  const body =
    isUuid(input.bodyId) &&
    (await db
      .selectFrom('bodies')
      .select('id')
      .where('id', '=', input.bodyId)
      .where('organisationId', '=', organisationId)
      .executeTakeFirst());
  if (!body) details.push({ path: 'bodyId', message: 'Select a body of your organisation' });
  const userIssue = await userProblem(
    db,
    organisationId,
    input.ownerId,
    'ownerId',
    'Select an owner from your organisation',
  );
  if (userIssue) details.push(userIssue);
  if (details.length) fail(details);
}

export async function createForwardPlanItem(db: Kysely<Database>, actor: Actor, input: In<typeof forwardPlanSchema>) {
  await checkForwardPlan(db, actor.organisationId, input);
  return db.transaction().execute((trx) => insertAudited(trx, actor, 'forwardPlanItems', input));
}

export async function updateForwardPlanItem(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: In<typeof forwardPlanSchema>,
  version: number,
) {
  await getOwned(db, actor.organisationId, 'forwardPlanItems', id);
  await checkForwardPlan(db, actor.organisationId, input);
  return db.transaction().execute((trx) => updateAudited(trx, actor, 'forwardPlanItems', id, input, version));
}

/** A report was presented: a one-off commitment is done; a recurring one moves to its next due date. */
export async function deliverForwardPlanItem(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  deliveredOn: string,
  version: number,
) {
  const item = await getOwned(db, actor.organisationId, 'forwardPlanItems', id);
  if (item.status !== 'planned') throw new ConflictError('This report is not planned any more');
  const next = nextDueDate(item.dueDate, item.recurrence);
  const patch = next
    ? { dueDate: next, lastDeliveredOn: deliveredOn }
    : { status: 'delivered', lastDeliveredOn: deliveredOn };
  return db.transaction().execute((trx) => updateAudited(trx, actor, 'forwardPlanItems', id, patch, version));
}

export async function listForwardPlan(
  db: Executor,
  organisationId: string,
  filter: { bodyId?: string; includeDone?: boolean } = {},
) {
  let q = db
    .selectFrom('forwardPlanItems')
    .innerJoin('bodies', 'bodies.id', 'forwardPlanItems.bodyId')
    .leftJoin('users', 'users.id', 'forwardPlanItems.ownerId')
    .selectAll('forwardPlanItems')
    .select(['bodies.name as bodyName', 'users.displayName as ownerName'])
    .where('forwardPlanItems.organisationId', '=', organisationId);
  if (filter.bodyId) q = q.where('forwardPlanItems.bodyId', '=', filter.bodyId);
  if (!filter.includeDone) q = q.where('forwardPlanItems.status', '=', 'planned');
  return q.orderBy('forwardPlanItems.dueDate').execute();
}
