import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createWorld, csrfFrom, postForm, type World } from '../../../test/support/world.js';
import { postEntryGrid } from '../../../test/support/indicators.js';
import { seedIndicatorsDemo } from './demo.js';
import { indicatorIdsByKey } from './queries.js';
import { getIndicatorStatuses } from './status.js';
import { recordComputedValues } from './computed.js';

// Values in and out on the demo library: the API, the entry grid, corrections, imports, targets, computed
// values and the feeds. Each scenario writes periods (or indicators) no other scenario reads.
describe('indicator values', () => {
  let w: World;
  let ids: Record<string, string> = {};
  afterAll(() => w.close());
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2026-11-22T10:00:00Z') }); // the last complete month is October 2026
    await seedIndicatorsDemo(w.services, {
      organisationId: w.orgA.id,
      actor: w.orgA.actor,
      usersByRole: {},
      userIds: {},
    });
    ids = await indicatorIdsByKey(w.services.db, w.orgA.id);
  }, 120_000);

  it('records values through the API all or nothing, and corrections keep history', async () => {
    const token = await w.token(w.orgA, 'editor');
    const post = (values: unknown) => w.apiClient(token).post('/indicators/agency-rate/values', { values });
    const bad = await post([
      { period: '2026-11', value: 15 },
      { period: '2026/12', value: 120 },
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([
      { path: 'values.1.period', message: 'Period “2026/12” must be a month like 2024-03' },
      { path: 'values.1.value', message: 'Value 120 is a percentage, so must be 100 or less' },
    ]);
    const none = await w.services.db
      .selectFrom('indicatorValues')
      .select('id')
      .where('indicatorId', '=', ids['agency-rate'])
      .where('period', '=', '2026-11')
      .execute();
    expect(none).toEqual([]);
    const ok = await post([
      { period: '2026-11', value: 15 },
      { period: '2026-10', value: 17 },
    ]);
    expect(ok.body).toEqual({ created: 1, corrected: 1, unchanged: 0 });
    const series = await w.apiClient(token).get('/indicators/agency-rate/series');
    expect(series.body.items.at(-1)).toMatchObject({ period: '2026-11', value: 15, source: 'manual' });
    const row = await w.services.db
      .selectFrom('indicatorValues')
      .select(['id', 'version'])
      .where('indicatorId', '=', ids['agency-rate'])
      .where('period', '=', '2026-10')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    const audit = await w.services.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('entityId', '=', row.id)
      .where('action', '=', 'update')
      .execute();
    expect(
      audit.map((a) => [(a.before as { value: number } | null)?.value, (a.after as { value: number }).value]),
    ).toEqual([[17.5, 17]]);
    const unknown = await w
      .apiClient(token)
      .post('/indicators/no-such/values', { values: [{ period: '2026-11', value: 1 }] });
    expect(unknown.status).toBe(404);
  });

  it('creates custom indicators through the API and refuses a duplicate key', async () => {
    const token = await w.token(w.orgA, 'editor');
    const body = {
      key: 'exit-interviews',
      name: 'Exit interviews completed',
      unit: 'percent',
      polarity: 'higher-is-better',
      frequency: 'quarterly',
    };
    const res = await w.apiClient(token).post('/indicators', body);
    expect(res.status).toBe(201);
    const again = await w.apiClient(token).post('/indicators', body);
    expect(again.status).toBe(422);
    expect(again.body.error.details[0].path).toBe('key');
    const list = await w.apiClient(token).get('/indicators');
    expect(list.body.items.map((i: { key: string }) => i.key)).toContain('exit-interviews');
  });

  it('saves the entry grid, refusing text in a number cell without saving anything', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const unalloc = ids['unallocated-cases'];
    const rhi = ids['return-home-interviews-offered'];
    const bad = await postEntryGrid(agent, '2026-09', { [unalloc]: { value: 'lots' }, [rhi]: { value: '93' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Unallocated cases: “lots” is not a number');
    const before = await w.services.db
      .selectFrom('indicatorValues')
      .select('value')
      .where('indicatorId', '=', rhi)
      .where('period', '=', '2026-09')
      .executeTakeFirstOrThrow();
    expect(before.value).not.toBe(93);
    const ok = await postEntryGrid(agent, '2026-09', {
      [unalloc]: { value: '11' },
      [rhi]: { value: '93', note: 'Checked with the missing team' },
    });
    expect(ok.status).toBe(302);
    const after = await w.services.db
      .selectFrom('indicatorValues')
      .select(['value', 'note', 'source'])
      .where('indicatorId', '=', rhi)
      .where('period', '=', '2026-09')
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ value: 93, note: 'Checked with the missing team', source: 'manual' });
  });

  // Issue 18: "16,2%" was saved as 162 (commas stripped). Now an ambiguous decimal comma is refused with
  // the indicator's name, and "16.2%" and "1,234" are read as typed.
  it('reads numbers as people type them in the entry grid, the correction form and the API', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const rhi = ids['return-home-interviews-offered'];
    const unalloc = ids['unallocated-cases'];
    const comma = await postEntryGrid(agent, '2026-08', { [rhi]: { value: '16,2%' } });
    expect(comma.status).toBe(400);
    expect(comma.text).toContain(
      'Return home interviews offered: “16,2%” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
    );
    const ok = await postEntryGrid(agent, '2026-08', { [rhi]: { value: '16.2%' }, [unalloc]: { value: '1,234' } });
    expect(ok.status).toBe(302);
    const saved = await w.services.db
      .selectFrom('indicatorValues')
      .select(['indicatorId', 'value', 'id', 'version'])
      .where('period', '=', '2026-08')
      .where('indicatorId', 'in', [rhi, unalloc])
      .execute();
    expect(Object.fromEntries(saved.map((v) => [v.indicatorId, v.value]))).toEqual({ [rhi]: 16.2, [unalloc]: 1234 });
    const value = saved.find((v) => v.indicatorId === rhi)!;
    const page = `/indicators/${rhi}/values/${value.id}`;
    const correction = await postForm(agent, page, page, {
      value: '1,5',
      note: 'Typo',
      version: String(value.version),
    });
    expect(correction.status).toBe(400);
    expect(correction.text).toContain('Value “1,5” is not clear');
    const token = await w.token(w.orgA, 'editor');
    const api = (body: object) => w.apiClient(token).post('/indicators/return-home-interviews-offered/values', body);
    const refused = await api({ values: [{ period: '2026-07', value: '1,5' }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toEqual({
      path: 'values.0.value',
      message:
        'Value “1,5” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
    });
    expect((await api({ values: [{ period: '2026-07', value: '88.5%' }] })).status).toBe(200);
  });

  it('imports a wide .xlsx with preview, and refuses a file with errors atomically', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Indicator', '2027-02', 'Mar 2027']);
    ws.addRow(['unallocated-cases', 9, 'c']);
    ws.addRow(['agency-rate', 14.5, '']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const csrf = await csrfFrom(agent, '/indicators/import');
    const up = await agent.post('/indicators/import').field('_csrf', csrf).attach('file', buffer, 'wide.xlsx');
    expect(up.status).toBe(302);
    const preview = await agent.get(up.headers.location);
    expect(preview.text).toContain('3 values read');
    expect(preview.text).toContain('Save 3 values');
    const commit = await postForm(agent, up.headers.location, up.headers.location, {});
    expect(commit.status).toBe(302);
    const march = await w.services.db
      .selectFrom('indicatorValues')
      .select(['value', 'note', 'source'])
      .where('indicatorId', '=', ids['unallocated-cases'])
      .where('period', '=', '2027-03')
      .executeTakeFirstOrThrow();
    expect(march).toEqual({ value: null, note: 'Suppressed (c)', source: 'import' });

    const csv = 'indicator,period,value\nunallocated-cases,2027-05,8\nagency-rate,2027-05,140\nmystery,2027-05,3\n';
    const csrf2 = await csrfFrom(agent, '/indicators/import');
    const up2 = await agent
      .post('/indicators/import')
      .field('_csrf', csrf2)
      .attach('file', Buffer.from(csv), 'long.csv');
    const preview2 = await agent.get(up2.headers.location);
    expect(preview2.text).toContain('Row 3, column C: 140 is a percentage, so must be 100 or less');
    expect(preview2.text).toContain('Row 4, column A: “mystery” is not an indicator key in your library');
    expect(preview2.text).not.toContain('Save 1 values');
    await postForm(agent, up2.headers.location, up2.headers.location, {});
    const may = await w.services.db
      .selectFrom('indicatorValues')
      .select('id')
      .where('period', '=', '2027-05')
      .execute();
    expect(may).toEqual([]);
  });

  it('adds a trajectory target, validating the period kind', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const page = `/indicators/${ids['social-workers-per-10k']}/targets`;
    const bad = await postForm(agent, page, page, {
      kind: 'trajectory',
      startPeriod: '2026-01',
      startValue: '24',
      endPeriod: '2027-Q4',
      endValue: '26',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('2026-01 is not a quarter: this indicator is quarterly');
    const ok = await postForm(agent, page, page, { kind: 'period', period: '2026-Q3', value: '30' });
    expect(ok.status).toBe(302);
    const series = await w.apiClient(await w.token(w.orgA, 'viewer')).get('/indicators/social-workers-per-10k/series');
    expect(series.body.items.find((p: { period: string }) => p.period === '2026-Q3')).toMatchObject({
      target: 30,
      rag: 'red',
    });
  });

  it('gives statuses for the plans engine and records computed values', async () => {
    const statuses = await getIndicatorStatuses(w.services.db, w.orgA.id, [
      ids['caseload-per-social-worker'],
      ids['care-leavers-eet'],
    ]);
    expect(statuses.get(ids['caseload-per-social-worker'])).toMatchObject({
      key: 'caseload-per-social-worker',
      latestPeriod: '2026-10',
      latestValue: 16.6,
      rag: 'amber',
    });
    // Over the last six months caseloads fall from 18.3 to 16.6: beyond the 5% stable band.
    expect(statuses.get(ids['caseload-per-social-worker'])!.trend).toBe('improving');
    expect(statuses.get(ids['care-leavers-eet'])).toMatchObject({ trend: 'worsening', rag: 'red' });
    expect((await getIndicatorStatuses(w.services.db, w.orgB.id, [ids['care-leavers-eet']])).size).toBe(0);
    const result = await w.services.db.transaction().execute((trx) =>
      recordComputedValues(trx, w.orgA.actor, [
        {
          key: 'annex-a-open-cin',
          name: 'Children in need (Annex A)',
          period: '2026-10',
          value: 812,
          provenance: { list: 6 },
        },
      ]),
    );
    expect(result).toEqual({ created: 1, corrected: 0, unchanged: 0 });
    const again = await w.services.db
      .transaction()
      .execute((trx) =>
        recordComputedValues(trx, w.orgA.actor, [{ key: 'annex-a-open-cin', period: '2026-10', value: 815 }]),
      );
    expect(again).toEqual({ created: 0, corrected: 1, unchanged: 0 });
  });

  it('serves CSV and JSON feeds by token', async () => {
    const token = await w.token(w.orgA, 'viewer');
    const csv = await w.apiClient(token).get('/feeds/indicators.csv');
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toBe(
      'key,name,theme,unit,polarity,frequency,period,value,target,rag,source,note',
    );
    const json = await w.apiClient(token).get('/feeds/indicators.json');
    expect(json.body.items.length).toBeGreaterThan(800);
    expect((await request(w.app).get('/api/v1/feeds/indicators.json')).status).toBe(401);
  });
});
