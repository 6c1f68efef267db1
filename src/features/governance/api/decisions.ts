import { z } from 'zod';
import type { ApiRegistry } from '../../../api/registry.js';
import { idQuery, listOf } from '../../../api/registry.js';
import type { Services } from '../../../container.js';
import { getOwned } from '../../audit/audit.js';
import * as svc from '../service.js';
import { decisionSchema, forwardPlanSchema } from '../schemas.js';
import { DECISION_STATUSES } from '../tables.js';
import { decisionOut, expected, forwardOut, merged, patchNote, withoutJoins } from './shapes.js';

/** Decisions with their call-in deadlines, and the forward plan. */
export function decisionsApi(api: ApiRegistry, services: Services) {
  const { db } = services;

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
      items: withoutJoins(await svc.listForwardPlan(db, user.organisationId, { bodyId: query.bodyId })),
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
