import { signedIn } from '../../../middleware/auth.js';
import { AppError } from '../../../lib/errors.js';
import { getOwned } from '../../audit/audit.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { acceptRebaseline } from '../service.js';
import type { PlansRouteContext } from './common.js';

/** An editor accepts a moved due date: the evidence RAG counts from it from now on. */
export function rebaselineRoutes({ router, db, editor, today }: PlansRouteContext): void {
  router.post('/rebaselines/:id/accept', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const move = await getOwned(db, user.organisationId, 'rebaselines', String(req.params.id));
    try {
      await acceptRebaseline(db, actor, move.id, today());
      req.session.flash = {
        text: `The due date of ${formatGovukDate(move.toDate)} is accepted: the evidence RAG now counts from it.`,
      };
    } catch (err) {
      // A button, not a form: a move already accepted (409) is said in a banner on the action page.
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      req.session.flash = { type: 'info', text: err.message };
    }
    res.redirect(`/actions/${move.actionId}#rebaselining`);
  });
}
