import request from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { createReportScenario } from '../../src/features/reports/fixture.js';
import { createWorld, type World } from './world.js';

/**
 * The report tests' world: `createReportScenario`'s plans and bodies on a fresh database, on a fixed day,
 * with organisation A's editor calling the API.
 */

export const REPORT_TODAY = '2025-03-14';

export interface ReportWorld extends World, Awaited<ReturnType<typeof createReportScenario>> {
  /** A request to `/api/v1${path}` with a bearer token: the editor's unless another is given. */
  api(method: 'get' | 'post', path: string, token?: string): request.Test;
}

export async function reportWorld(): Promise<ReportWorld> {
  const w = await createWorld({ now: () => new Date(`${REPORT_TODAY}T12:00:00Z`) });
  const scenario = await createReportScenario(w.services.db, w, REPORT_TODAY);
  const token = await w.token(w.orgA, 'editor');
  return {
    ...w,
    ...scenario,
    api: (method, path, as = token) => request(w.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${as}`),
  };
}

/**
 * A report world for the enclosing describe, made before its tests and closed after them;
 * call the returned function inside a test to reach it.
 */
export function useReportWorld(): () => ReportWorld {
  let world: ReportWorld | undefined;
  beforeAll(async () => {
    world = await reportWorld();
  }, 120_000);
  afterAll(() => world?.close());
  return () => {
    if (!world) throw new Error('The report world is made in beforeAll: reach it inside a test');
    return world;
  };
}

/** The response's body as bytes (a Word, Excel or PDF file), to compare or unpack. */
export function asFile<T extends request.Test>(req: T): T {
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  }) as T;
}
