import express, { type NextFunction, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Config } from '../config.js';
import { type ApiRegistry } from './registry.js';
import { buildOpenApi } from './openapi.js';
import { loadUser, setActor } from '../middleware/auth.js';
import { findUserIdByToken, isWellFormedToken } from '../features/account/tokens.js';
import { hasRole } from '../lib/roles.js';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  retryAfterOf,
  ServiceUnavailableError,
  UnauthorizedError,
  ValidationError,
} from '../lib/errors.js';
import { classifyDatabaseError } from '../lib/database-errors.js';
import { issuesToDetails } from '../lib/validation.js';
import { acceptUpload } from '../features/uploads/receive.js';

/** Bearer personal access tokens; a malformed, unknown or revoked token is a 401. */
function bearerAuth(db: Kysely<Database>) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (!header) return next(new UnauthorizedError('Send a personal access token: Authorization: Bearer <token>'));
    const match = /^Bearer (.+)$/i.exec(header.trim());
    if (!match || !isWellFormedToken(match[1]))
      return next(new UnauthorizedError('The Authorization header is not a valid bearer token'));
    const userId = await findUserIdByToken(db, match[1]);
    const user = userId ? await loadUser(db, userId) : undefined;
    if (!user) return next(new UnauthorizedError('The token is unknown or has been revoked'));
    setActor(req, user, 'API');
    req.apiToken = true;
    next();
  };
}

/** Log what is our fault; tell the storage monitor about a storage fault so /health reports it at once. */
export function noteFault(req: Request, err: unknown, appError: AppError): void {
  if (appError.code === 'storage-unavailable')
    (req.app.locals.storage as { reportFault?: (e: unknown) => void } | undefined)?.reportFault?.(err);
  // The request's one log line (src/observability/http.ts) carries the error and its stack.
  else if (appError.status >= 500 && req.res) req.res.err = err instanceof Error ? err : new Error(String(err));
}

export function apiErrorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, details: err.details } };
}

export const STORAGE_UNAVAILABLE =
  'Waymark cannot save or read data at the moment (its database is unavailable). Nothing you sent has been saved. Try again in a minute.';

const MULTIPART_TOO_LARGE = new Set([
  'LIMIT_FILE_SIZE',
  'LIMIT_PART_COUNT',
  'LIMIT_FILE_COUNT',
  'LIMIT_FIELD_COUNT',
  'LIMIT_FIELD_VALUE',
  'LIMIT_FIELD_KEY',
]);

/** Map any thrown error to the API's one error shape. Input never gives a 5xx; a storage fault is a 503. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as {
    type?: string;
    code?: string;
    status?: number;
    expose?: boolean;
    message?: string;
    field?: string;
    name?: string;
  };
  if (
    e?.type === 'entity.too.large' ||
    (e?.name === 'MulterError' && MULTIPART_TOO_LARGE.has(e.code ?? '')) ||
    e?.code === 'LIMIT_FILE_SIZE'
  ) {
    return new PayloadTooLargeError(
      e?.code === 'LIMIT_FILE_SIZE' || e?.type === 'entity.too.large'
        ? undefined
        : 'The form has too many fields or parts, or one is too large',
    );
  }
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'bad-request', 'The request body is not valid JSON');
  if (e?.code === 'LIMIT_UNEXPECTED_FILE')
    return new AppError(400, 'bad-request', `Unexpected file field "${e.field}"`, [
      { path: e.field ?? 'file', message: 'Unexpected file field' },
    ]);
  // busboy's own messages for a body that is not well-formed multipart
  if (
    typeof e?.message === 'string' &&
    /^(Unexpected end of form|Malformed part header|Multipart: Boundary not found|Unsupported content type)/.test(
      e.message,
    )
  ) {
    return new AppError(400, 'bad-request', 'The upload is not a well-formed multipart form');
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError(
      e.status,
      e.status === 413 ? 'payload-too-large' : 'bad-request',
      e.expose !== false && e.message ? e.message : 'Bad request',
    );
  }
  switch (classifyDatabaseError(err)) {
    case 'input':
      return new BadRequestError(
        'A value sent is not in a form Waymark can use (an id, a date or a number, for example)',
      );
    case 'conflict':
      return new ConflictError(
        'That clashes with a record that already exists, or with a change made at the same moment: reload and try again',
      );
    case 'invalid':
      return new ValidationError([], 'A value sent refers to a record that does not exist, or is not allowed');
    case 'too-large':
      return new PayloadTooLargeError('A value sent is too large to store');
    case 'storage':
      return new ServiceUnavailableError(STORAGE_UNAVAILABLE, 30, 'storage-unavailable');
    default:
      return new AppError(500, 'internal-error', 'Something went wrong on our side');
  }
}

export function buildApiRouter(registry: ApiRegistry, db: Kysely<Database>, config: Config): express.Router {
  const router = express.Router();

  router.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApi(registry, config.version));
  });
  router.use(express.json({ limit: config.bodyLimit }));
  router.use(bearerAuth(db));

  for (const route of registry.routes) {
    const handlers: express.RequestHandler[] = [];
    const minimum = route.role ?? (route.method === 'get' ? 'viewer' : 'editor');
    handlers.push((req, _res, next) =>
      req.user && hasRole(req.user.role, minimum) ? next() : next(new ForbiddenError()),
    );
    if (route.multipart)
      handlers.push(acceptUpload(config, route.multipart.kind, { field: route.multipart.fileField }));
    handlers.push(async (req, res) => {
      const who = { req, params: req.params as Record<string, string>, user: req.user!, actor: req.actor! };
      // Before the body: another organisation's id is a 404 however wrong the body is (ApiRoute.load).
      const record = route.load ? await route.load(who) : undefined;
      let body: unknown = req.body;
      if (route.body) {
        const parsed = route.body.safeParse(req.body ?? {});
        if (!parsed.success) throw new ValidationError(issuesToDetails(parsed.error.issues));
        body = parsed.data;
      }
      if (route.multipart?.fields) {
        const parsed = route.multipart.fields.safeParse(req.body ?? {});
        if (!parsed.success) throw new ValidationError(issuesToDetails(parsed.error.issues));
        body = parsed.data;
      }
      let query: unknown = req.query;
      if (route.query) {
        const parsed = route.query.safeParse(req.query);
        if (!parsed.success)
          throw new ValidationError(issuesToDetails(parsed.error.issues), 'There is a problem with the query', 400);
        query = parsed.data;
      }
      const result = await route.handler({ ...who, res, body, query, record });
      if (res.headersSent) return;
      // A 204 route answers with no body: its handler only does the work.
      if (route.status === 204) res.status(204).end();
      else res.status(route.status ?? 200).json(result);
    });
    router[route.method](route.path, ...handlers);
  }

  router.use((_req, _res, next) => next(new NotFoundError('No such API endpoint or record')));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err);
    noteFault(req, err, appError);
    if (res.headersSent) return;
    const retryAfter = retryAfterOf(appError);
    if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
    res.status(appError.status).json(apiErrorBody(appError));
  });
  return router;
}
