import crypto from 'node:crypto';
import client from 'prom-client';

/**
 * Prometheus metrics. Everything is on prom-client's global registry so that, with several worker
 * processes (WEB_CONCURRENCY), the primary can gather and sum every worker's figures (see cluster.ts).
 */
export const registry = client.register;

let defaultsStarted = false;
/** Node's own metrics: CPU, memory, heap, GC and event-loop lag (nodejs_eventloop_lag_*). Once per process. */
export function startDefaultMetrics(): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
}

export const httpRequestDuration = new client.Histogram({
  name: 'waymark_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern (never the raw URL), method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const importDuration = new client.Histogram({
  name: 'waymark_import_duration_seconds',
  help: 'Time an upload or import took, by kind (annex-a, plans, indicators, inspections, national) and outcome',
  labelNames: ['kind', 'outcome'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120],
});

export const jobRuns = new client.Counter({
  name: 'waymark_job_runs_total',
  help: 'Scheduled job runs by job and outcome (done, failed, or skipped because another process had claimed it)',
  labelNames: ['job', 'outcome'] as const,
});

export const jobDuration = new client.Histogram({
  name: 'waymark_job_duration_seconds',
  help: 'Time a scheduled job took when this process ran it',
  labelNames: ['job'] as const,
  buckets: [0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
});

export interface PoolStats {
  /** Connections open, idle in the pool, and queries waiting for a connection. */
  total: number;
  idle: number;
  waiting: number;
}

let poolSource: (() => PoolStats | undefined) | undefined;
/** The database handle whose pool the gauge reports (the last one opened in this process). */
export function observeDatabasePool(source: () => PoolStats | undefined): void {
  poolSource = source;
}

new client.Gauge({
  name: 'waymark_db_pool_connections',
  help: 'Database connections by state: total open, idle, and waiting (queries queued for a connection)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const stats = poolSource?.();
    if (!stats) return;
    this.set({ state: 'total' }, stats.total);
    this.set({ state: 'idle' }, stats.idle);
    this.set({ state: 'waiting' }, stats.waiting);
  },
});

/** Time an import run outside HTTP (the command line); HTTP imports are timed by their route. */
export async function timeImport<T>(kind: string, run: () => Promise<T>): Promise<T> {
  const end = importDuration.startTimer({ kind });
  try {
    const result = await run();
    end({ outcome: 'ok' });
    return result;
  } catch (err) {
    end({ outcome: 'failed' });
    throw err;
  }
}

/**
 * The import kind of a request, if it is one: a POST to a route whose pattern names an import
 * ("/plans/:id/import", "/api/v1/annex-a/imports"). Matching the pattern keeps new import routes
 * counted without each feature remembering to time itself.
 */
export function importKind(method: string, route: string): string | undefined {
  if (method !== 'POST' || !/\/imports?(\/|$)|\/import-/.test(route)) return undefined;
  const first = route
    .replace(/^\/api\/v1/, '')
    .split('/')
    .find(Boolean);
  return first && !first.startsWith(':') ? first : undefined;
}

export function outcomeOf(status: number): 'ok' | 'rejected' | 'failed' {
  return status >= 500 ? 'failed' : status >= 400 ? 'rejected' : 'ok';
}

/** METRICS_TOKEN compared in constant time (hashes first, so lengths need not match). */
export function metricsTokenMatches(expected: string, header: string | undefined): boolean {
  const match = /^Bearer (.+)$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(match[1]), digest(expected));
}
