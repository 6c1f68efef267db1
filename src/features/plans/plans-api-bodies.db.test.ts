import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectionWithFindings } from '../../../test/support/plans.js';
import { createWorld, type World } from '../../../test/support/world.js';

// The API loads the record a path names before it judges the body (ApiRoute.load), so the bodies are
// validated by their schemas, documented, and never give away that another organisation's id exists.
const NOW = new Date('2025-06-04T10:00:00Z');

describe('plans API bodies', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ now: () => NOW });
  });
  afterAll(() => w.close());

  const call = (token: string, method: 'post' | 'patch', path: string, body: object) => {
    const req = request(w.app)[method](`/api/v1${path}`);
    return req.set('Authorization', `Bearer ${token}`).send(body);
  };

  /** A plan with one action and one milestone in organisation A. */
  async function planWithAction() {
    const token = await w.token(w.orgA, 'editor');
    const plan = await call(token, 'post', '/plans', {
      title: 'Plan',
      startDate: '2025-04-01',
      endDate: '2027-03-31',
    });
    const action = await call(token, 'post', `/plans/${plan.body.id}/actions`, {
      reference: '1.1',
      title: 'Action',
      startDate: '2025-04-01',
      dueDate: '2025-12-31',
    });
    const milestone = await call(token, 'post', `/actions/${action.body.id}/milestones`, {
      title: 'Milestone',
      dueDate: '2025-09-30',
    });
    expect([plan.status, action.status, milestone.status]).toEqual([201, 201, 201]);
    return {
      token,
      planId: plan.body.id as string,
      actionId: action.body.id as string,
      milestoneId: milestone.body.id,
    };
  }

  const writes = (ids: { planId: string; actionId: string; milestoneId: string }) =>
    [
      ['patch', `/plans/${ids.planId}`, '/plans/{id}', 'title'],
      ['post', `/plans/${ids.planId}/approve`, '/plans/{id}/approve', 'approvalBody'],
      ['post', `/plans/${ids.planId}/actions`, '/plans/{id}/actions', 'reference'],
      ['patch', `/actions/${ids.actionId}`, '/actions/{id}', 'reference'],
      ['post', `/actions/${ids.actionId}/milestones`, '/actions/{id}/milestones', 'title'],
      ['patch', `/milestones/${ids.milestoneId}`, '/milestones/{id}', 'title'],
      ['post', `/actions/${ids.actionId}/updates`, '/actions/{id}/updates', 'narrative'],
    ] as const;

  it('documents every plan, action, milestone and update body in the OpenAPI document', async () => {
    const doc = (await request(w.app).get('/api/v1/openapi.json')).body;
    for (const [method, , path, field] of writes({ planId: '', actionId: '', milestoneId: '' })) {
      const schema = doc.paths[path][method].requestBody?.content['application/json'].schema;
      expect(schema?.properties?.[field], `${method} ${path}`).toBeTruthy();
      expect(schema.required, `${method} ${path}`).toContain(field);
    }
  });

  it('answers 404 for another organisation’s record however bad the body, and 422 naming the field for its own', async () => {
    const ids = await planWithAction();
    const tokenB = await w.token(w.orgB, 'editor');
    for (const [method, path, , field] of writes(ids)) {
      const bad = { [field]: 42, version: 'x' };
      const foreign = await call(tokenB, method, path, bad);
      expect(foreign.status, `${method} ${path} from another organisation`).toBe(404);
      const own = await call(ids.token, method, path, bad);
      expect(own.status, `${method} ${path}`).toBe(422);
      expect(own.body.error.code).toBe('validation-failed');
      expect(own.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  it('refuses a plan answering another organisation’s inspection, naming the list and the first such id', async () => {
    const own = (await inspectionWithFindings(w.services.db, w.orgA.id, 1)).inspectionId;
    const foreign = (await inspectionWithFindings(w.services.db, w.orgB.id, 1)).inspectionId;
    const res = await call(await w.token(w.orgA, 'editor'), 'post', '/plans', {
      title: 'x',
      startDate: '2025-04-01',
      endDate: '2027-03-31',
      inspectionIds: [own, foreign, foreign],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { path: 'inspectionIds', message: `Inspection ${foreign} is not one of your organisation’s inspections` },
    ]);
  });
});
