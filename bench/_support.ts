/**
 * What the database benchmarks share: a throw-away database (embedded PGlite in memory, or a schema of
 * BENCH_DATABASE_URL's PostgreSQL, dropped afterwards) and timing of repeated steps. Files starting
 * with `_` are not benchmarks of their own (bench/run.ts skips them).
 */
import './_quiet-logs.js';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createServices, type Services } from '../src/container.js';

export function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1] };
}

/** Run `fn` `warmup` times unmeasured, then `n` times; print and return the median and p95 in ms. */
export async function time(label: string, n: number, fn: (i: number) => Promise<void>, warmup = 5) {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const r = stats(samples);
  console.log(
    `${label.padEnd(44)} median ${r.median.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)}, n=${n})`,
  );
  return r;
}

/** Run `fn` with services on a throw-away database, closed (and its schema dropped) however it ends. */
export async function withBenchDatabase<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const url = process.env.BENCH_DATABASE_URL;
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', ...(url ? { DATABASE_URL: url } : {}) });
  const schema = url ? `bench_${Date.now().toString(36)}` : undefined;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(statement);
    await c.end();
  };
  if (schema) await admin(`create schema ${schema}`);
  const services = await createServices(config, { memory: !url, searchPath: schema });
  try {
    return await fn(services);
  } finally {
    await services.close();
    if (schema) await admin(`drop schema ${schema} cascade`);
  }
}
