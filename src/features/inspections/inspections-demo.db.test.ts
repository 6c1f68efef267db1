import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../test/support/world.js';
import { seedInspectionsDemo } from './demo.js';
import { latestJudgementsAt } from '../national/comparators.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';

describe('demo history, recurring findings and national outcomes', () => {
  let w: World;
  const ctxFor = (org: World['orgA']): DemoContext => ({
    organisationId: org.id,
    actor: org.actor,
    usersByRole: { admin: org.users.admin.id },
    userIds: {},
  });
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2026-11-22T12:00:00Z') });
    await seedInspectionsDemo(w.services, ctxFor(w.orgA));
  }, 60_000);
  afterAll(() => w.close());

  it('seeds once, for any organisation', async () => {
    await seedInspectionsDemo(w.services, ctxFor(w.orgA));
    await seedInspectionsDemo(w.services, ctxFor(w.orgB));
    const counts = await w.services.db
      .selectFrom('inspections')
      .select(['organisationId', (eb) => eb.fn.countAll().as('n')])
      .groupBy('organisationId')
      .execute();
    expect(counts.map((c) => Number(c.n))).toEqual([6, 6]);
  });

  it('draws the judgement history as an SVG chart with the data in a table, and a timeline', async () => {
    const res = await (await w.agent(w.orgA, 'viewer')).get('/inspections');
    expect(res.text).toMatch(/<svg[^>]+role="img"/);
    expect(res.text).toContain('<title id="history-chart-title">');
    expect(res.text).toContain('Ofsted grades by inspection and judgement area');
    expect(res.text).toContain('Single inspection framework inspection');
    // The focused visit published 10 November 2026 named priority actions: draft plan 20 working days later.
    const fv = await firstRecord(w.services.db, w.orgA.id, 'inspections', { typeKey: 'focused-visit' });
    const page = await (await w.agent(w.orgA, 'viewer')).get(`/inspections/${fv!.id}`);
    expect(page.text).toContain(
      'Draft plan due <time datetime="2026-12-08">8 December 2026</time></strong>: due in 12 working days.',
    );
  });

  it('lists recurring themes across inspections', async () => {
    const res = await (await w.agent(w.orgA, 'viewer')).get('/inspections/recurring');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /raised at [34] inspections — “The sufficiency of foster homes for children, including brothers and sisters.”/,
    );
  });

  it('answers the national latest judgements, filtered by grade, and gives benchmark groups', async () => {
    const api = w.apiClient(await w.token(w.orgA, 'viewer'));
    const res = await api.get('/national/inspections/latest?asAt=2025-03-31');
    expect(res.status).toBe(200);
    const leicester = res.body.items.find((i: { laName: string }) => i.laName === 'Leicester');
    expect(leicester).toMatchObject({
      laCode: '856',
      gssCode: 'E06000016',
      inspectionDate: '2024-09-23',
      publishedDate: '2025-01-29',
      type: 'ilacs-short',
      judgements: { 'overall-effectiveness': 'requires-improvement' },
    });
    expect(res.body.items.some((i: { laName: string }) => i.laName === 'Northamptonshire')).toBe(false);
    const good = await api.get('/national/inspections/latest?asAt=2021-12-31&overall=good');
    expect(
      good.body.items.every(
        (i: { judgements: Record<string, string> }) => i.judgements['overall-effectiveness'] === 'good',
      ),
    ).toBe(true);
    expect(good.body.items.map((i: { laName: string }) => i.laName)).toContain('Leicester');
    const bad = await api.get('/national/inspections/latest?asAt=2021-02-30');
    expect(bad.status).toBe(400);
    const groups = await latestJudgementsAt(w.services.db, '2025-03-31');
    expect(groups.find((g) => g.laCode === '856')).toEqual({
      laCode: '856',
      gssCode: 'E06000016',
      laName: 'Leicester',
      region: 'East Midlands',
      overall: 'requires-improvement',
    });
    expect(new Set(groups.map((g) => g.laCode)).size).toBe(groups.length);
  });
});
