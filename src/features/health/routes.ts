import { Router, type RequestHandler } from 'express';
import type { Services } from '../../container.js';
import { migrations } from '../../db/migrations/index.js';
import { ServiceUnavailableError } from '../../lib/errors.js';
import { STORAGE_UNAVAILABLE } from '../../api/router.js';

/**
 * `/health` (liveness, and storage: 503 with the reason while the database cannot be read or written)
 * and `/health/ready` (readiness: the database takes a write and every migration is applied). Both
 * answer within a second: each check has its own time limit.
 */
export function healthRoutes(services: Services): Router {
  const router = Router();
  const { config, storage } = services;
  const base = () => ({ database: services.engine, version: config.version });

  router.get('/health', async (_req, res) => {
    const state = await storage.check();
    if (state.ok) return res.json({ status: 'ok', ...base() });
    res.setHeader('Retry-After', '30');
    res.status(503).json({ status: 'unavailable', reason: state.reason, since: state.since?.toISOString(), ...base() });
  });

  router.get('/health/ready', async (_req, res) => {
    const { ok, checks } = await storage.readiness(Object.keys(migrations));
    if (!ok) res.setHeader('Retry-After', '30');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not-ready', checks, ...base() });
  });
  return router;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * While storage is faulty, a write is refused with a clear 503 (a page, or JSON under /api) before it
 * touches the database, so nothing is half-saved and a broken embedded database is not made worse.
 * Each refused write looks again first (at most every half second), so service resumes by itself.
 */
export function refuseWritesDuringStorageFault(services: Services): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method) || services.storage.state.ok) return next();
    services.storage
      .check()
      .then(
        (state) =>
          state.ok ? next() : next(new ServiceUnavailableError(STORAGE_UNAVAILABLE, 30, 'storage-unavailable')),
        next,
      );
  };
}
