import type { Executor } from '../../audit/audit.js';
import { carriedForward, isOverdue } from '../../../lib/action-sheet.js';
import { actionItemsQuery } from './action-items.js';
import { listAgenda } from './agenda.js';
import { listQuestions } from './questions.js';
import { requestsQuery } from './requests.js';

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
