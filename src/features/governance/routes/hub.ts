import type { Router } from 'express';
import type { Services } from '../../../container.js';
import { signedIn } from '../../../middleware/auth.js';
import { hasRole } from '../../../lib/roles.js';
import { todayInLondon } from '../../../lib/dates.js';
import { LABELS } from '../labels.js';
import * as svc from '../service.js';
import { T } from './form.js';
import { editsGovernance } from './common.js';

/** The governance home page: bodies, the next and last meetings, and what is open or overdue. */
export function hubRoutes(router: Router, services: Services): void {
  const { db } = services;
  router.get('/governance', async (req, res) => {
    const { user } = signedIn(req);
    const [bodies, meetings, openItems, outstanding, forward] = await Promise.all([
      svc.listBodies(db, user.organisationId),
      svc.listMeetings(db, user.organisationId),
      svc.listActionItems(db, user.organisationId, {}),
      svc.listRequests(db, user.organisationId, { outstanding: true }),
      svc.listForwardPlan(db, user.organisationId),
    ]);
    const t = todayInLondon(services.now());
    res.render(`${T}index.njk`, {
      title: 'Boards and scrutiny',
      bodies,
      upcoming: meetings
        .filter((m) => m.meetingDate >= t)
        .reverse()
        .slice(0, 10),
      recent: meetings.filter((m) => m.meetingDate < t).slice(0, 10),
      openItemCount: openItems.filter((i) => i.status !== 'closed').length,
      overdueItemCount: openItems.filter((i) => i.status !== 'closed' && i.dueDate < t).length,
      outstandingCount: outstanding.length,
      overdueReports: forward.filter((f) => f.dueDate < t).length,
      labels: LABELS,
      canEdit: editsGovernance(req),
      isAdmin: hasRole(user.role, 'admin'),
    });
  });
}
