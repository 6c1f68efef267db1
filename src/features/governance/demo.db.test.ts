import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, demoContextFor, type World } from '../../../test/support/world.js';
import { demoSeeders } from '../../db/seeds/demo-seeders.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { seedGovernanceDemo } from './demo.js';

describe('governance demo content', () => {
  let w: World;
  let ctx: DemoContext;
  beforeAll(async () => {
    w = await createWorld();
    ctx = demoContextFor(w.orgB);
    for (const seeder of demoSeeders) await seeder(w.services, ctx);
  }, 180_000);
  afterAll(() => w.close());

  it('is safe to run twice and gives a meeting to prepare with carried-forward actions, an outstanding request and an unanswered question', async () => {
    await seedGovernanceDemo(w.services, ctx);
    const bodies = await w.services.db
      .selectFrom('bodies')
      .select('name')
      .where('organisationId', '=', w.orgB.id)
      .execute();
    expect(bodies).toHaveLength(4);
    const token = await w.token(w.orgB, 'viewer');
    const meetings = (await w.apiClient(token).get('/meetings')).body.items;
    const upcoming = meetings.find((m: { title: string }) => m.title === 'Improvement plan progress');
    const papers = (await w.apiClient(token).get(`/meetings/${upcoming.id}`)).body;
    expect(
      papers.actionSheet
        .filter((i: { carriedForward: boolean }) => i.carriedForward)
        .map((i: { description: string; overdue: boolean }) => [i.description, i.overdue]),
    ).toEqual([
      ['Share the report on young people in houses in multiple occupation with the Corporate Parenting Board', true],
      ['Bring an update on caseloads to a future meeting', false],
    ]);
    expect(papers.outstandingRequests.map((r: { request: string }) => r.request)).toEqual([
      'Number of social work staff, including how long they have worked for the council',
    ]);
    expect(papers.questions.filter((q: { status: string }) => q.status === 'awaiting-response')).toHaveLength(1);
    // nothing in the demo belongs to another organisation
    expect((await w.apiClient(await w.token(w.orgA, 'viewer')).get('/meetings')).body.items).toEqual([]);
  });

  it('has risks in every band and reports the pages without errors', async () => {
    const token = await w.token(w.orgB, 'viewer');
    const risks = (await w.apiClient(token).get('/risks')).body.items;
    expect(risks.map((r: { reference: string; rating: string }) => [r.reference, r.rating]).sort()).toEqual([
      ['CS-01', 'low'],
      ['CS-02', 'high'],
      ['CS-03', 'medium'],
    ]);
    const agent = await w.agent(w.orgB, 'admin');
    for (const path of [
      '/governance',
      '/governance/decisions',
      '/governance/forward-plan',
      '/governance/requests',
      '/governance/action-items',
      '/risks',
      '/governance/settings',
      '/',
    ]) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
    }
  });
});
