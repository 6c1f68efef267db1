import { RECURRENCE_LABELS } from '../../lib/forward-plan.js';
import { LINK_TYPE_LABELS } from './links.js';

export const BODY_KIND_LABELS: Record<string, string> = {
  'improvement-board': 'Improvement board',
  'scrutiny-committee': 'Scrutiny committee',
  cabinet: 'Cabinet',
  'corporate-parenting-board': 'Corporate parenting board',
  'members-seminar': 'Members’ seminar',
  other: 'Other',
};
export const MEMBER_ROLE_LABELS: Record<string, string> = {
  chair: 'Chair',
  member: 'Member',
  officer: 'Officer',
  adviser: 'Adviser',
};
export const ATTENDANCE_LABELS: Record<string, string> = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
};
export const QUESTION_STATUS_LABELS: Record<string, string> = {
  'awaiting-response': 'Awaiting response',
  answered: 'Answered',
  withdrawn: 'Withdrawn',
};
export const ACTION_ITEM_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  closed: 'Closed',
};
export const DECISION_STATUS_LABELS: Record<string, string> = {
  published: 'Published',
  'called-in': 'Called in',
  implemented: 'Implemented',
};
export const FORWARD_PLAN_STATUS_LABELS: Record<string, string> = {
  planned: 'Planned',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export const LABELS = {
  bodyKind: BODY_KIND_LABELS,
  memberRole: MEMBER_ROLE_LABELS,
  attendance: ATTENDANCE_LABELS,
  questionStatus: QUESTION_STATUS_LABELS,
  actionItemStatus: ACTION_ITEM_STATUS_LABELS,
  decisionStatus: DECISION_STATUS_LABELS,
  forwardPlanStatus: FORWARD_PLAN_STATUS_LABELS,
  recurrence: RECURRENCE_LABELS,
  linkType: LINK_TYPE_LABELS,
};

export const items = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, text]) => ({ value, text }));
