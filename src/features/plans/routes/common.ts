import type { Request, RequestHandler, Router } from 'express';
import type { Services } from '../../../container.js';
import type { Executor } from '../../audit/audit.js';
import { getOwned } from '../../audit/audit.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { todayInLondon } from '../../../lib/dates.js';
import { assertCanWorkOnAction } from '../service.js';

/** What every plans route module is given, and registers its routes on. */
export interface PlansRouteContext {
  router: Router;
  services: Services;
  db: Services['db'];
  editor: RequestHandler;
  contributor: RequestHandler;
  today: () => string;
}

export function routeContext(router: Router, services: Services): PlansRouteContext {
  return {
    router,
    services,
    db: services.db,
    editor: requireRole('editor'),
    contributor: requireRole('contributor'),
    today: () => todayInLondon(services.now()),
  };
}

/** A query-string value, trimmed; undefined when absent or blank. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** The action the path names, for its owner or an editor only (the page then says which role to ask for). */
export async function actionToWorkOn(db: Executor, req: Request) {
  const { user } = signedIn(req);
  const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
  assertCanWorkOnAction(user, action, 'contributor');
  return action;
}

/** The milestone the path names and its action, for the action's owner or an editor only. */
export async function milestoneToWorkOn(db: Executor, req: Request) {
  const { user } = signedIn(req);
  const milestone = await getOwned(db, user.organisationId, 'milestones', String(req.params.id));
  const action = await getOwned(db, user.organisationId, 'actions', milestone.actionId);
  assertCanWorkOnAction(user, action, 'contributor');
  return { milestone, action };
}
