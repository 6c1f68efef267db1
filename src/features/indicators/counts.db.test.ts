import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, postForm, type World } from '../../../test/support/world.js';
import { postEntryGrid } from '../../../test/support/indicators.js';
import { createIndicator, type Indicator } from './service.js';

// Issue 15: every percentage shows its count ("82% (169 of 206)"), so an officer can type the count
// in the entry grid and in a spreadsheet. Each scenario uses its own indicators, so none relies on another.
describe('the count behind a percentage, entered on the web', () => {
  let w: World;
  let n = 0;
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2026-11-22T10:00:00Z') });
  }, 60_000);
  afterAll(() => w.close());

  /** A monthly percentage and a monthly count of one's own, keyed apart from every other scenario's. */
  async function pair(): Promise<{ pct: Indicator; count: Indicator }> {
    n++;
    const make = (key: string, name: string, unit: 'percent' | 'count') =>
      w.services.db.transaction().execute((trx) =>
        createIndicator(trx, w.orgA.actor, {
          key,
          name,
          definition: '',
          unit,
          polarity: 'higher-is-better',
          frequency: 'monthly',
          theme: 'Quality',
          owner: '',
          dataSource: '',
          nationalMeasure: null,
          tolerance: 0,
        }),
      );
    return {
      pct: await make(`visits-${n}`, `Visits on time ${n}`, 'percent'),
      count: await make(`referrals-${n}`, `Referrals ${n}`, 'count'),
    };
  }
  const stored = (indicatorId: string, period: string) =>
    w.services.db
      .selectFrom('indicatorValues')
      .select(['value', 'numerator', 'denominator', 'source'])
      .where('indicatorId', '=', indicatorId)
      .where('period', '=', period)
      .executeTakeFirst();

  it('works a percentage out from its count in the entry grid, shows the count again and on the indicator', async () => {
    const { pct, count } = await pair();
    const agent = await w.agent(w.orgA, 'editor');
    const page = '/indicators/entry?period=2026-10';
    const form = await agent.get(page);
    // Counts are offered beside the percentage only.
    expect(form.text).toContain(`name="v[${pct.id}][numerator]"`);
    expect(form.text).toContain(`name="v[${pct.id}][denominator]"`);
    expect(form.text).not.toContain(`name="v[${count.id}][numerator]"`);
    const res = await postEntryGrid(agent, '2026-10', {
      [pct.id]: { numerator: '169', denominator: '206' },
      [count.id]: { value: '12' },
    });
    expect(res.status).toBe(302);
    // 169 / 206 = 82.04% → 82.0 to one decimal place.
    expect(await stored(pct.id, '2026-10')).toEqual({ value: 82, numerator: 169, denominator: 206, source: 'manual' });
    expect((await stored(count.id, '2026-10'))?.value).toBe(12);
    const again = await agent.get(page);
    expect(again.text).toMatch(new RegExp(`name="v\\[${pct.id}\\]\\[numerator\\]"[^>]*value="169"`));
    const detail = await agent.get(`/indicators/${pct.id}`);
    expect(detail.text).toContain('82% (169 of 206)');
    // A value typed with its count is kept when it agrees to one decimal place.
    const typed = await postEntryGrid(agent, '2026-10', {
      [pct.id]: { value: '82.04', numerator: '169', denominator: '206' },
    });
    expect(typed.status).toBe(302);
    expect(await stored(pct.id, '2026-10')).toMatchObject({ value: 82, numerator: 169, denominator: 206 });
  });

  it('drops the count when a percentage is corrected to a value the count contradicts', async () => {
    const { pct } = await pair();
    const agent = await w.agent(w.orgA, 'editor');
    await postEntryGrid(agent, '2026-09', { [pct.id]: { numerator: '169', denominator: '206' } });
    const row = await w.services.db
      .selectFrom('indicatorValues')
      .select(['id', 'version'])
      .where('indicatorId', '=', pct.id)
      .where('period', '=', '2026-09')
      .executeTakeFirstOrThrow();
    const valuePage = `/indicators/${pct.id}/values/${row.id}`;
    // The same figure, reworded: the count still gives it and stays.
    const same = await postForm(agent, valuePage, valuePage, {
      value: '82.0',
      note: 'Checked',
      version: String(row.version),
    });
    expect(same.status).toBe(302);
    expect(await stored(pct.id, '2026-09')).toMatchObject({ value: 82, numerator: 169, denominator: 206 });
    // A different figure: "50% (169 of 206)" would contradict itself, so the count goes (the history keeps it).
    const changed = await postForm(agent, valuePage, valuePage, {
      value: '50',
      note: 'Recounted',
      version: String(row.version + 1),
    });
    expect(changed.status).toBe(302);
    expect(await stored(pct.id, '2026-09')).toMatchObject({ value: 50, numerator: null, denominator: null });
    expect((await agent.get(`/indicators/${pct.id}`)).text).not.toContain('(169 of 206)');
  });

  it('refuses a count that disagrees, a denominator of 0 and a numerator over the denominator, naming each field and saving nothing', async () => {
    const a = await pair();
    const b = await pair();
    const agent = await w.agent(w.orgA, 'editor');
    const res = await postEntryGrid(agent, '2026-09', {
      [a.pct.id]: { value: '82.6', numerator: '169', denominator: '206' },
      [b.pct.id]: { numerator: '5', denominator: '0' },
      [a.count.id]: { value: '14' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`${a.pct.name}: 169 of 206 is 82.0%, not 82.6%: correct the value or the counts`);
    expect(res.text).toContain(`href="#v-${a.pct.id}-value"`);
    expect(res.text).toContain(`${b.pct.name}: denominator must be more than 0`);
    expect(res.text).toContain(`href="#v-${b.pct.id}-denominator"`);
    // What was typed is shown again.
    expect(res.text).toMatch(new RegExp(`name="v\\[${a.pct.id}\\]\\[value\\]"[^>]*value="82.6"`));
    const over = await postEntryGrid(agent, '2026-09', { [b.pct.id]: { numerator: '207', denominator: '206' } });
    expect(over.status).toBe(400);
    expect(over.text).toContain(`${b.pct.name}: numerator (207) cannot be more than the denominator (206)`);
    expect(over.text).toContain(`href="#v-${b.pct.id}-numerator"`);
    for (const id of [a.pct.id, b.pct.id, a.count.id]) expect(await stored(id, '2026-09')).toBeUndefined();
  });

  it('imports counts from numerator and denominator columns, previewing them, and refuses a bad count by row and column', async () => {
    const { pct } = await pair();
    const agent = await w.agent(w.orgA, 'editor');
    const upload = async (csv: string) => {
      const csrf = await csrfFrom(agent, '/indicators/import');
      const res = await agent
        .post('/indicators/import')
        .field('_csrf', csrf)
        .attach('file', Buffer.from(csv), 'counts.csv');
      expect(res.status).toBe(302);
      return res.headers.location as string;
    };
    const bad = await upload(
      `indicator,period,value,numerator,denominator\n${pct.key},2026-07,,5,0\n${pct.key},2026-08,,207,206\n`,
    );
    const refused = await agent.get(bad);
    expect(refused.text).toContain('Row 2, column E: denominator must be more than 0');
    expect(refused.text).toContain('Row 3, column D: numerator (207) cannot be more than the denominator (206)');
    expect(refused.text).not.toContain('Save 2 values');
    const good = await upload(
      `indicator,period,value,numerator,denominator\n${pct.key},2026-07,,169,206\n${pct.key},2026-08,75,45,60\n`,
    );
    const preview = await agent.get(good);
    expect(preview.text).toContain('82% (169 of 206)');
    expect(preview.text).toContain('75% (45 of 60)');
    expect((await postForm(agent, good, good, {})).status).toBe(302);
    expect(await stored(pct.id, '2026-07')).toEqual({ value: 82, numerator: 169, denominator: 206, source: 'import' });
    expect(await stored(pct.id, '2026-08')).toEqual({ value: 75, numerator: 45, denominator: 60, source: 'import' });
  });
});
