import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { reportsApi } from './api.js';
import { composeRoutes } from './compose-routes.js';
import { issuedRoutes } from './issued-routes.js';

function routes(router: Router, services: Services) {
  // "/reports/new" before "/reports/:id", which would otherwise take it for a report id.
  composeRoutes(router, services);
  issuedRoutes(router, services);
}

export const reportsFeature: Feature = {
  name: 'reports',
  nav: [{ text: 'Reports', href: '/reports' }],
  web: routes,
  api: reportsApi,
};
