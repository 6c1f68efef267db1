import type { Feature, HomeCard } from '../feature.js';
import type { Services } from '../../container.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { indicatorHealth } from './scorecard.js';
import { indicatorsApi } from './api.js';
import { libraryRoutes } from './routes/library-routes.js';
import { entryRoutes } from './routes/entry-routes.js';
import { importRoutes } from './routes/import-routes.js';
import { detailRoutes } from './routes/detail-routes.js';
import { valueRoutes } from './routes/value-routes.js';

// In this order: /indicators/new, /entry and /import come before /indicators/:id, which would take them.
const ROUTE_MODULES = [libraryRoutes, entryRoutes, importRoutes, detailRoutes, valueRoutes];

async function performanceCards(services: Services, user: CurrentUser): Promise<HomeCard[]> {
  const rows = await indicatorHealth(services.db, user.organisationId, services.now());
  if (!rows.length) return [];
  // An out-of-date indicator is counted as out of date, never by the colour of its old value (issue 15).
  const stale = rows.filter((r) => r.status.currency.state === 'out-of-date').length;
  const red = rows.filter((r) => r.status.rag === 'red' && r.status.currency.state === 'current').length;
  return [
    {
      title: 'Performance indicators',
      href: '/indicators',
      value: `${red} red`,
      text: `of ${rows.length} indicators; ${stale} out of date; ${rows.filter((r) => r.flags.length).length} with data-quality flags`,
    },
  ];
}

export const indicatorsFeature: Feature = {
  name: 'indicators',
  nav: [{ text: 'Performance', href: '/indicators' }],
  web: (router, services) => ROUTE_MODULES.forEach((register) => register(router, services)),
  api: indicatorsApi,
  homeCards: performanceCards,
};
