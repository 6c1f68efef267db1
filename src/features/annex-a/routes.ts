import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { signedIn } from '../../middleware/auth.js';
import { hasRole } from '../../lib/roles.js';
import { formatGovukDate } from '../../lib/dates.js';
import { ANNEX_A_LISTS } from '../../lib/annex-a/spec.js';
import { CODE_LISTS } from '../../lib/annex-a/codes.js';
import { specificationModel } from './specification.js';
import { latestCommitted, listImports } from './service.js';
import { displayedIndicators, storedIndicators } from './display.js';
import { importRoutes } from './import-routes.js';
import { indicatorRoutes } from './indicator-routes.js';
import { annexAApi } from './api.js';
import type { ImportReport } from './tables.js';

function routes(router: Router, services: Services) {
  const { db } = services;

  router.get('/annex-a', async (req, res) => {
    const { user } = signedIn(req);
    const latest = await latestCommitted(db, user.organisationId);
    const imports = await listImports(db, user.organisationId);
    const indicators = displayedIndicators(latest);
    const unavailable = (latest?.report as ImportReport | null)?.unavailable ?? [];
    res.render('annex-a/views/index.njk', {
      title: 'Annex A child-level data',
      latest,
      indicators,
      unavailable,
      imports,
      canEdit: hasRole(user.role, 'editor'),
    });
  });

  router.get('/annex-a/specification', (_req, res) => {
    res.render('annex-a/views/specification.njk', {
      title: 'Annex A lists and columns',
      ...specificationModel(ANNEX_A_LISTS, CODE_LISTS),
    });
  });

  importRoutes(router, services);
  indicatorRoutes(router, services);
}

export const annexAFeature: Feature = {
  name: 'annex-a',
  nav: [{ text: 'Annex A', href: '/annex-a' }],
  web: routes,
  api: annexAApi,
  async homeCards(services, user) {
    const latest = await latestCommitted(services.db, user.organisationId);
    const unallocated = storedIndicators(latest).find((i) => i.key === 'annex-a-unallocated');
    return [
      {
        title: 'Unallocated cases (Annex A)',
        href: '/annex-a/indicators/annex-a-unallocated',
        value: unallocated?.value ?? undefined,
        text: latest ? `At ${formatGovukDate(latest.referenceDate)}` : 'No Annex A data yet',
      },
    ];
  },
};
