import { z } from 'zod';
import type { Request } from 'express';
import { isoDate } from '../../../api/registry.js';
import { parseOrThrow, requireVersion } from '../../../lib/validation.js';
import { RECURRENCES } from '../../../lib/forward-plan.js';
import { ACTION_ITEM_STATUSES, BODY_KINDS, DECISION_STATUSES, QUESTION_STATUSES } from '../tables.js';

/** What the governance API answers with, and the PATCH rules every resource shares. */
const id = z.string();
const nullableText = z.string().nullable();
const nullableDate = isoDate().nullable();
const meta = { version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };

export const bodyOut = z.object({ id, name: z.string(), kind: z.enum(BODY_KINDS), description: nullableText, ...meta });
export const meetingOut = z.object({
  id,
  bodyId: id,
  meetingDate: isoDate(),
  title: nullableText,
  location: nullableText,
  minutes: nullableText,
  ...meta,
});
export const questionOut = z.object({
  id,
  meetingId: id,
  askedBy: z.string(),
  question: z.string(),
  submittedOn: isoDate(),
  response: nullableText,
  respondedBy: nullableText,
  status: z.enum(QUESTION_STATUSES),
  ...meta,
});
export const actionItemOut = z.object({
  id,
  meetingId: id,
  agendaItemId: id.nullable(),
  planActionId: id.nullable(),
  description: z.string(),
  ownerId: id,
  dueDate: isoDate(),
  status: z.enum(ACTION_ITEM_STATUSES),
  closedOn: nullableDate,
  progressNote: nullableText,
  ...meta,
});
export const requestOut = z.object({
  id,
  meetingId: id,
  requestedBy: z.string(),
  request: z.string(),
  officerId: id.nullable(),
  dueDate: nullableDate,
  answer: nullableText,
  answeredOn: nullableDate,
  ...meta,
});
export const decisionOut = z.object({
  id,
  title: z.string(),
  decisionText: nullableText,
  decisionMaker: z.string(),
  meetingId: id.nullable(),
  madeDate: isoDate(),
  publishedDate: isoDate(),
  callInDeadline: isoDate(),
  status: z.enum(DECISION_STATUSES),
  ...meta,
});
export const forwardOut = z.object({
  id,
  bodyId: id,
  title: z.string(),
  description: nullableText,
  ownerId: id.nullable(),
  recurrence: z.enum(RECURRENCES),
  dueDate: isoDate(),
  status: z.string(),
  lastDeliveredOn: nullableDate,
  ...meta,
});

/** PATCH: the stored record with the sent fields laid over it, checked with the same schema as POST. */
export function merged<S extends z.ZodObject>(schema: S, row: Record<string, unknown>, req: Request): z.infer<S> {
  const sent =
    req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  const base = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, row[k]]));
  return parseOrThrow(schema, { ...base, ...sent });
}
export const expected = (req: Request) => requireVersion((req.body as Record<string, unknown> | undefined)?.version);
export const patchNote =
  'Send only the fields to change (as in POST) and the "version" you read: it is required, and a stale one is a 409 so nobody’s change is silently overwritten.';

export const boolQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

/** List rows without the joined display columns, which the API does not publish. */
export const withoutJoins = <T extends Record<string, unknown>>(rows: T[]) =>
  rows.map((r) => {
    const { raisedAtMeetingDate: _a, bodyId: _b, ownerName: _c, officerName: _d, bodyName: _e, ...rest } = r;
    return rest;
  });
