import type { Router } from 'express';
import type { Feature } from '../../feature.js';
import type { Services } from '../../../container.js';
import { todayInLondon } from '../../../lib/dates.js';
import { loadPlanControlNotes } from '../../council/control.js';
import { plansApi } from '../api.js';
import { homePlan } from '../queries.js';
import { computeActionRags } from '../status.js';
import { routeContext } from './common.js';
import { planRoutes } from './plans.js';
import { planPageRoutes } from './plan-page.js';
import { coverageRoutes } from './coverage.js';
import { actionRoutes } from './actions.js';
import { actionPageRoutes } from './action-page.js';
import { milestoneRoutes } from './milestones.js';
import { rebaselineRoutes } from './rebaselines.js';
import { updateRoutes } from './updates.js';
import { myActionsRoutes } from './my-actions.js';
import { spreadsheetRoutes } from './spreadsheet.js';

/** Every plans page, one module a resource; the order matters only where two paths could match (`/plans/new`). */
function routes(router: Router, services: Services): void {
  const ctx = routeContext(router, services);
  for (const register of [
    planRoutes,
    planPageRoutes,
    coverageRoutes,
    actionRoutes,
    actionPageRoutes,
    milestoneRoutes,
    rebaselineRoutes,
    updateRoutes,
    myActionsRoutes,
    spreadsheetRoutes,
  ])
    register(ctx);
}

export const plansFeature: Feature = {
  name: 'plans',
  nav: [
    { text: 'Plans', href: '/plans' },
    { text: 'My actions', href: '/my-actions', role: 'contributor' },
  ],
  web: routes,
  api: plansApi,
  async homeCards(services, user) {
    const plan = await homePlan(services.db, user.organisationId);
    if (!plan) return [];
    const states = await computeActionRags(
      services.db,
      user.organisationId,
      { planId: plan.id },
      todayInLondon(services.now()),
    );
    const red = states.filter((s) => s.evidenceRag === 'red').length;
    const challenged = states.filter((s) => s.challenged).length;
    const notes = await loadPlanControlNotes(services.db, user.organisationId, plan.id);
    const outside = states.filter(
      (s) => (s.evidenceRag === 'red' || s.evidenceRag === 'amber') && notes.has(s.actionId),
    ).length;
    return [
      {
        title: plan.title,
        href: `/plans/${plan.id}`,
        value: `${red} red`,
        text: `${states.length} actions; ${challenged} challenged; ${outside} red or amber outside our control`,
      },
    ];
  },
};
