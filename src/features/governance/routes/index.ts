import type { Router } from 'express';
import type { Services } from '../../../container.js';
import { actionItemRoutes } from './action-items.js';
import { agendaRoutes } from './agenda.js';
import { bodyRoutes } from './bodies.js';
import { decisionRoutes } from './decisions.js';
import { forwardPlanRoutes } from './forward-plan.js';
import { hubRoutes } from './hub.js';
import { meetingRoutes } from './meetings.js';
import { questionRoutes } from './questions.js';
import { requestRoutes } from './requests.js';
import { settingsRoutes } from './settings.js';

/** Every governance page, one module a resource. */
export function governanceRoutes(router: Router, services: Services): void {
  for (const register of [
    hubRoutes,
    bodyRoutes,
    meetingRoutes,
    agendaRoutes,
    questionRoutes,
    actionItemRoutes,
    requestRoutes,
    decisionRoutes,
    forwardPlanRoutes,
    settingsRoutes,
  ])
    register(router, services);
}
