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

export const isMultipart = (req: Request) =>
  (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

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

/** What receiving an upload gave: its limits, or why it was refused (src/features/uploads/receive.ts). */
export interface ReceivedUpload {
  limits?: unknown;
  refused?: { status: number; message: string };
}

/**
 * Read a multipart form with `receive` (which parses the upload within its limits), then check its
 * CSRF token: the hidden `_csrf` field, first in the form so it is read even when a file is refused
 * part-way. A wrong or missing token is the "form expired" page (403). An upload that was refused
 * (too large, too busy, malformed) is left in `req.upload.refused` for the route to show on its form:
 * the route then changes nothing, so its token need not be checked.
 */
export function multipartForm(receive: (req: Request, res: Response) => Promise<ReceivedUpload>): RequestHandler {
  const handler = (req: Request, res: Response, next: NextFunction) => {
    receive(req, res).then((result) => {
      req.upload = result;
      if (!result.refused && !isRequestValid(req)) return next(invalidCsrfTokenError);
      // Dates in the form arrive as day, month and year boxes, as in any other form (ADR 0870).
      if (req.body && typeof req.body === 'object') req.body = composeDateInputs(req.body as Record<string, unknown>);
      // Read only now, a multipart form is saved once however often it is sent (src/form-submissions).
      const sendOnce = req.app.locals.sendFormOnce as RequestHandler | undefined;
      if (sendOnce) return void sendOnce(req, res, next);
      next();
    }, next);
  };
  return Object.assign(handler, { [MULTIPART_FORM]: true });
}

interface RouteLayer {
  route?: { methods: Record<string, boolean>; stack: { handle: unknown }[] };
  match(path: string): boolean;
}

/** The routes of `router` built with `multipartForm()`, as a test of a request. */
export function uploadRoutesOf(router: { stack: unknown[] }): (req: Request) => boolean {
  const layers = (router.stack as RouteLayer[]).filter(
    (l) => l.route?.methods.post && l.route.stack.some((s) => (s.handle as Record<symbol, unknown>)[MULTIPART_FORM]),
  );
  return (req) => layers.some((l) => l.match(req.path));
}
