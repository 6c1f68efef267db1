import { z } from 'zod';
import type { ApiRegistry } from '../../../api/registry.js';
import { idQuery, listOf } from '../../../api/registry.js';
import type { Services } from '../../../container.js';
import { todayInLondon } from '../../../lib/dates.js';
import { deleteAudited, getOwned } from '../../audit/audit.js';
import * as svc from '../service.js';
import { actionItemSchema, informationRequestSchema, questionSchema } from '../schemas.js';
import { ACTION_ITEM_STATUSES, QUESTION_STATUSES } from '../tables.js';
import {
  actionItemOut,
  boolQuery,
  expected,
  merged,
  patchNote,
  questionOut,
  requestOut,
  withoutJoins,
} from './shapes.js';

/** Questions, action-sheet items and information requests: one CRUD shape for the three. */
export function meetingItemsApi(api: ApiRegistry, services: Services) {
  const { db } = services;
  const today = () => todayInLondon(services.now());

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
      handler: async ({ actor, params }) => {
        await db.transaction().execute((trx) => deleteAudited(trx, actor, opts.table, params.id));
      },
    });
  };

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
      withoutJoins(
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
      withoutJoins(
        await svc.listRequests(db, orgId, {
          meetingId: q.meetingId as string | undefined,
          outstanding: q.outstanding as boolean | undefined,
        }),
      ),
    create: (actor, data) => svc.createRequest(db, actor, data),
    update: (actor, rid, data, v) => svc.updateRequest(db, actor, rid, data, v),
  });
}
