import request from 'supertest';
import type { Express } from 'express';

/**
 * Run some work while asking /health every `everyMs`: how long the work took, the slowest /health
 * answer and how many were not 200. Proves the server keeps serving while it deals with the work.
 */
export async function whileWatchingHealth<T>(app: Express, work: () => Promise<T>, everyMs = 100) {
  let polling = true;
  let slowestHealthMs = 0;
  let healthFailures = 0;
  const poll = (async () => {
    while (polling) {
      const started = performance.now();
      const res = await request(app).get('/health');
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      if (res.status !== 200) healthFailures++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, slowestHealthMs, healthFailures };
  } finally {
    polling = false;
    await poll;
  }
}
