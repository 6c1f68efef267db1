import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Config } from '../config.js';
import { type ApiRegistry } from './registry.js';
import { buildOpenApi } from './openapi.js';
import { loadUser, setActor } from '../middleware/auth.js';
import { findUserIdByToken, isWellFormedToken } from '../features/account/tokens.js';
import { hasRole } from '../lib/roles.js';
import { AppError, ForbiddenError, NotFoundError, PayloadTooLargeError, UnauthorizedError, ValidationError } from '../lib/errors.js';
import { issuesToDetails } from '../lib/validation.js';

/** Bearer personal access tokens; a malformed, unknown or revoked token is a 401. */
function bearerAuth(db: Kysely<Database>) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (!header) return next(new UnauthorizedError('Send a personal access token: Authorization: Bearer <token>'));
    const match = /^Bearer (.+)$/i.exec(header.trim());
    if (!match || !isWellFormedToken(match[1])) return next(new UnauthorizedError('The Authorization header is not a valid bearer token'));
    const userId = await findUserIdByToken(db, match[1]);
    const user = userId ? await loadUser(db, userId) : undefined;
    if (!user) return next(new UnauthorizedError('The token is unknown or has been revoked'));
    setActor(req, user, 'API');
    req.apiToken = true;
    next();
  };
}

export function apiErrorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, details: err.details } };
}

/** Map any thrown error to the API's one error shape. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; code?: string; status?: number; message?: string; field?: string };
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeError();
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'bad-request', 'The request body is not valid JSON');
  if (e?.code === 'LIMIT_UNEXPECTED_FILE') return new AppError(400, 'bad-request', `Unexpected file field "${e.field}"`, [{ path: e.field ?? 'file', message: 'Unexpected file field' }]);
  if (e?.status === 400 || e?.status === 413) return new AppError(e.status, e.status === 413 ? 'payload-too-large' : 'bad-request', e.message ?? 'Bad request');
  return new AppError(500, 'internal-error', 'Something went wrong on our side');
}

export function buildApiRouter(registry: ApiRegistry, db: Kysely<Database>, config: Config): express.Router {
  const router = express.Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.uploadLimitBytes, files: 1 } });

  router.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApi(registry, config.version));
  });
  router.use(express.json({ limit: config.bodyLimit }));
  router.use(bearerAuth(db));

  for (const route of registry.routes) {
    const handlers: express.RequestHandler[] = [];
    const minimum = route.role ?? (route.method === 'get' ? 'viewer' : 'editor');
    handlers.push((req, _res, next) => (req.user && hasRole(req.user.role, minimum) ? next() : next(new ForbiddenError())));
    if (route.multipart) handlers.push(upload.single(route.multipart.fileField));
    handlers.push(async (req, res) => {
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
        if (!parsed.success) throw new ValidationError(issuesToDetails(parsed.error.issues), 'There is a problem with the query', 400);
        query = parsed.data;
      }
      const result = await route.handler({
        req,
        res,
        body,
        query,
        params: req.params as Record<string, string>,
        user: req.user!,
        actor: req.actor!,
      });
      if (res.headersSent) return;
      res.status(route.status ?? 200).json(result);
    });
    router[route.method](route.path, ...handlers);
  }

  router.use((_req, _res, next) => next(new NotFoundError('No such API endpoint or record')));
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err);
    // The request's one log line (src/observability/http.ts) carries the error and its stack.
    if (appError.status >= 500) res.err = err instanceof Error ? err : new Error(String(err));
    res.status(appError.status).json(apiErrorBody(appError));
  });
  return router;
}
