import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { signedIn } from '../../middleware/auth.js';
import { historyRoutes } from '../audit/history-routes.js';
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

  historyRoutes(router, services);
}

export const homeFeature: Feature = { name: 'home', web: routes };
