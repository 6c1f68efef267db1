import request from 'supertest';
import { expect } from 'vitest';
import { createWorld, type World } from '../../../test/support/world.js';

/** What the governance database tests share: a world on Wednesday 12 March 2025, editors' API tokens and a body. */
export interface GovernanceWorld {
  w: World;
  tokenA: string;
  tokenB: string;
  /** A scrutiny committee of organisation A, made before any test runs; each test adds its own meetings. */
  bodyId: string;
  api: (token: string) => {
    get: (path: string) => request.Test;
    post: (path: string, body: unknown) => request.Test;
    patch: (path: string, body: unknown) => request.Test;
    delete: (path: string) => request.Test;
  };
  count: (
    table: 'meetings' | 'actionSheetItems' | 'informationRequests' | 'decisions' | 'meetingQuestions',
  ) => Promise<number>;
}

export async function governanceWorld(): Promise<GovernanceWorld> {
  // "Today" is Wednesday 12 March 2025.
  const w = await createWorld({ now: () => new Date('2025-03-12T10:00:00Z') });
  const api = (token: string) => ({
    get: (path: string) => request(w.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: unknown) =>
      request(w.app)
        .post(`/api/v1${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
    patch: (path: string, body: unknown) =>
      request(w.app)
        .patch(`/api/v1${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
    delete: (path: string) => request(w.app).delete(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
  });
  const count: GovernanceWorld['count'] = async (table) =>
    Number(
      (
        await w.services.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const tokenA = await w.token(w.orgA, 'editor');
  const tokenB = await w.token(w.orgB, 'editor');
  const res = await api(tokenA).post('/bodies', {
    name: 'Children’s Scrutiny Committee',
    kind: 'scrutiny-committee',
  });
  expect(res.status).toBe(201);
  return { w, tokenA, tokenB, bodyId: res.body.id, api, count };
}
