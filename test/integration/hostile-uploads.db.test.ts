import fs from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, type World } from '../support/world.js';
import {
  xlsxBomb,
  xlsxDeepNesting,
  xlsxFarRow,
  xlsxHugeSharedStrings,
  xlsxWideColumn,
} from '../support/hostile-files.js';
import { UploadGate } from '../../src/lib/upload-limits.js';
import { whileWatchingHealth } from '../support/health-watch.js';

const MB = 1024 * 1024;

/** This process's resident memory now and at its peak since the last reset (Linux /proc). */
function memory(): { rss: number; peak: number } {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
function resetPeak(): void {
  fs.writeFileSync('/proc/self/clear_refs', '5');
}

describe('hostile spreadsheets: refused while streaming, memory bounded, the server keeps serving', () => {
  let w: World;
  let bomb: Buffer;
  let lyingBomb: Buffer;
  let planId: string;

  beforeAll(async () => {
    w = await createWorld();
    // 256 MB of sheet XML in a ~0.8 MB .xlsx (ratio ~330); the lying one claims the sheet is 1 KB.
    bomb = await xlsxBomb(256);
    lyingBomb = await xlsxBomb(256, { lie: true });
    const token = await w.token(w.orgA, 'editor');
    const plan = await request(w.app)
      .post('/api/v1/plans')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Hostile plan', startDate: '2025-01-01', endDate: '2026-01-01' });
    planId = plan.body.id;
  }, 120_000);
  afterAll(() => w.close());

  async function uploadTo(page: string, action: string, file: Buffer, filename: string) {
    const agent = await w.agent(w.orgA, 'editor');
    const _csrf = await csrfFrom(agent, page);
    return agent.post(action).field('_csrf', _csrf).attach('file', file, filename);
  }
  const indicatorUpload = (file: Buffer, name = 'bomb.xlsx') =>
    uploadTo('/indicators/import', '/indicators/import', file, name);
  const planUpload = (file: Buffer, name = 'bomb.xlsx') =>
    uploadTo(`/plans/${planId}/import`, `/plans/${planId}/import`, file, name);

  it('refuses a zip bomb to the indicator and plan imports with a 422 that says what it is', async () => {
    for (const upload of [indicatorUpload, planUpload]) {
      for (const file of [bomb, lyingBomb]) {
        const res = await upload(file);
        expect(res.status).toBe(422);
        expect(res.text).toMatch(/looks like a zip bomb/);
      }
    }
  });

  it('refuses too many rows, a column past the limit, a huge text table and deep nesting, naming each', async () => {
    const rows = Buffer.from(
      ['indicator,period,value', ...Array.from({ length: 50_001 }, (_, i) => `agency-rate,2024-01,${i % 100}`)].join(
        '\n',
      ),
    );
    expect((await indicatorUpload(rows, 'rows.csv')).text).toMatch(/more than 50,000 rows/);
    const wideCsv = Buffer.from(`indicator,${Array.from({ length: 500 }, (_, i) => `c${i}`).join(',')}\n`);
    expect((await indicatorUpload(wideCsv, 'wide.csv')).text).toMatch(/more than 400 columns/);
    const wide = await indicatorUpload(xlsxWideColumn());
    expect(wide.status).toBe(422);
    expect(wide.text).toMatch(/more than 400 columns/);
    const far = await planUpload(xlsxFarRow());
    expect(far.status).toBe(400);
    expect(far.text).toMatch(/more than 2,000 rows/);
    const strings = await indicatorUpload(xlsxHugeSharedStrings(600_000));
    expect(strings.status).toBe(422);
    expect(strings.text).toMatch(/table of text is larger/);
    const deep = await indicatorUpload(xlsxDeepNesting(5_000));
    expect(deep.status).toBe(422);
    expect(deep.text).toMatch(/nested more deeply/);
  });

  it('answers "busy, try again in a minute" (429, Retry-After) when every upload slot is taken, reading nothing', async () => {
    const gate = new UploadGate(1);
    w.app.locals.uploadGate = gate;
    const hold = gate.tryEnter()!;
    try {
      const res = await indicatorUpload(Buffer.from('indicator,period,value\nagency-rate,2024-01,5\n'), 'ok.csv');
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('60');
      expect(res.text).toContain('Waymark is busy reading other uploads');
      const token = await w.token(w.orgA, 'editor');
      const api = await request(w.app)
        .post('/api/v1/annex-a/imports?dryRun=true')
        .set('Authorization', `Bearer ${token}`)
        .field('referenceDate', '2024-03-31')
        .attach('file', Buffer.from('x'), 'a.csv');
      expect(api.status).toBe(429);
      expect(api.body.error.code).toBe('busy');
    } finally {
      hold();
      w.app.locals.uploadGate = new UploadGate(2);
    }
    const after = await indicatorUpload(Buffer.from('indicator,period,value\nagency-rate,2024-01,5\n'), 'ok.csv');
    expect(after.status).toBeLessThan(429);
  });

  it('grows by less than 300 MB under a burst of bombs (before: ~1 GB each, and four stopped the server), and /health stays fast', async () => {
    // Warm up the routes and the reader once, so the figure is what the attack adds.
    await indicatorUpload(bomb);
    await planUpload(lyingBomb);
    (globalThis as { gc?: () => void }).gc?.();
    const before = memory();
    resetPeak();
    const uploads = () => {
      const sent = [];
      for (let i = 0; i < 4; i++)
        sent.push(indicatorUpload(i % 2 ? bomb : lyingBomb), planUpload(i % 2 ? lyingBomb : bomb));
      return Promise.all(sent);
    };
    const {
      result: answers,
      slowestHealthMs: slowestHealth,
      healthFailures,
    } = await whileWatchingHealth(w.app, uploads, 50);
    const after = memory();
    const grewMb = (after.peak - before.rss) / MB;
    console.log(
      `hostile uploads: RSS ${Math.round(before.rss / MB)} MB before, peak ${Math.round(after.peak / MB)} MB (+${grewMb.toFixed(1)} MB); slowest /health ${slowestHealth.toFixed(0)} ms; statuses ${answers.map((a) => a.status).join(',')}`,
    );
    // Every answer is a refusal the person can act on: 422 (a bomb) or 429 (busy).
    expect(answers.every((a) => a.status === 422 || a.status === 429)).toBe(true);
    expect(answers.some((a) => a.status === 422)).toBe(true);
    expect(grewMb).toBeLessThan(300);
    expect(healthFailures).toBe(0);
    expect(slowestHealth).toBeLessThan(1000);
    // and it still serves people
    expect((await (await w.agent(w.orgA, 'viewer')).get('/indicators')).status).toBe(200);
  }, 120_000);
});
