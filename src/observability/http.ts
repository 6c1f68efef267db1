import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { logger } from './logger.js';
import { httpRequestDuration, importDuration, importKind, outcomeOf } from './metrics.js';

const STATIC_PREFIX = /^\/(assets|public|stylesheets|javascripts)\//;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The route pattern that answered ("/plans/:id"), never the URL itself: ids in URLs would make a metric
 * label per record and put identifiers in logs. Requests answered before any route (static files, the sign-in redirect, 404s) are "static" or "unrouted".
 */
export function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route?.path !== undefined) return `${req.baseUrl}${String(route.path)}`;
  const path = (req.originalUrl ?? req.url).split('?')[0];
  return STATIC_PREFIX.test(path) ? 'static' : 'unrouted';
}

/** A well-formed X-Request-Id from the proxy is kept (so one id follows a request through); else a new one. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

function summary(req: IncomingMessage, res: ServerResponse, durationMs: number) {
  const r = req as Request;
  return {
    method: r.method,
    path: (r.originalUrl ?? r.url).split('?')[0],
    route: routeLabel(r),
    status: res.statusCode,
    durationMs,
    userId: r.user?.id,
  };
}

const requestLog = pinoHttp({
  logger,
  genReqId: requestId,
  quietReqLogger: true,
  quietResLogger: true,
  customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  // One line per request with exactly these fields: no headers, cookies, query strings or bodies.
  customSuccessObject: (req, res, val: { responseTime: number }) => summary(req, res, val.responseTime),
  customErrorObject: (req, res, err, val: { responseTime: number }) => ({
    ...summary(req, res, val.responseTime),
    err,
  }),
  customSuccessMessage: (req, res) => `${req.method} ${routeLabel(req as Request)} ${res.statusCode}`,
  customErrorMessage: (req, res) => `${req.method} ${routeLabel(req as Request)} ${res.statusCode}`,
  autoLogging: { ignore: (req) => req.url === '/metrics' },
});

/** Request log line and request metrics for everything the app answers. Mount first. */
export function observeRequests(): RequestHandler {
  return (req, res, next) => {
    requestLog(req, res);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req);
      httpRequestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const kind = importKind(req.method, route);
      if (kind) importDuration.observe({ kind, outcome: outcomeOf(res.statusCode) }, seconds);
    });
    next();
  };
}
