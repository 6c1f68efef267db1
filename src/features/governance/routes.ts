import type { Feature } from '../feature.js';
import { todayInLondon } from '../../lib/dates.js';
import * as svc from './service.js';
import { governanceApi } from './api/index.js';
import { governanceRoutes } from './routes/index.js';

export const governanceFeature: Feature = {
  name: 'governance',
  nav: [{ text: 'Governance', href: '/governance' }],
  web: governanceRoutes,
  api: governanceApi,
  async homeCards(services, user) {
    const t = todayInLondon(services.now());
    const requests = await svc.listRequests(services.db, user.organisationId, { outstanding: true });
    const items = (await svc.listActionItems(services.db, user.organisationId, {})).filter(
      (i) => i.status !== 'closed',
    );
    const overdue = items.filter((i) => i.dueDate < t).length;
    // Say whose items these are: every board's and committee's, counted by body, and how many are the reader's.
    const bodies = await svc.bodyNames(services.db, user.organisationId);
    const byBody = new Map<string, number>();
    for (const i of items)
      byBody.set(bodies.get(i.bodyId) ?? 'Another body', (byBody.get(bodies.get(i.bodyId) ?? 'Another body') ?? 0) + 1);
    const mine = items.filter((i) => i.ownerId === user.id).length;
    const whose = [...byBody.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, n]) => `${n} ${name}`)
      .join(', ');
    const parts = [
      whose && `All boards and committees: ${whose}`,
      `${mine} yours`,
      overdue ? `${overdue} overdue` : '',
    ].filter(Boolean);
    return [
      { title: 'Outstanding information requests', href: '/governance/requests', value: requests.length },
      {
        title: 'Open action-sheet items',
        href: '/governance/action-items',
        value: items.length,
        text: `${parts.join('; ')}.`,
      },
    ];
  },
};
