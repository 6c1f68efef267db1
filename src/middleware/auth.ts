import type { Kysely } from 'kysely';
import type { RequestHandler } from 'express';
import type { Database } from '../db/schema.js';
import type { Role } from '../db/foundation-tables.js';
import { hasRole } from '../lib/roles.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../lib/errors.js';

export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationSlug: string;
  organisationName: string;
}

export async function loadUser(db: Kysely<Database>, userId: string): Promise<CurrentUser | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([
      'users.id',
      'users.email',
      'users.displayName',
      'users.role',
      'users.organisationId',
      'users.active',
      'organisations.slug as organisationSlug',
      'organisations.name as organisationName',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.active) return undefined;
  const { active: _active, ...user } = row;
  return user;
}

export function setActor(req: Express.Request, user: CurrentUser, via?: string): void {
  req.user = user;
  req.actor = {
    organisationId: user.organisationId,
    userId: user.id,
    label: via ? `${user.displayName} (${via})` : user.displayName,
  };
}

/** Puts the signed-in user (if any) on the request and in every template. */
export function currentUser(db: Kysely<Database>): RequestHandler {
  return async (req, res, next) => {
    const userId = req.session?.userId;
    if (userId) {
      const user = await loadUser(db, userId);
      if (user) {
        setActor(req, user);
        res.locals.user = user;
      } else {
        delete req.session.userId;
      }
    }
    next();
  };
}

export const requireSignIn: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method === 'GET') req.session.returnTo = req.originalUrl;
  res.redirect('/sign-in');
};

export function requireRole(role: Role): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(new UnauthorizedError());
    if (!hasRole(req.user.role, role)) return next(new ForbiddenError(undefined, role));
    next();
  };
}

/** Narrow the request's user and actor for handlers that run behind requireSignIn. */
export function signedIn(req: Express.Request): { user: CurrentUser; actor: NonNullable<Express.Request['actor']> } {
  if (!req.user || !req.actor) throw new NotFoundError();
  return { user: req.user, actor: req.actor };
}
