import cluster from 'node:cluster';
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import client from 'prom-client';
import type { Services } from '../container.js';
import { metricsTokenMatches, observeDatabasePool, registry, startDefaultMetrics } from './metrics.js';

const REQUEST = 'waymark:metrics-request';
const RESPONSE = 'waymark:metrics-response';

interface MetricsMessage {
  type: string;
  id: string;
  body?: string;
  error?: string;
}

/**
 * In a worker, a scrape reaches whichever worker the kernel hands the connection to; that worker asks
 * the primary, which gathers and sums every worker's metrics (prom-client's AggregatorRegistry), so
 * one scrape always sees the whole server.
 */
function askPrimary(): Promise<string> {
  const id = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('The primary process did not answer for metrics within 5 s'));
    }, 5000);
    const onMessage = (message: MetricsMessage) => {
      if (message?.type !== RESPONSE || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.error) reject(new Error(message.error));
      else resolve(message.body ?? '');
    };
    process.on('message', onMessage);
    process.send!({ type: REQUEST, id });
  });
}

/** In the primary: answer workers' requests for the whole cluster's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new client.AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsMessage) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: RESPONSE, id: message.id, body }),
      (err: Error) => worker.send({ type: RESPONSE, id: message.id, error: err.message }),
    );
  });
}

/**
 * GET /metrics in Prometheus text format, for a scraper holding METRICS_TOKEN as a bearer token. With no
 * METRICS_TOKEN set there is no such page (404), so metrics are never public by accident.
 */
export function metricsEndpoint(services: Services): RequestHandler {
  const { config } = services;
  startDefaultMetrics();
  if (services.poolStats) observeDatabasePool(services.poolStats);
  // Makes this worker answer the primary's AggregatorRegistry (it listens once it exists).
  if (cluster.isWorker) new client.AggregatorRegistry();
  return async (req, res, next) => {
    if (!config.metricsToken) return next();
    if (!metricsTokenMatches(config.metricsToken, req.headers.authorization)) {
      res
        .set('WWW-Authenticate', 'Bearer realm="metrics"')
        .status(401)
        .type('text/plain')
        .send('Send METRICS_TOKEN as a bearer token.\n');
      return;
    }
    try {
      const body = cluster.isWorker && process.send ? await askPrimary() : await registry.metrics();
      res.set('Cache-Control', 'no-store').type(registry.contentType).send(body);
    } catch (err) {
      next(err);
    }
  };
}
