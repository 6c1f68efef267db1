import type { Request, Response } from 'express';
import { signedIn } from '../../../middleware/auth.js';
import { parseForm, type FormErrors } from '../../../lib/validation.js';
import { submitForm } from '../../../lib/forms/submit.js';
import { getOwned } from '../../audit/audit.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { hasRole } from '../../../lib/roles.js';
import { awaitsAcceptance } from '../../../lib/rebaseline.js';
import * as s from '../schemas.js';
import { completeMilestone, createMilestone, updateMilestone } from '../service.js';
import { actionToWorkOn, DATED_EDIT_FAILURE, milestoneToWorkOn, savedFlash, type PlansRouteContext } from './common.js';

type MilestonePageAction = {
  id: string;
  reference: string;
  title: string;
  startDate: string;
  dueDate: string;
  planId: string;
};

/** Adding, changing and completing an action's milestones (the action's owner or an editor). */
export function milestoneRoutes({ router, db, contributor, today }: PlansRouteContext): void {
  const milestonePage = async (
    req: Request,
    res: Response,
    opts: {
      action: MilestonePageAction;
      milestone?: { id: string; dueDate: string; originalDueDate: string | null; agreedDueDate: string | null };
      values: Record<string, unknown>;
      errors?: unknown;
      status?: number;
    },
  ) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', opts.action.planId);
    const isEditor = hasRole(user.role, 'editor');
    res.status(opts.status ?? 200).render('plans/views/milestone-form.njk', {
      title: opts.milestone ? 'Change a milestone' : 'Add a milestone',
      ...opts,
      isEditor,
      // On an approved plan only an editor may move a due date later (ADR 0860): others see it as text.
      canMoveDate: !opts.milestone || isEditor || plan.status !== 'approved',
      pending: opts.milestone ? awaitsAcceptance(opts.milestone) : false,
    });
  };

  router.get('/actions/:id/milestones/new', contributor, async (req, res) => {
    const action = await actionToWorkOn(db, req);
    await milestonePage(req, res, { action, values: {} });
  });
  router.post('/actions/:id/milestones/new', contributor, async (req, res) => {
    const { actor } = signedIn(req);
    const action = await actionToWorkOn(db, req);
    await submitForm(req, res, {
      parse: () => parseForm(s.milestoneForm, req.body),
      save: (input) => createMilestone(db, actor, action.id, input, today()),
      done: (m) => ({ flash: `Milestone “${m.title}” has been added.`, redirect: `/actions/${action.id}#milestones` }),
      render: (status, errors) => milestonePage(req, res, { action, values: req.body, errors, status }),
      failure: { field: 'title' },
    });
  });

  router.get('/milestones/:id/edit', contributor, async (req, res) => {
    const { milestone, action } = await milestoneToWorkOn(db, req);
    // Completing is its own confirmed step: the edit form never fills in a completed date.
    if (req.query.complete === 'yes') return res.redirect(`/milestones/${milestone.id}/complete`);
    await milestonePage(req, res, { action, milestone, values: { ...milestone, rebaselineReason: '' } });
  });
  router.post('/milestones/:id/edit', contributor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const { milestone, action } = await milestoneToWorkOn(db, req);
    await submitForm(req, res, {
      parse: () => parseForm(s.milestoneEditForm, req.body),
      save: async ({ version, rebaselineReason, acceptRebaseline, ...input }) => {
        const rb = { isEditor: hasRole(user.role, 'editor'), rebaselineReason, acceptRebaseline };
        await updateMilestone(db, actor, milestone.id, input, version, today(), rb);
        return input;
      },
      done: (input) => ({
        flash: savedFlash(`Milestone “${input.title}”`, 'the action’s history', milestone.dueDate, input.dueDate),
        redirect: `/actions/${action.id}#milestones`,
      }),
      render: (status, errors) => milestonePage(req, res, { action, milestone, values: req.body, errors, status }),
      failure: DATED_EDIT_FAILURE,
    });
  });

  const completePage = (
    res: Response,
    opts: {
      milestone: { id: string; title: string; dueDate: string; completedDate: string | null };
      action: { id: string; reference: string; title: string };
      values: Record<string, unknown>;
      errors?: FormErrors;
      status?: number;
    },
  ) =>
    res
      .status(opts.status ?? 200)
      .render('plans/views/milestone-complete.njk', { title: `Mark “${opts.milestone.title}” as complete`, ...opts });
  router.get('/milestones/:id/complete', contributor, async (req, res) => {
    const { milestone, action } = await milestoneToWorkOn(db, req);
    if (milestone.completedDate) {
      req.session.flash = {
        type: 'info',
        text: `“${milestone.title}” was marked complete on ${formatGovukDate(milestone.completedDate)}.`,
      };
      return res.redirect(`/actions/${action.id}#milestones`);
    }
    completePage(res, { milestone, action, values: { version: milestone.version } });
  });
  router.post('/milestones/:id/complete', contributor, async (req, res) => {
    const { actor } = signedIn(req);
    const { milestone, action } = await milestoneToWorkOn(db, req);
    await submitForm(req, res, {
      parse: () => parseForm(s.completeForm, req.body),
      save: async ({ version, ...input }) => {
        await completeMilestone(db, actor, milestone.id, input, version, today());
        return input;
      },
      done: (input) => ({
        flash: `Milestone “${milestone.title}” is marked complete on ${formatGovukDate(input.completedDate)}.`,
        redirect: `/actions/${action.id}#milestones`,
      }),
      render: (status, errors) => completePage(res, { milestone, action, values: req.body, errors, status }),
      failure: { field: 'completedDate' },
    });
  });
}
