import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { signedIn } from '../../middleware/auth.js';
import { findOwned, loadHistory } from '../audit/audit.js';
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
    const entityType = String(req.params.entityType);
    const id = String(req.params.id);
    if (!hasRole(user.role, historyReadRole(entityType))) throw new ForbiddenError();
    const entries = await loadHistory(services.db, user.organisationId, entityType, id);
    // Demo and imported records may have no changes yet: their history link still leads somewhere.
    if (!entries.length && !(await historyRecordExists(services, user.organisationId, entityType, id)))
      throw new NotFoundError();
    res.render('home/views/history.njk', { title: 'History of changes', entries, back: req.get('referer') });
  });
}

/** The records whose pages link to their history; anything else without history is not found. */
const HISTORY_TABLES = ['actions', 'milestones', 'indicators', 'users', 'plans', 'inspections', 'risks'] as const;

async function historyRecordExists(
  services: Services,
  organisationId: string,
  entityType: string,
  id: string,
): Promise<boolean> {
  if (entityType === 'organisations') return id === organisationId;
  const table = HISTORY_TABLES.find((t) => t === entityType);
  return table ? Boolean(await findOwned(services.db, organisationId, table, id)) : false;
}

export const homeFeature: Feature = { name: 'home', web: routes };
