import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import type { ApiRegistry } from '../../api/registry.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { submitForm } from '../../lib/forms/submit.js';
import { todayInLondon } from '../../lib/dates.js';
import { GRADES } from '../../lib/frameworks.js';
import { getOwned } from '../audit/audit.js';
import { assertCanWorkOnAction } from '../plans/service.js';
import { computeActionRags } from '../plans/status.js';
import { brandingRoutes } from './branding-routes.js';
import { clearOutsideControl, loadControlNotes, markOutsideControl, CONTROL_REASON_MAX } from './control.js';
import { loadForecast } from './forecast.js';

function webRoutes(router: Router, services: Services) {
  const { db } = services;
  const today = () => todayInLondon(services.now());
  brandingRoutes(router, services);

  async function loadAction(req: Request) {
    const { user } = signedIn(req);
    const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
    assertCanWorkOnAction(user, action);
    const plan = await getOwned(db, user.organisationId, 'plans', action.planId);
    const [state] = await computeActionRags(db, user.organisationId, { actionIds: [action.id] }, today());
    const note = (await loadControlNotes(db, user.organisationId, [action.id])).get(action.id) ?? null;
    return { action, plan, state, note };
  }

  const page = (
    res: Response,
    ctx: Awaited<ReturnType<typeof loadAction>>,
    values: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) =>
    res.status(status).render('council/views/outside-control.njk', {
      title: `Outside our control: ${ctx.action.reference} ${ctx.action.title}`,
      ...ctx,
      values,
      errors,
      maxLength: CONTROL_REASON_MAX.toLocaleString('en-GB'),
    });

  router.get('/actions/:id/outside-control', requireRole('contributor'), async (req, res) => {
    const ctx = await loadAction(req);
    page(res, ctx, { reason: ctx.note?.reason ?? '', version: ctx.note?.version ?? '' });
  });

  router.post('/actions/:id/outside-control', requireRole('contributor'), async (req, res) => {
    const { actor } = signedIn(req);
    const ctx = await loadAction(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const reason = typeof body.reason === 'string' ? body.reason : '';
    const version = body.version ? Number(body.version) : undefined;
    return submitForm(req, res, {
      parse: () => ({ ok: true, data: body.remove === 'yes' }),
      save: (remove) =>
        db.transaction().execute(async (trx) => {
          if (remove) {
            await clearOutsideControl(trx, actor, ctx.action.id);
            return `${ctx.action.reference} is no longer marked as outside our control.`;
          }
          // No version means the form was opened before there was a note: if one exists now, that is a stale edit.
          const based = Number.isInteger(version) ? version : 0;
          await markOutsideControl(trx, actor, ctx.action.id, ctx.state.evidenceRag, reason, today(), based);
          return `${ctx.action.reference} is marked as outside our control. Its rating is unchanged.`;
        }),
      done: (flash) => ({ flash, redirect: `/actions/${ctx.action.id}` }),
      render: (status, errors) => page(res, ctx, body, errors, status),
      failure: { field: 'reason' },
    });
  });
}

const forecastWindow = z.object({ type: z.string(), earliest: z.string(), latest: z.string(), basis: z.string() });
const forecastResponse = z.object({
  nextInspection: forecastWindow.nullable(),
  nextVisit: forecastWindow.nullable(),
  national: z
    .object({
      previousJudgement: z.enum(GRADES),
      inspections: z.number().int(),
      medianMonths: z.number(),
      interquartileMonths: z.tuple([z.number(), z.number()]),
    })
    .nullable(),
});

function apiRoutes(api: ApiRegistry, services: Services) {
  const { db } = services;
  api.add({
    method: 'get',
    path: '/inspections/forecast',
    tag: 'Inspections',
    summary:
      'When the next inspection and visit are likely, with the national basis (nulls until a graded inspection is recorded)',
    response: forecastResponse,
    handler: async ({ user }) => {
      const forecast = await loadForecast(db, user.organisationId, todayInLondon(services.now()));
      return forecast ?? { nextInspection: null, nextVisit: null, national: null };
    },
  });

  const controlBody = z.object({
    reason: z
      .string({ error: 'reason is required' })
      .max(CONTROL_REASON_MAX, `reason must be ${CONTROL_REASON_MAX} characters or fewer`),
    version: z.number().int().optional(),
  });
  const controlResponse = z.object({
    actionId: z.string(),
    reason: z.string(),
    markedBy: z.string(),
    markedOn: z.string(),
    version: z.number().int(),
  });
  api.add({
    method: 'put',
    path: '/actions/:id/outside-control',
    tag: 'Plans',
    summary: 'Mark an action rated red or amber as outside our control, with a reason (the rating is unchanged)',
    body: controlBody,
    response: controlResponse,
    role: 'contributor',
    // The action is loaded (and the right to work on it checked) before the body is, so another
    // organisation's id is a 404 and a refusal a 403, never a 422.
    load: async ({ user, params }) => {
      const action = await getOwned(db, user.organisationId, 'actions', params.id);
      assertCanWorkOnAction(user, action);
      return action;
    },
    handler: async ({ record: action, body, user, actor }) => {
      const today = todayInLondon(services.now());
      const [state] = await computeActionRags(db, user.organisationId, { actionIds: [action.id] }, today);
      const note = await db
        .transaction()
        .execute((trx) =>
          markOutsideControl(trx, actor, action.id, state.evidenceRag, body.reason, today, body.version),
        );
      return {
        actionId: note.actionId,
        reason: note.reason,
        markedBy: note.markedByName,
        markedOn: note.markedOn,
        version: note.version,
      };
    },
  });
  api.add({
    method: 'delete',
    path: '/actions/:id/outside-control',
    tag: 'Plans',
    summary: 'Remove the outside-our-control note from an action',
    status: 204,
    role: 'contributor',
    handler: async ({ params, user, actor }) => {
      const action = await getOwned(db, user.organisationId, 'actions', params.id);
      assertCanWorkOnAction(user, action);
      await db.transaction().execute((trx) => clearOutsideControl(trx, actor, action.id));
      return undefined;
    },
  });
}

/** Issue 15: the council's own branding, outside-our-control notes, the forecast and what changed since the board. */
export const councilFeature: Feature = { name: 'council', web: webRoutes, api: apiRoutes };
