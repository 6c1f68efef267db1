import type { Request, RequestHandler, Router } from 'express';
import type { Services } from '../../../container.js';
import type { Executor } from '../../audit/audit.js';
import { getOwned } from '../../audit/audit.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { formatGovukDate, todayInLondon } from '../../../lib/dates.js';
import type { FailureOptions } from '../../../lib/forms/failure.js';
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

/**
 * Where the edit forms of an action and of a milestone show a refusal: a stale edit against the title; a
 * refused re-baselining (only an editor may move a due date on an approved plan) against the due date.
 */
export const DATED_EDIT_FAILURE: FailureOptions = { field: 'title', forbiddenOnForm: 'dueDate' };

/** What an action's or milestone's edit form says once saved: a later due date is a re-baselining (ADR 0860). */
export function savedFlash(name: string, history: string, dueDate: string, newDueDate: string): string {
  return newDueDate > dueDate
    ? `${name} has been re-baselined to ${formatGovukDate(newDueDate)}. The reason is recorded in ${history}.`
    : `${name} has been saved.`;
}
