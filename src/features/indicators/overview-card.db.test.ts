import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../test/support/world.js';

// Sunday 22 November 2026: October 2026 is the last complete month, so October's value is due and a
// month with no value between an indicator's first value and September is a gap.
const NOW = new Date('2026-11-22T10:00:00Z');

describe('the overview’s performance card', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ now: () => NOW });
    const api = w.apiClient(await w.token(w.orgB, 'editor'));
    const add = async (key: string, values: { period: string; value: number }[], octoberTarget?: number) => {
      const created = await api.post('/indicators', {
        key,
        name: key,
        unit: 'percent',
        polarity: 'higher-is-better',
        frequency: 'monthly',
      });
      const saved = await api.post(`/indicators/${key}/values`, { values });
      expect([created.status, saved.status]).toEqual([201, 200]);
      if (octoberTarget !== undefined)
        await w.services.db
          .insertInto('indicatorTargets')
          .values({
            organisationId: w.orgB.id,
            indicatorId: created.body.id,
            kind: 'period',
            period: '2026-10',
            value: octoberTarget,
          })
          .execute();
    };
    // Below its October target, nothing missing: red and current, no flags.
    await add(
      'below-target',
      [
        { period: '2026-09', value: 50 },
        { period: '2026-10', value: 50 },
      ],
      80,
    );
    // Nothing since June: out of date (never counted by its old colour), and July to September missing.
    await add(
      'not-since-june',
      [
        { period: '2026-05', value: 10 },
        { period: '2026-06', value: 10 },
      ],
      80,
    );
    // On target in October but September was never recorded: green, current, one flag.
    await add(
      'september-missing',
      [
        { period: '2026-08', value: 90 },
        { period: '2026-10', value: 90 },
      ],
      80,
    );
  });
  afterAll(() => w.close());

  it('counts the red, the out-of-date and the flagged indicators as the scorecard shows them', async () => {
    const res = await (await w.agent(w.orgB, 'viewer')).get('/');
    expect(res.status).toBe(200);
    const card = /<a class="govuk-link" href="\/indicators">Performance indicators<\/a>[\s\S]*?<\/p>/.exec(
      res.text,
    )?.[0];
    expect(card).toContain('<span class="waymark-number">1 red</span>');
    expect(card).toContain('of 3 indicators; 1 out of date; 2 with data-quality flags');
  });
});
