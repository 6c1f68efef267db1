import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';

/**
 * Synchroniser-token CSRF protection for every form (on in tests too). Multipart forms cannot be read
 * before the upload is parsed, so they carry the token in the action URL's `_csrf` query instead.
 */
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const fromQuery = req.query?._csrf;
    if (typeof fromQuery === 'string') return fromQuery;
    const header = req.headers['x-csrf-token'];
    return typeof header === 'string' ? header : undefined;
  },
});

export const exposeCsrfToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = generateToken(req);
  next();
};

export const csrfProtection: RequestHandler = csrfSynchronisedProtection;
