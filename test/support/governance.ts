import type request from 'supertest';
import { expect } from 'vitest';
import { createWorld, type World } from './world.js';

/** What the governance database tests share: a world on Wednesday 12 March 2025, editors' API tokens and a body. */
export interface GovernanceWorld {
  w: World;
  tokenA: string;
  tokenB: string;
  /** A scrutiny committee of organisation A, made before any test runs; each test adds its own meetings. */
  bodyId: string;
  api: World['apiClient'];
  count: World['count'];
  /** An item on a meeting's action sheet, through the API. */
  addAction: (token: string, meetingId: string, description: string, ownerId: string, dueDate: string) => request.Test;
}

export async function governanceWorld(): Promise<GovernanceWorld> {
  // "Today" is Wednesday 12 March 2025.
  const w = await createWorld({ now: () => new Date('2025-03-12T10:00:00Z') });
  const api = w.apiClient.bind(w);
  const tokenA = await w.token(w.orgA, 'editor');
  const tokenB = await w.token(w.orgB, 'editor');
  const res = await api(tokenA).post('/bodies', {
    name: 'Children’s Scrutiny Committee',
    kind: 'scrutiny-committee',
  });
  expect(res.status).toBe(201);
  const addAction: GovernanceWorld['addAction'] = (token, meetingId, description, ownerId, dueDate) =>
    api(token).post('/action-sheet-items', { meetingId, description, ownerId, dueDate });
  return { w, tokenA, tokenB, bodyId: res.body.id, api, count: w.count.bind(w), addAction };
}
