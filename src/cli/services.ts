import type { Services } from '../container.js';

/**
 * Run a command against the configured database and close it however the command ends. The configuration
 * and the container load only when a command runs (feature commands import nothing heavy up front).
 * `migrate: false` for commands that must leave the schema as they find it (migrate itself, backup, restore).
 */
export async function withServices<T>(
  fn: (services: Services) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const { loadConfig } = await import('../config.js');
  const { createServices } = await import('../container.js');
  const services = await createServices(loadConfig(), options);
  try {
    return await fn(services);
  } finally {
    const code = process.exitCode;
    await services.close();
    // Closing the embedded database (its WebAssembly runtime) sets process.exitCode back to 0: keep the
    // code the command set (65 for a refused file), or a script would take a refusal for success.
    if (code !== undefined) process.exitCode = code;
  }
}
