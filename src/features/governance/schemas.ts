import { z } from 'zod';
import { numberField } from '../../lib/validation.js';
import { isoDate } from '../../api/registry.js';
import { RECURRENCES } from '../../lib/forward-plan.js';
import {
  ACTION_ITEM_STATUSES,
  ATTENDANCE,
  BODY_KINDS,
  DECISION_STATUSES,
  LINK_TYPES,
  MEMBER_ROLES,
  QUESTION_STATUSES,
} from './tables.js';

/** Schemas shared by the forms (strings) and the JSON API. Empty optional fields become null. */
export const requiredText = (label: string, max = 2000) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`);

export const optionalText = (label: string, max = 20000) =>
  z
    .union([z.string(), z.null()], { error: `${capitalise(label)} must be text` })
    .optional()
    .transform((v) => (v ?? '').trim() || null)
    .refine((v) => v === null || v.length <= max, `${capitalise(label)} must be ${max} characters or fewer`);

export const requiredDate = (label: string) => isoDate(capitalise(label));

export const optionalDate = (label: string) =>
  z
    .union([z.string(), z.null()], { error: `${capitalise(label)} must be a date in the format YYYY-MM-DD` })
    .optional()
    .transform((v) => (v ?? '').trim() || null)
    .pipe(z.union([z.null(), isoDate(capitalise(label))]));

export const requiredId = (label: string) =>
  z
    .string({ error: `Select ${label}` })
    .trim()
    .min(1, `Select ${label}`);

export const optionalId = () =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (v ?? '').trim() || null);

export const wholeNumber = (label: string, min: number, max: number) =>
  numberField(capitalise(label), { required: true, whole: true }).pipe(
    z
      .number()
      .min(min, `${capitalise(label)} must be a whole number from ${min} to ${max}`)
      .max(max, `${capitalise(label)} must be a whole number from ${min} to ${max}`),
  );

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Minutes are plain text: markup is refused with a clear message, and everything is escaped on display. */
const HTML_TAG = /<\s*\/?\s*[a-z!?][^>]*>/i;
export const minutesText = optionalText('the minutes', 100_000).refine(
  (v) => v === null || !HTML_TAG.test(v),
  'Minutes must be plain text without HTML tags such as <script> or <b>: use blank lines for paragraphs and start a line with “- ” for a bullet point',
);

export const bodySchema = z.object({
  name: requiredText('the name of the body', 200),
  kind: z.enum(BODY_KINDS, { error: 'Select the type of body' }),
  description: optionalText('the description', 2000),
});

export const memberSchema = z.object({
  userId: optionalId(),
  name: optionalText('the member’s name', 200),
  memberRole: z.enum(MEMBER_ROLES, { error: 'Select the member’s role' }),
});

export const meetingSchema = z.object({
  bodyId: requiredId('the body'),
  meetingDate: requiredDate('meeting date'),
  title: optionalText('the title', 200),
  location: optionalText('the location', 200),
  minutes: minutesText,
});

export const meetingUpdateSchema = meetingSchema
  .omit({ bodyId: true })
  .extend({ version: z.coerce.number().int().optional() });

export const agendaItemSchema = z.object({
  title: requiredText('the agenda item title', 300),
  summary: optionalText('the summary', 5000),
  linkType: z
    .union([z.enum(LINK_TYPES, { error: 'Select what the item links to' }), z.null()])
    .optional()
    .transform((v) => v ?? null),
  linkId: optionalId(),
});

export const attendanceSchema = z.object({
  memberId: requiredId('the member'),
  status: z.enum(ATTENDANCE, { error: 'Select present, apologies or absent' }),
});

export const questionSchema = z.object({
  meetingId: requiredId('the meeting'),
  askedBy: requiredText('who asked the question', 200),
  question: requiredText('the question', 5000),
  submittedOn: requiredDate('date submitted'),
  response: optionalText('the response', 20000),
  respondedBy: optionalText('who responded', 200),
  status: z.enum(QUESTION_STATUSES, { error: 'Select the status of the question' }).default('awaiting-response'),
});

export const actionItemSchema = z.object({
  meetingId: requiredId('the meeting'),
  description: requiredText('the action', 2000),
  ownerId: requiredId('the owner'),
  dueDate: requiredDate('due date'),
  agendaItemId: optionalId(),
  planActionId: optionalId(),
  status: z.enum(ACTION_ITEM_STATUSES, { error: 'Select the status' }).default('open'),
  closedOn: optionalDate('date closed'),
  progressNote: optionalText('the progress note', 5000),
});

export const informationRequestSchema = z.object({
  meetingId: requiredId('the meeting'),
  requestedBy: requiredText('who asked for the information', 200),
  request: requiredText('what was asked for', 5000),
  officerId: optionalId(),
  dueDate: optionalDate('due date'),
  answer: optionalText('the answer', 20000),
  answeredOn: optionalDate('date the answer was sent'),
});

export const decisionSchema = z.object({
  title: requiredText('the title of the decision', 300),
  decisionText: optionalText('the decision', 20000),
  decisionMaker: requiredText('the decision maker', 200),
  meetingId: optionalId(),
  madeDate: requiredDate('date made'),
  publishedDate: requiredDate('date published'),
  status: z
    .enum(DECISION_STATUSES, { error: 'Select the status: published, called-in or implemented' })
    .default('published'),
});

export const forwardPlanSchema = z.object({
  bodyId: requiredId('the body'),
  title: requiredText('the report title', 300),
  description: optionalText('the description', 5000),
  ownerId: optionalId(),
  recurrence: z.enum(RECURRENCES, { error: 'Select how often the report is due' }),
  dueDate: requiredDate('due date'),
});

export const settingsSchema = z.object({
  callInWorkingDays: wholeNumber('the call-in period', 1, 30),
  callInCountsPublicationDay: z.enum(['yes', 'no'], { error: 'Select whether the day of publication counts' }),
  reminderDaysAhead: wholeNumber('the reminder window', 0, 30),
  version: z.coerce.number().int(),
});
