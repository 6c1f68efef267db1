import cluster from 'node:cluster';
import { loadConfig, ConfigError } from './config.js';
import { DataDirLockedError } from './db/lock.js';
import { logger } from './observability/logger.js';
import { startServer } from './runtime/serve.js';
import { concurrencyProblem, runPrimary } from './runtime/cluster.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const problem = concurrencyProblem(config);
  if (problem) throw new ConfigError(problem);
  if (config.webConcurrency > 1 && cluster.isPrimary) return runPrimary(config);

  const running = await startServer(config, { prepare: !cluster.isWorker });
  const stop = (signal: NodeJS.Signals) => {
    void running.shutdown(signal).then(
      ({ forced }) => process.exit(forced ? 1 : 0),
      (err: unknown) => {
        logger.error({ err }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  if (err instanceof DataDirLockedError || err instanceof ConfigError) {
    logger.fatal(err.message);
    process.exit(2);
  }
  logger.fatal({ err }, 'Waymark could not start');
  process.exit(1);
});
