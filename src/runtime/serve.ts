import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { createServices } from '../container.js';
import { createApp } from '../app.js';
import { seedDemoIfEmpty } from '../db/seeds/demo.js';
import { startScheduler } from '../jobs/scheduler.js';
import { serverJobs } from '../jobs/server-jobs.js';
import { logger } from '../observability/logger.js';
import { trackRequests } from './drain.js';

export interface RunningServer {
  server: Server;
  port: number;
  /** Stop accepting, finish requests in flight (up to the shutdown timeout), stop jobs, close the database. */
  shutdown(reason: string): Promise<{ forced: boolean }>;
}

/**
 * Open the database, start the HTTP server and the job schedule. `prepare` (migrations and the demo
 * council) is false in cluster workers: the primary did it once before forking them.
 */
export async function startServer(config: Config, opts: { prepare?: boolean } = {}): Promise<RunningServer> {
  const prepare = opts.prepare ?? true;
  const services = await createServices(config, { migrate: prepare });
  if (prepare && config.seedDemo && (await seedDemoIfEmpty(services))) {
    logger.info(
      'Seeded the fictional demo council (organisation "demo"): sign in as admin@demo.waymark.test with password "demo-password"',
    );
  }
  const app = createApp(services);
  services.storage.start();
  const scheduler = startScheduler(services, serverJobs());

  const server = app.listen(config.port);
  // Behind a load balancer an idle keep-alive connection must outlive the balancer's (60 s on most).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const requests = trackRequests(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info(
    { port, database: services.engine, version: config.version },
    `Waymark is running on http://localhost:${port}`,
  );

  let done: Promise<{ forced: boolean }> | undefined;
  const shutdown = (reason: string) => {
    done ??= (async () => {
      // Stop accepting first: anything that reads the log line below may rely on it.
      const drained = requests.drain(config.shutdownTimeoutMs, () =>
        logger.warn(
          { timeoutMs: config.shutdownTimeoutMs },
          'Requests still in flight at the shutdown timeout: closing their connections',
        ),
      );
      logger.info(
        { reason, inFlight: requests.inFlight, timeoutMs: config.shutdownTimeoutMs },
        'Shutting down: no new connections, finishing requests in flight',
      );
      const jobsStopped = scheduler.stop();
      const { forced } = await drained;
      await jobsStopped;
      await services.close();
      logger.info({ forced }, 'Waymark stopped: database closed');
      return { forced };
    })();
    return done;
  };
  return { server, port, shutdown };
}
