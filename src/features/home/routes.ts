import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { signedIn } from '../../middleware/auth.js';
import { loadHistory } from '../audit/audit.js';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { hasRole } from '../../lib/roles.js';
import { historyReadRole } from '../../lib/history-read-rules.js';
import { features } from '../index.js';
import { councilHome } from '../council/home.js';

function routes(router: Router, services: Services) {
  router.get('/', async (req, res) => {
    const { user } = signedIn(req);
    const cards = [];
    for (const feature of features) {
      if (feature.homeCards) cards.push(...(await feature.homeCards(services, user)));
    }
    res.render('home/views/home.njk', { title: 'Overview', cards, ...(await councilHome(services, user)) });
  });

  // One history page for any audited record; scoped to the user's organisation, so another
  // organisation's record (or a made-up id) is simply not found. The record's own read rule applies:
  // someone who may not open the record may not read its history either.
  router.get('/history/:entityType/:id', async (req, res) => {
    const { user } = signedIn(req);
    if (!hasRole(user.role, historyReadRole(String(req.params.entityType)))) throw new ForbiddenError();
    const entries = await loadHistory(services.db, user.organisationId, String(req.params.entityType), String(req.params.id));
    if (!entries.length) throw new NotFoundError();
    res.render('home/views/history.njk', { title: 'History of changes', entries, back: req.get('referer') });
  });
}

export const homeFeature: Feature = { name: 'home', web: routes };
