import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';
import { createServices } from '../container.js';
import { seedDemoIfEmpty } from '../db/seeds/demo.js';
import { logger } from '../observability/logger.js';
import { serveClusterMetrics } from '../observability/metrics-endpoint.js';

/** WEB_CONCURRENCY > 1 needs PostgreSQL: the embedded database belongs to exactly one process. */
export function concurrencyProblem(config: Config): string | undefined {
  if (config.webConcurrency > 1 && !config.databaseUrl) {
    return (
      `WEB_CONCURRENCY=${config.webConcurrency} needs PostgreSQL: the embedded database can be opened by one process only. ` +
      'Set DATABASE_URL (see "Running in production" in the README), or leave WEB_CONCURRENCY unset to run one process.'
    );
  }
  return undefined;
}

/**
 * The primary of WEB_CONCURRENCY worker processes (PostgreSQL only): it migrates and seeds once, forks
 * the workers (which share the port; the primary hands out connections in turn), restarts a worker
 * that dies, answers /metrics for all of them, and on SIGTERM passes the signal on and waits for
 * every worker to finish its requests.
 */
export async function runPrimary(config: Config): Promise<void> {
  const services = await createServices(config);
  try {
    if (config.seedDemo && (await seedDemoIfEmpty(services)))
      logger.info('Seeded the fictional demo council (organisation "demo")');
  } finally {
    await services.close();
  }
  serveClusterMetrics();

  let stopping = false;
  let restartsInARow = 0;
  const listening = new WeakSet<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    logger.info({ workerPid: worker.process.pid }, 'Worker process started');
    worker.once('listening', () => {
      listening.add(worker);
      restartsInARow = 0;
    });
  };
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    restartsInARow++;
    const delay = Math.min(30_000, 500 * 2 ** Math.min(restartsInARow, 6));
    logger.error(
      { workerPid: worker.process.pid, code, signal, restartInMs: delay },
      'A worker process stopped unexpectedly: starting another',
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, delay).unref();
  });
  for (let i = 0; i < config.webConcurrency; i++) fork();
  logger.info(
    { workers: config.webConcurrency, port: config.port },
    `Waymark primary started ${config.webConcurrency} worker processes`,
  );

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down: asking every worker to finish its requests');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    const exited = workers.map(
      (w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))),
    );
    // A worker still starting has no requests to finish, and may not have its SIGTERM handler yet
    // (then it would wait for the stuck-worker timeout): stop it at once.
    for (const w of workers) w.process.kill(listening.has(w) ? 'SIGTERM' : 'SIGKILL');
    // Workers give up on requests at the shutdown timeout; a worker still alive well after that is stuck.
    const stuck = setTimeout(() => {
      logger.error('Workers still running after the shutdown timeout: stopping them');
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + 10_000);
    stuck.unref();
    void Promise.all(exited).then(() => {
      logger.info('Every worker has stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
