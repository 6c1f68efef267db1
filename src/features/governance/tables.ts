import type { Generated } from 'kysely';
import type { DefaultTimestamp, IsoDate } from '../../db/foundation-tables.js';

interface RecordColumns {
  id: Generated<string>;
  organisationId: string;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export const BODY_KINDS = [
  'improvement-board',
  'scrutiny-committee',
  'cabinet',
  'corporate-parenting-board',
  'members-seminar',
  'other',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const MEMBER_ROLES = ['chair', 'member', 'officer', 'adviser'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const LINK_TYPES = ['inspection', 'plan', 'plan-action', 'indicator', 'risk', 'report'] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export const ATTENDANCE = ['present', 'apologies', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE)[number];
export const QUESTION_STATUSES = ['awaiting-response', 'answered', 'withdrawn'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const ACTION_ITEM_STATUSES = ['open', 'in-progress', 'closed'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const DECISION_STATUSES = ['published', 'called-in', 'implemented'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const FORWARD_PLAN_STATUSES = ['planned', 'delivered', 'cancelled'] as const;
export type ForwardPlanStatus = (typeof FORWARD_PLAN_STATUSES)[number];

export interface GovernanceSettingsTable extends RecordColumns {
  callInWorkingDays: Generated<number>;
  callInCountsPublicationDay: Generated<boolean>;
  reminderDaysAhead: Generated<number>;
}

export interface BodiesTable extends RecordColumns {
  name: string;
  kind: BodyKind;
  description: string | null;
}

export interface BodyMembersTable extends RecordColumns {
  bodyId: string;
  userId: string | null;
  name: string;
  memberRole: MemberRole;
}

export interface MeetingsTable extends RecordColumns {
  bodyId: string;
  meetingDate: IsoDate;
  title: string | null;
  location: string | null;
  minutes: string | null;
}

export interface AgendaItemsTable extends RecordColumns {
  meetingId: string;
  position: number;
  title: string;
  summary: string | null;
  linkType: LinkType | null;
  linkId: string | null;
}

export interface MeetingAttendanceTable extends RecordColumns {
  meetingId: string;
  memberId: string;
  status: AttendanceStatus;
}

export interface MeetingQuestionsTable extends RecordColumns {
  meetingId: string;
  askedBy: string;
  question: string;
  submittedOn: IsoDate;
  response: string | null;
  respondedBy: string | null;
  status: Generated<QuestionStatus>;
}

export interface ActionSheetItemsTable extends RecordColumns {
  meetingId: string;
  agendaItemId: string | null;
  planActionId: string | null;
  description: string;
  ownerId: string;
  dueDate: IsoDate;
  status: Generated<ActionItemStatus>;
  closedOn: IsoDate | null;
  progressNote: string | null;
}

export interface InformationRequestsTable extends RecordColumns {
  meetingId: string;
  requestedBy: string;
  request: string;
  officerId: string | null;
  dueDate: IsoDate | null;
  answer: string | null;
  answeredOn: IsoDate | null;
}

export interface DecisionsTable extends RecordColumns {
  title: string;
  decisionText: string | null;
  decisionMaker: string;
  meetingId: string | null;
  madeDate: IsoDate;
  publishedDate: IsoDate;
  callInDeadline: IsoDate;
  status: Generated<DecisionStatus>;
}

export interface ForwardPlanItemsTable extends RecordColumns {
  bodyId: string;
  title: string;
  description: string | null;
  ownerId: string | null;
  recurrence: 'one-off' | 'monthly' | 'quarterly' | 'six-monthly' | 'annual';
  dueDate: IsoDate;
  status: Generated<ForwardPlanStatus>;
  lastDeliveredOn: IsoDate | null;
}

export interface RisksTable extends RecordColumns {
  reference: string;
  title: string;
  cause: string | null;
  consequence: string | null;
  ownerId: string | null;
  controls: string | null;
  likelihood: number;
  impact: number;
  reviewDate: IsoDate | null;
  status: Generated<'open' | 'closed'>;
}

export interface RiskScoreHistoryTable {
  id: Generated<string>;
  organisationId: string;
  riskId: string;
  likelihood: number;
  impact: number;
  score: number;
  recordedOn: IsoDate;
  recordedBy: string;
  note: string | null;
  createdAt: DefaultTimestamp;
}

export interface RiskLinksTable {
  id: Generated<string>;
  organisationId: string;
  riskId: string;
  targetType: 'indicator' | 'plan-action';
  targetId: string;
  createdAt: DefaultTimestamp;
}

export interface ReminderRunsTable {
  id: Generated<string>;
  organisationId: string;
  runDate: IsoDate;
  emailsSent: Generated<number>;
  emailsFailed: Generated<number>;
  createdAt: DefaultTimestamp;
}

export interface GovernanceTables {
  governanceSettings: GovernanceSettingsTable;
  bodies: BodiesTable;
  bodyMembers: BodyMembersTable;
  meetings: MeetingsTable;
  agendaItems: AgendaItemsTable;
  meetingAttendance: MeetingAttendanceTable;
  meetingQuestions: MeetingQuestionsTable;
  actionSheetItems: ActionSheetItemsTable;
  informationRequests: InformationRequestsTable;
  decisions: DecisionsTable;
  forwardPlanItems: ForwardPlanItemsTable;
  risks: RisksTable;
  riskScoreHistory: RiskScoreHistoryTable;
  riskLinks: RiskLinksTable;
  reminderRuns: ReminderRunsTable;
}
