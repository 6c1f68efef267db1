import { signedIn } from '../../../middleware/auth.js';
import { sortRows, type ActionRow } from '../overview.js';
import { liveVersions, openMilestones } from '../queries.js';
import { refreshRag } from '../service.js';
import { str, type PlansRouteContext } from './common.js';

/** The signed-in person's actions across the version in force of every plan. */
export function myActionsRoutes({ router, db, today }: PlansRouteContext): void {
  router.get('/my-actions', async (req, res) => {
    const { user } = signedIn(req);
    const states = await refreshRag(db, user.organisationId, { ownerId: user.id }, today());
    const { plans, live } = await liveVersions(db, user.organisationId);
    const planTitle = new Map(plans.map((p) => [p.id, `${p.title} (version ${p.planVersion})`]));
    const rows = states
      .filter((st) => live.has(st.planId))
      .map((st) => ({
        ...st,
        ownerName: user.displayName,
        themeName: null,
        movement: 'same',
        before: null,
        planTitle: planTitle.get(st.planId),
      })) as (ActionRow & { planTitle: string })[];
    const sort = str(req.query.sort) ?? 'due';
    res.render('plans/views/my-actions.njk', {
      title: 'My actions',
      rows: sortRows(rows, sort, str(req.query.order)),
      milestones: await openMilestones(
        db,
        rows.map((r) => r.actionId),
      ),
      sort,
      today: today(),
    });
  });
}
