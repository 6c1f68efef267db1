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
    // Each feature's cards are independent reads: ask for them together, show them in the features' order.
    const [cards, council] = await Promise.all([
      Promise.all(features.map((feature) => feature.homeCards?.(services, user) ?? [])).then((c) => c.flat()),
      councilHome(services, user),
    ]);
    res.render('home/views/home.njk', { title: 'Overview', cards, ...council });
  });

  historyRoutes(router, services);
}

export const homeFeature: Feature = { name: 'home', web: routes };
