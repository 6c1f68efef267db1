import { z } from 'zod';
import type { Request } from 'express';
import type { ApiRegistry } from '../../api/registry.js';
import { idQuery, isoDate, listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { parseOrThrow, requireVersion } from '../../lib/validation.js';
import { todayInLondon } from '../../lib/dates.js';
import { getOwned } from '../audit/audit.js';
import { deleteAudited } from '../audit/audit.js';
import * as svc from './service.js';
import {
  actionItemSchema,
  bodySchema,
  decisionSchema,
  forwardPlanSchema,
  informationRequestSchema,
  meetingSchema,
  questionSchema,
} from './schemas.js';
import { ACTION_ITEM_STATUSES, BODY_KINDS, DECISION_STATUSES, QUESTION_STATUSES } from './tables.js';
import { RECURRENCES } from '../../lib/forward-plan.js';

const id = z.string();
const nullableText = z.string().nullable();
const nullableDate = isoDate().nullable();
const meta = { version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };

const bodyOut = z.object({ id, name: z.string(), kind: z.enum(BODY_KINDS), description: nullableText, ...meta });
const meetingOut = z.object({
  id,
  bodyId: id,
  meetingDate: isoDate(),
  title: nullableText,
  location: nullableText,
  minutes: nullableText,
  ...meta,
});
const questionOut = z.object({
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
const actionItemOut = z.object({
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
const requestOut = z.object({
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
const decisionOut = z.object({
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
const forwardOut = z.object({
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
function merged<S extends z.ZodObject>(schema: S, row: Record<string, unknown>, req: Request): z.infer<S> {
  const sent =
    req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  const base = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, row[k]]));
  return parseOrThrow(schema, { ...base, ...sent });
}
const expected = (req: Request) => requireVersion((req.body as Record<string, unknown> | undefined)?.version);
const patchNote =
  'Send only the fields to change (as in POST) and the "version" you read: it is required, and a stale one is a 409 so nobody’s change is silently overwritten.';

const boolQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

export function governanceApi(api: ApiRegistry, services: Services) {
  const { db } = services;
  const today = () => todayInLondon(services.now());

  // bodies
  api.add({
    method: 'get',
    path: '/bodies',
    tag: 'Governance',
    summary: 'Boards, committees and other bodies',
    response: listOf(bodyOut),
    handler: async ({ user }) => ({ items: await svc.listBodies(db, user.organisationId) }),
  });
  api.add({
    method: 'post',
    path: '/bodies',
    tag: 'Governance',
    summary: 'Add a body',
    body: bodySchema,
    response: bodyOut,
    status: 201,
    handler: ({ actor, body }) => svc.createBody(db, actor, body),
  });
  api.add({
    method: 'get',
    path: '/bodies/:id',
    tag: 'Governance',
    summary: 'One body',
    response: bodyOut,
    handler: ({ user, params }) => getOwned(db, user.organisationId, 'bodies', params.id),
  });

  // meetings
  api.add({
    method: 'get',
    path: '/meetings',
    tag: 'Governance',
    summary: 'Meetings, newest first',
    query: z.object({ bodyId: idQuery('bodyId').optional() }),
    response: listOf(meetingOut.extend({ bodyName: z.string() })),
    handler: async ({ user, query }) => ({ items: await svc.listMeetings(db, user.organisationId, query.bodyId) }),
  });
  api.add({
    method: 'post',
    path: '/meetings',
    tag: 'Governance',
    summary: 'Add a meeting of a body',
    body: meetingSchema,
    response: meetingOut,
    status: 201,
    handler: ({ actor, body }) => svc.createMeeting(db, actor, body),
  });
  api.add({
    method: 'get',
    path: '/meetings/:id',
    tag: 'Governance',
    summary:
      'A meeting with its agenda, action sheet (including items carried forward), outstanding requests and questions',
    response: meetingOut.extend({
      agenda: z.array(z.unknown()),
      actionSheet: z.array(actionItemOut.extend({ carriedForward: z.boolean(), overdue: z.boolean() })),
      outstandingRequests: z.array(requestOut),
      questions: z.array(questionOut),
    }),
    handler: async ({ user, params }) => {
      const meeting = await getOwned(db, user.organisationId, 'meetings', params.id);
      const p = await svc.meetingPapers(db, user.organisationId, meeting, today());
      const strip = <T extends Record<string, unknown>>(i: T) => {
        const {
          raisedAtMeetingDate: _r,
          bodyId: _b,
          ownerName: _o,
          officerName: _of,
          bodyName: _bn,
          closedOn,
          ...rest
        } = i as Record<string, unknown>;
        return { ...rest, ...(closedOn !== undefined && 'ownerId' in i ? { closedOn } : {}) };
      };
      return {
        ...meeting,
        agenda: p.agenda,
        actionSheet: [
          ...p.carried.map((i) => ({ ...strip(i), carriedForward: true })),
          ...p.raisedHere.map((i) => ({ ...strip(i), carriedForward: false })),
        ],
        outstandingRequests: p.outstandingRequests.map(strip),
        questions: p.questions,
      };
    },
  });
  api.add({
    method: 'patch',
    path: '/meetings/:id',
    tag: 'Governance',
    summary: `Change a meeting (date, title, location, minutes). ${patchNote}`,
    response: meetingOut,
    handler: async ({ user, actor, params, req }) => {
      const m = await getOwned(db, user.organisationId, 'meetings', params.id);
      const data = merged(meetingSchema, m, req);
      return svc.updateMeeting(
        db,
        actor,
        m.id,
        { meetingDate: data.meetingDate, title: data.title, location: data.location, minutes: data.minutes },
        expected(req),
      );
    },
  });
  api.add({
    method: 'delete',
    path: '/meetings/:id',
    tag: 'Governance',
    summary: 'Delete a meeting with no questions, action-sheet items, requests or decisions',
    status: 204,
    handler: async ({ actor, params, res }) => {
      await svc.deleteMeeting(db, actor, params.id);
      res.status(204).end();
    },
  });

  // questions, action-sheet items, information requests: the same CRUD shape
  const crud = <S extends z.ZodObject, O extends z.ZodType>(opts: {
    path: string;
    table: 'meetingQuestions' | 'actionSheetItems' | 'informationRequests';
    noun: string;
    schema: S;
    out: O;
    query: z.ZodObject;
    list: (orgId: string, q: Record<string, unknown>) => Promise<unknown[]>;
    create: (actor: Parameters<typeof svc.createQuestion>[1], data: z.infer<S>) => Promise<unknown>;
    update: (
      actor: Parameters<typeof svc.createQuestion>[1],
      id: string,
      data: z.infer<S>,
      version: number,
    ) => Promise<unknown>;
  }) => {
    api.add({
      method: 'get',
      path: opts.path,
      tag: 'Governance',
      summary: `List ${opts.noun}s`,
      query: opts.query,
      response: listOf(opts.out),
      handler: async ({ user, query }) => ({
        items: await opts.list(user.organisationId, query as Record<string, unknown>),
      }),
    });
    api.add({
      method: 'post',
      path: opts.path,
      tag: 'Governance',
      summary: `Add a ${opts.noun}`,
      body: opts.schema,
      response: opts.out,
      status: 201,
      handler: ({ actor, body }) => opts.create(actor, body as z.infer<S>),
    });
    api.add({
      method: 'get',
      path: `${opts.path}/:id`,
      tag: 'Governance',
      summary: `One ${opts.noun}`,
      response: opts.out,
      handler: ({ user, params }) => getOwned(db, user.organisationId, opts.table, params.id),
    });
    api.add({
      method: 'patch',
      path: `${opts.path}/:id`,
      tag: 'Governance',
      summary: `Change a ${opts.noun}. ${patchNote}`,
      response: opts.out,
      handler: async ({ user, actor, params, req }) => {
        const row = await getOwned(db, user.organisationId, opts.table, params.id);
        return opts.update(actor, row.id, merged(opts.schema, row as Record<string, unknown>, req), expected(req));
      },
    });
    api.add({
      method: 'delete',
      path: `${opts.path}/:id`,
      tag: 'Governance',
      summary: `Delete a ${opts.noun}`,
      status: 204,
      handler: async ({ actor, params, res }) => {
        await db.transaction().execute((trx) => deleteAudited(trx, actor, opts.table, params.id));
        res.status(204).end();
      },
    });
  };

  const strip = <T extends Record<string, unknown>>(rows: T[]) =>
    rows.map((r) => {
      const { raisedAtMeetingDate: _a, bodyId: _b, ownerName: _c, officerName: _d, bodyName: _e, ...rest } = r;
      return rest;
    });

  crud({
    path: '/questions',
    table: 'meetingQuestions',
    noun: 'question submitted in advance',
    schema: questionSchema,
    out: questionOut,
    query: z.object({ meetingId: idQuery('meetingId').optional(), status: z.enum(QUESTION_STATUSES).optional() }),
    list: (orgId, q) =>
      svc.listQuestions(db, orgId, {
        meetingId: q.meetingId as string | undefined,
        status: q.status as string | undefined,
      }),
    create: (actor, data) => svc.createQuestion(db, actor, data),
    update: (actor, rid, data, v) => svc.updateQuestion(db, actor, rid, data, v),
  });
  crud({
    path: '/action-sheet-items',
    table: 'actionSheetItems',
    noun: 'action-sheet item',
    schema: actionItemSchema,
    out: actionItemOut,
    query: z.object({
      meetingId: idQuery('meetingId').optional(),
      status: z.enum(ACTION_ITEM_STATUSES).optional(),
      ownerId: idQuery('ownerId').optional(),
    }),
    list: async (orgId, q) =>
      strip(
        await svc.listActionItems(db, orgId, {
          meetingId: q.meetingId as string | undefined,
          status: q.status as string | undefined,
          ownerId: q.ownerId as string | undefined,
        }),
      ),
    create: (actor, data) => svc.createActionItem(db, actor, data, today()),
    update: (actor, rid, data, v) => svc.updateActionItem(db, actor, rid, data, today(), v),
  });
  crud({
    path: '/information-requests',
    table: 'informationRequests',
    noun: 'information request',
    schema: informationRequestSchema,
    out: requestOut,
    query: z.object({ meetingId: idQuery('meetingId').optional(), outstanding: boolQuery }),
    list: async (orgId, q) =>
      strip(
        await svc.listRequests(db, orgId, {
          meetingId: q.meetingId as string | undefined,
          outstanding: q.outstanding as boolean | undefined,
        }),
      ),
    create: (actor, data) => svc.createRequest(db, actor, data),
    update: (actor, rid, data, v) => svc.updateRequest(db, actor, rid, data, v),
  });

  // decisions
  api.add({
    method: 'get',
    path: '/decisions',
    tag: 'Governance',
    summary: 'Decisions, newest first',
    query: z.object({ status: z.enum(DECISION_STATUSES).optional() }),
    response: listOf(decisionOut),
    handler: async ({ user, query }) => ({ items: await svc.listDecisions(db, user.organisationId, query.status) }),
  });
  api.add({
    method: 'post',
    path: '/decisions',
    tag: 'Governance',
    summary:
      'Record a decision; the response includes its call-in deadline (the organisation’s rule; by default midnight on the fifth working day counting the day of publication)',
    body: decisionSchema,
    response: decisionOut,
    status: 201,
    handler: ({ actor, body }) => svc.createDecision(db, actor, body),
  });
  api.add({
    method: 'get',
    path: '/decisions/:id',
    tag: 'Governance',
    summary: 'One decision',
    response: decisionOut,
    handler: ({ user, params }) => getOwned(db, user.organisationId, 'decisions', params.id),
  });
  api.add({
    method: 'patch',
    path: '/decisions/:id',
    tag: 'Governance',
    summary: `Change a decision, for example its status (published, called-in, implemented). ${patchNote}`,
    response: decisionOut,
    handler: async ({ user, actor, params, req }) => {
      const d = await getOwned(db, user.organisationId, 'decisions', params.id);
      return svc.updateDecision(db, actor, d.id, merged(decisionSchema, d, req), expected(req));
    },
  });

  // forward plan
  api.add({
    method: 'get',
    path: '/forward-plan',
    tag: 'Governance',
    summary: 'Planned reports to bodies, soonest first',
    query: z.object({ bodyId: idQuery('bodyId').optional() }),
    response: listOf(forwardOut),
    handler: async ({ user, query }) => ({
      items: strip(await svc.listForwardPlan(db, user.organisationId, { bodyId: query.bodyId })),
    }),
  });
  api.add({
    method: 'post',
    path: '/forward-plan',
    tag: 'Governance',
    summary: 'Add a report to the forward plan',
    body: forwardPlanSchema,
    response: forwardOut,
    status: 201,
    handler: ({ actor, body }) => svc.createForwardPlanItem(db, actor, body),
  });
}
