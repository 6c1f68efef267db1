import type { Request, Response } from 'express';
import { signedIn } from '../../../middleware/auth.js';
import { parseForm, type FormErrors } from '../../../lib/validation.js';
import { AppError } from '../../../lib/errors.js';
import { submitForm } from '../../../lib/forms/submit.js';
import { getOwned } from '../../audit/audit.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { hasRole } from '../../../lib/roles.js';
import { inspectionName } from '../../../lib/labels.js';
import * as s from '../schemas.js';
import { listPlans, orgInspections, planInspectionIds } from '../queries.js';
import { approvePlan, createPlan, revisePlan, setReadyToSubmit, updatePlan } from '../service.js';
import type { PlansRouteContext } from './common.js';

/** The list of plans, creating and changing a plan, approving, revising and marking it ready. */
export function planRoutes({ router, db, editor }: PlansRouteContext): void {
  router.get('/plans', async (req, res) => {
    const { user } = signedIn(req);
    res.render('plans/views/index.njk', {
      title: 'Improvement plans',
      plans: await listPlans(db, user.organisationId),
      canEdit: hasRole(user.role, 'editor'),
    });
  });

  const planFormPage = async (
    req: Request,
    res: Response,
    opts: { plan?: { id: string; title: string }; values: Record<string, unknown>; errors?: unknown; status?: number },
  ) => {
    const { user } = signedIn(req);
    const inspections = await orgInspections(db, user.organisationId);
    const chosen = new Set(([] as unknown[]).concat(opts.values.inspectionIds ?? []).map(String));
    res.status(opts.status ?? 200).render('plans/views/plan-form.njk', {
      title: opts.plan ? `Edit ${opts.plan.title}` : 'Create an improvement plan',
      plan: opts.plan,
      values: opts.values,
      errors: opts.errors,
      inspectionItems: inspections.map((i) => ({
        value: i.id,
        text: inspectionName(i),
        hint: {
          text: i.publishedDate ? `Report published ${formatGovukDate(i.publishedDate)}` : 'Report not yet published',
        },
        checked: chosen.has(i.id),
      })),
    });
  };

  router.get('/plans/new', editor, (req, res) =>
    planFormPage(req, res, { values: { toleranceWorkingDays: 10, themes: '' } }),
  );
  router.post('/plans/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    await submitForm(req, res, {
      parse: () => parseForm(s.planForm, req.body),
      save: (input) => createPlan(db, actor, input),
      done: (plan) => ({ flash: `${plan.title} has been created as a draft.`, redirect: `/plans/${plan.id}` }),
      render: (status, errors) => planFormPage(req, res, { values: req.body, errors, status }),
      failure: { field: 'title' },
    });
  });

  router.get('/plans/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    await planFormPage(req, res, {
      plan,
      values: { ...plan, themes: '', inspectionIds: await planInspectionIds(db, plan.id) },
    });
  });
  router.post('/plans/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    await submitForm(req, res, {
      parse: () => parseForm(s.planEditForm, req.body),
      save: ({ version, ...input }) => updatePlan(db, actor, plan.id, input, version),
      done: () => ({ flash: 'The plan has been saved.', redirect: `/plans/${plan.id}` }),
      render: (status, errors) => planFormPage(req, res, { plan, values: req.body, errors, status }),
      failure: { field: 'title' },
    });
  });

  router.get('/plans/:id/approve', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    res.render('plans/views/approve.njk', {
      title: `Record approval of ${plan.title}`,
      plan,
      values: { version: plan.version, approvalBody: 'Cabinet' },
    });
  });
  router.post('/plans/:id/approve', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    await submitForm(req, res, {
      parse: () => parseForm(s.approveForm, req.body),
      save: async ({ version, ...approval }) => {
        await approvePlan(db, actor, plan.id, approval, version);
        return approval;
      },
      done: (approval) => ({
        flash: `Version ${plan.planVersion} is recorded as approved by ${approval.approvalBody}.`,
        redirect: `/plans/${plan.id}`,
      }),
      render: (status: number, errors: FormErrors) =>
        res.status(status).render('plans/views/approve.njk', {
          title: `Record approval of ${plan.title}`,
          plan,
          values: req.body,
          errors,
        }),
      failure: { field: 'approvalBody' },
    });
  });

  router.post('/plans/:id/revise', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    try {
      const copy = await revisePlan(db, actor, plan.id);
      req.session.flash = {
        text: `Version ${copy.planVersion} has been started as a draft. Version ${plan.planVersion} stays in force until this one is approved.`,
      };
      res.redirect(`/plans/${copy.id}`);
    } catch (err) {
      // Not a form: a version that already exists (409) is said on the plan page it came from.
      if (err instanceof AppError && err.status === 409) {
        req.session.flash = { type: 'info', text: err.message };
        return res.redirect(`/plans/${plan.id}`);
      }
      throw err;
    }
  });

  router.post('/plans/:id/ready', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const ready = req.body?.ready !== 'no';
    try {
      await setReadyToSubmit(db, actor, plan.id, ready, Number(req.body?.version));
      req.session.flash = {
        text: ready ? 'The plan is marked ready to submit.' : 'The plan is no longer marked ready to submit.',
      };
    } catch (err) {
      // A button, not a form: why it is not ready (or that someone changed it) is a banner on the plan page.
      if (!(err instanceof AppError) || (err.status !== 422 && err.status !== 409)) throw err;
      req.session.flash = {
        type: 'info',
        heading: err.status === 409 ? 'The plan was changed by someone else' : 'The plan is not ready to submit',
        // A stale version's detail names version numbers, which mean nothing to the officer; the message does not.
        text: err.status === 409 ? err.message : (err.details[0]?.message ?? err.message),
      };
    }
    res.redirect(`/plans/${plan.id}`);
  });
}
