import { z } from 'zod';
import type { ApiRegistry } from '../../../api/registry.js';
import { idQuery, listOf } from '../../../api/registry.js';
import type { Services } from '../../../container.js';
import { todayInLondon } from '../../../lib/dates.js';
import { getOwned } from '../../audit/audit.js';
import * as svc from '../service.js';
import { bodySchema, meetingSchema } from '../schemas.js';
import { actionItemOut, bodyOut, expected, meetingOut, merged, patchNote, questionOut, requestOut } from './shapes.js';

/** Bodies and their meetings, with the papers for one meeting. */
export function meetingsApi(api: ApiRegistry, services: Services) {
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
    handler: async ({ actor, params }) => {
      await svc.deleteMeeting(db, actor, params.id);
    },
  });
}
