import { z } from 'zod';
import type { ApiRegistry } from '../../api/registry.js';
import { isoDate, listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { parseOrThrow, requireVersion } from '../../lib/validation.js';
import { todayInLondon } from '../../lib/dates.js';
import { NotFoundError } from '../../lib/errors.js';
import { getOwned } from '../audit/audit.js';
import { riskSchema } from './schemas.js';
import { createRisk, deleteRisk, listRiskViews, riskHistory, riskLinkIds, updateRisk } from './service.js';

const riskOut = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  cause: z.string().nullable(),
  consequence: z.string().nullable(),
  ownerId: z.string().nullable(),
  controls: z.string().nullable(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  rating: z.enum(['low', 'medium', 'high', 'very-high']),
  reviewDate: isoDate().nullable(),
  reviewOverdue: z.boolean(),
  status: z.enum(['open', 'closed']),
  version: z.number().int(),
  indicators: z.array(z.object({ id: z.string(), name: z.string(), rag: z.string(), trend: z.string() })),
  actions: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string(), evidenceRag: z.string() })),
  evidenceConflict: z.object({ conflict: z.boolean(), reasons: z.array(z.string()) }),
  scoreHistory: z
    .array(
      z.object({
        likelihood: z.number(),
        impact: z.number(),
        score: z.number(),
        recordedOn: isoDate(),
        recordedBy: z.string(),
        note: z.string().nullable(),
      }),
    )
    .optional(),
});

export function risksApi(api: ApiRegistry, services: Services) {
  const { db } = services;
  const today = () => todayInLondon(services.now());
  const view = async (orgId: string, id: string) => {
    const [risk] = await listRiskViews(db, orgId, { ids: [id], today: today() });
    if (!risk) throw new NotFoundError();
    const history = await riskHistory(db, orgId, id);
    return {
      ...risk,
      ownerName: undefined,
      scoreHistory: history.map((h) => ({
        likelihood: h.likelihood,
        impact: h.impact,
        score: h.score,
        recordedOn: h.recordedOn,
        recordedBy: h.recordedBy,
        note: h.note,
      })),
    };
  };

  api.add({
    method: 'get',
    path: '/risks',
    tag: 'Risks',
    summary:
      'The risk register, with scores, rating bands and the evidence-conflict flag; conflict=true lists only risks rated low while their linked indicators are red or worsening or their linked plan actions are red',
    query: z.object({ conflict: z.enum(['true', 'false']).optional(), status: z.enum(['open', 'closed']).optional() }),
    response: listOf(riskOut),
    handler: async ({ user, query }) => {
      let risks = await listRiskViews(db, user.organisationId, { today: today() });
      if (query.conflict) risks = risks.filter((r) => r.evidenceConflict.conflict === (query.conflict === 'true'));
      if (query.status) risks = risks.filter((r) => r.status === query.status);
      return { items: risks.map((r) => ({ ...r, ownerName: undefined })) };
    },
  });
  api.add({
    method: 'post',
    path: '/risks',
    tag: 'Risks',
    summary: 'Add a risk (likelihood and impact 1–5); indicatorIds and planActionIds link its evidence',
    body: riskSchema,
    response: riskOut,
    status: 201,
    handler: async ({ actor, body }) => {
      const risk = await createRisk(db, actor, body, today());
      return view(actor.organisationId, risk.id);
    },
  });
  api.add({
    method: 'get',
    path: '/risks/:id',
    tag: 'Risks',
    summary: 'One risk with its score history',
    response: riskOut,
    handler: async ({ user, params }) =>
      view(user.organisationId, (await getOwned(db, user.organisationId, 'risks', params.id)).id),
  });
  api.add({
    method: 'patch',
    path: '/risks/:id',
    tag: 'Risks',
    summary:
      'Change a risk: send only the fields to change; a new likelihood or impact adds to the score history. Send the "version" you read: it is required, and a stale one is a 409 so nobody’s change is silently overwritten.',
    response: riskOut,
    handler: async ({ user, actor, params, req }) => {
      const risk = await getOwned(db, user.organisationId, 'risks', params.id);
      const links = await riskLinkIds(db, user.organisationId, risk.id);
      const sent =
        req.body && typeof req.body === 'object' && !Array.isArray(req.body)
          ? (req.body as Record<string, unknown>)
          : {};
      const base = Object.fromEntries(
        Object.keys(riskSchema.shape).map((k) => [k, (risk as Record<string, unknown>)[k]]),
      );
      const data = parseOrThrow(riskSchema, { ...base, ...links, scoreNote: null, ...sent });
      await updateRisk(db, actor, risk.id, data, today(), requireVersion(sent.version));
      return view(user.organisationId, risk.id);
    },
  });
  api.add({
    method: 'delete',
    path: '/risks/:id',
    tag: 'Risks',
    summary: 'Delete a risk (its score history and links go with it; the audit trail keeps the record)',
    status: 204,
    handler: async ({ actor, params }) => {
      await deleteRisk(db, actor, params.id);
    },
  });
}
