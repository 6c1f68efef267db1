import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { composeDateInputs } from '../lib/date-input.js';

/**
 * Synchroniser-token CSRF protection for every form (on in tests too). The token travels as the hidden
 * `_csrf` field (or the `x-csrf-token` header), never in the address: a token in a URL ends up in the
 * address bar, browser history and server logs.
 *
 * A multipart form (a file upload) cannot be read before its upload is parsed, so its routes take the
 * form through `multipartForm()` below, which parses it and then checks the token from the hidden
 * field. Only routes built that way skip the check here: a multipart POST to any other route is
 * checked like any form (and fails, its body being unread).
 */
const { csrfSynchronisedProtection, generateToken, isRequestValid, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const header = req.headers['x-csrf-token'];
    return typeof header === 'string' ? header : undefined;
  },
});

export const exposeCsrfToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = generateToken(req);
  next();
};

const MULTIPART_FORM = Symbol('multipart form');

const isMultipart = (req: Request) => (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

/**
 * The CSRF check for every request. `isUploadRoute` says whether a POST goes to a route built with
 * `multipartForm()` (which checks the token itself once the form is parsed).
 */
export function csrfProtection(isUploadRoute: (req: Request) => boolean): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST' && isMultipart(req) && isUploadRoute(req)) return next();
    csrfSynchronisedProtection(req, res, next);
  };
}

/**
 * Read a multipart form with the given multer middleware, then check its CSRF token (the hidden
 * `_csrf` field, first in the form so it is read even when a file is refused part-way). A wrong or
 * missing token is the "form expired" page (403); an upload problem is left in `req.uploadError` for
 * the route to show on its form.
 */
export function multipartForm(upload: RequestHandler): RequestHandler {
  const handler = (req: Request, res: Response, next: NextFunction) => {
    upload(req, res, (err?: unknown) => {
      if (err) req.uploadError = err as Request['uploadError'];
      if (!isRequestValid(req)) return next(invalidCsrfTokenError);
      // Dates in the form arrive as day, month and year boxes, as in any other form (ADR 0870).
      if (req.body && typeof req.body === 'object') req.body = composeDateInputs(req.body as Record<string, unknown>);
      next();
    });
  };
  return Object.assign(handler, { [MULTIPART_FORM]: true });
}

interface RouteLayer {
  route?: { methods: Record<string, boolean>; stack: { handle: unknown }[] };
  match(path: string): boolean;
}

/** The routes of `router` built with `multipartForm()`, as a test of a request. */
export function uploadRoutesOf(router: { stack: unknown[] }): (req: Request) => boolean {
  const layers = (router.stack as RouteLayer[]).filter((l) => l.route?.methods.post && l.route.stack.some((s) => (s.handle as Record<symbol, unknown>)[MULTIPART_FORM]));
  return (req) => layers.some((l) => l.match(req.path));
}
