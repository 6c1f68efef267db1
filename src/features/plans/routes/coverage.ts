import type { Request, Response } from 'express';
import { signedIn } from '../../../middleware/auth.js';
import { requireVersion, toFormErrors, type FormErrors } from '../../../lib/validation.js';
import { formFailure } from '../../../lib/forms/failure.js';
import { NotFoundError } from '../../../lib/errors.js';
import { getOwned } from '../../audit/audit.js';
import { planCoverage } from '../coverage.js';
import { saveFindingReason } from '../service.js';
import type { PlansRouteContext } from './common.js';

/** Why a finding of the plan's inspections has no action (so the plan can be ready to submit without one). */
export function coverageRoutes({ router, db, editor }: PlansRouteContext): void {
  const findingOfPlan = async (req: Request) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const finding = (await planCoverage(db, user.organisationId, plan.id)).find(
      (f) => f.id === String(req.params.findingId),
    );
    if (!finding) throw new NotFoundError();
    return { plan, finding };
  };
  const reasonPage = (
    res: Response,
    opts: Awaited<ReturnType<typeof findingOfPlan>> & { values: unknown; errors?: FormErrors; status?: number },
  ) =>
    res.status(opts.status ?? 200).render('plans/views/coverage-reason.njk', {
      title: 'Record why this finding has no action',
      plan: opts.plan,
      finding: opts.finding,
      values: opts.values,
      errors: opts.errors,
    });

  router.get('/plans/:id/coverage/:findingId', editor, async (req, res) => {
    const { plan, finding } = await findingOfPlan(req);
    reasonPage(res, { plan, finding, values: { reason: finding.reason ?? '' } });
  });
  router.post('/plans/:id/coverage/:findingId', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const { plan, finding } = await findingOfPlan(req);
    const reason = String(req.body?.reason ?? '').trim();
    if (reason.length > 2000) {
      const errors = toFormErrors([{ path: 'reason', message: 'Reason must be 2000 characters or fewer' }]);
      return reasonPage(res, { plan, finding, values: req.body, errors, status: 400 });
    }
    try {
      await saveFindingReason(db, actor, plan.id, finding.id, reason, requireVersion(req.body?.version, 0));
    } catch (err) {
      const failure = formFailure(err, { field: 'reason' });
      // Only a stale reason is shown on the form; anything else goes to the error pages as before.
      if (failure.status !== 409) throw err;
      return reasonPage(res, { plan, finding, values: req.body, errors: toFormErrors(failure.details), status: 409 });
    }
    req.session.flash = { text: reason ? 'The reason has been recorded.' : 'The reason has been removed.' };
    res.redirect(`/plans/${plan.id}#coverage`);
  });
}
