import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, postForm, type World } from '../../../test/support/world.js';
import { seedIndicatorsDemo } from './demo.js';
import { indicatorIdsByKey } from './queries.js';

// The pages, the benchmark API and who may see them, on the demo library; values are entered in
// indicator-values.db.test.ts. No scenario here writes what another reads.
describe('indicators', () => {
  let w: World;
  let ids: Record<string, string> = {};
  beforeAll(async () => {
    // 22 November 2026: the last complete month is October 2026.
    w = await createWorld({ now: () => new Date('2026-11-22T10:00:00Z') });
    const ctx = { organisationId: w.orgA.id, actor: w.orgA.actor, usersByRole: {}, userIds: {} };
    await seedIndicatorsDemo(w.services, ctx);
    await seedIndicatorsDemo(w.services, ctx); // idempotent
    ids = await indicatorIdsByKey(w.services.db, w.orgA.id);
  }, 120_000);
  afterAll(() => w.close());

  it('seeds the library once, with 48 months of values, and real national data', async () => {
    const db = w.services.db;
    expect(Object.keys(ids)).toHaveLength(19);
    const n = await db
      .selectFrom('indicatorValues')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('indicatorId', '=', ids['agency-rate'])
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(48);
    const england = await db
      .selectFrom('benchmarkValues')
      .select('value')
      .where('measure', '=', 'csww-caseload')
      .where('year', '=', 2025)
      .where('level', '=', 'national')
      .executeTakeFirstOrThrow();
    expect(england.value).toBe(15.2);
    // Suppressed published values are stored as missing with their code, never zero.
    const suppressed = await db
      .selectFrom('benchmarkValues')
      .select(['value', 'suppression'])
      .where('suppression', '=', 'c')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(suppressed.value).toBeNull();
  });

  it('shows the scorecard with England and neighbour figures and quartiles', async () => {
    const agent = await w.agent(w.orgA, 'viewer');
    const res = await agent.get('/indicators');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Average caseload per social worker');
    expect(res.text).toMatch(/15\.2<br><span class="govuk-hint govuk-!-font-size-14">2025/);
    expect(res.text).toMatch(/rank \d+ of \d+, 2025/);
    const filtered = await agent.get('/indicators?theme=Workforce');
    expect(filtered.text).toContain('Agency social workers');
    expect(filtered.text).not.toContain('Care leavers in suitable accommodation');
  });

  it('shows an indicator with an accessible chart, its table and CSV downloads', async () => {
    const agent = await w.agent(w.orgA, 'viewer');
    const res = await agent.get(`/indicators/${ids['caseload-per-social-worker']}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('role="img"');
    expect(res.text).toContain('<title id="line-');
    expect(res.text).toContain('Rank among English authorities');
    const csv = await agent.get(`/indicators/${ids['caseload-per-social-worker']}/series.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('period,value,target,rag,england,region,statistical_neighbours');
    expect(csv.text).toContain('2026-10,16.6,');
    const ranking = await agent.get(`/indicators/${ids['caseload-per-social-worker']}/ranking.csv?year=2024`);
    expect(ranking.text).toContain('831,Derby,2024');
  });

  it('answers the benchmark API for the signed-in organisation', async () => {
    const token = await w.token(w.orgA, 'viewer');
    const res = await w.apiClient(token).get('/benchmarks/caseload-per-social-worker?year=2025');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2025,
      england: 15.2,
      quartile: expect.any(Number),
      rank: expect.any(Number),
    });
    expect(res.body.items.length).toBeGreaterThan(140);
    expect(res.body.items.find((i: { laCode: string }) => i.laCode === '831').laName).toBe('Derby');
    // Derby's ten DfE neighbours stand in for the demo authority's; their average is the mean of the published values.
    const nb = ['331', '350', '335', '852', '382', '874', '354', '373', '357', '861'];
    const values = res.body.items
      .filter((i: { laCode: string; value: number | null }) => nb.includes(i.laCode) && i.value !== null)
      .map((i: { value: number }) => i.value);
    expect(res.body.neighbours).toBe(
      Math.round((values.reduce((a: number, b: number) => a + b, 0) / values.length) * 10) / 10,
    );
    const bad = await w.apiClient(token).get('/benchmarks/caseload-per-social-worker?year=1999');
    expect(bad.status).toBe(400);
    const other = await w.apiClient(await w.token(w.orgB, 'viewer')).get('/benchmarks/caseload-per-social-worker');
    expect(other.status).toBe(404);
  });

  // Issue 18: every "Correct <month>" and "View" link under the series went to /values/ with no id.
  it('links each recorded period of the series to its value page', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const agent = await w.agent(w.orgA, role);
      const page = await agent.get(`/indicators/${ids['agency-rate']}`);
      const links = [...page.text.matchAll(/href="(\/indicators\/[^"]+\/values\/[^"]*)"/g)].map((m) => m[1]);
      expect(links.length).toBeGreaterThan(40);
      for (const href of links.slice(-3)) {
        expect(href).toMatch(/\/values\/[0-9a-f-]{36}$/);
        expect((await agent.get(href)).status).toBe(200);
      }
    }
  });

  it('keeps other organisations out (404) and viewers read-only (403)', async () => {
    const b = await w.agent(w.orgB, 'admin');
    const id = ids['agency-rate'];
    const value = await w.services.db
      .selectFrom('indicatorValues')
      .select('id')
      .where('indicatorId', '=', id)
      .limit(1)
      .executeTakeFirstOrThrow();
    for (const path of [
      `/indicators/${id}`,
      `/indicators/${id}/series.csv`,
      `/indicators/${id}/edit`,
      `/indicators/${id}/values/${value.id}`,
    ])
      expect((await b.get(path)).status).toBe(404);
    const csrf = await csrfFrom(b, '/indicators/new');
    expect((await b.post(`/indicators/${id}/edit`).type('form').send({ _csrf: csrf, name: '' })).status).toBe(404);
    const viewer = await w.agent(w.orgA, 'viewer');
    expect((await viewer.get('/indicators/entry')).status).toBe(403);
  });

  it('edits statistical neighbours, refusing unknown codes', async () => {
    const agent = await w.agent(w.orgA, 'admin');
    const bad = await postForm(agent, '/benchmarks/neighbours', '/benchmarks/neighbours', { codes: '831, 999, abc' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Each neighbour must be a 3-digit DfE code');
    const unknown = await postForm(agent, '/benchmarks/neighbours', '/benchmarks/neighbours', { codes: '831, 999' });
    expect(unknown.text).toContain('999 is not a DfE authority code');
    const ok = await postForm(agent, '/benchmarks/neighbours', '/benchmarks/neighbours', { codes: '830 831 856' });
    expect(ok.status).toBe(302);
    const page = await agent.get('/benchmarks');
    expect(page.text).toContain('Leicester');
  });
});
