import fs from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, type World } from '../support/world.js';
import { pdfBomb } from '../support/hostile-files.js';
import { reportFixture } from '../fixtures/paths.js';
import { whileWatchingHealth } from '../support/health-watch.js';

const PDF_LIMIT_MESSAGE =
  /The PDF (took more than 10 seconds to read|needs far more memory to read than an Ofsted report does)/;

/**
 * A PDF bomb built here: four pages that all draw one content stream inflating to 64 MB of text
 * operators, ~190 KB on disk. Before, reading it took 32 s of CPU on the thread that serves requests,
 * and /health timed out meanwhile. Now it is read in a worker with a 10 s limit: a 422 within 15 s,
 * and /health answers within 1 s throughout.
 */
describe('a PDF bomb sent as an Ofsted report', () => {
  let w: World;
  let bomb: Buffer;
  beforeAll(async () => {
    w = await createWorld();
    bomb = await pdfBomb(64, 4);
  }, 60_000);
  afterAll(() => w.close());

  it('is a 422 from the API within 15 s, and /health answers within 1 s throughout', async () => {
    expect(bomb.length).toBeLessThan(400 * 1024);
    const token = await w.token(w.orgA, 'editor');
    const run = await whileWatchingHealth(w.app, () =>
      request(w.app)
        .post('/api/v1/inspections/import-report')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', bomb, 'report.pdf'),
    );
    console.log(
      `PDF bomb (${Math.round(bomb.length / 1024)} KB): ${run.result.status} after ${run.seconds.toFixed(1)} s; slowest /health ${run.slowestHealthMs.toFixed(0)} ms`,
    );
    expect(run.result.status).toBe(422);
    expect(run.result.body.error.details[0]).toMatchObject({ path: 'file' });
    // Whichever limit the bomb reaches first (time or the worker's memory), it is refused plainly.
    expect(run.result.body.error.details[0].message).toMatch(PDF_LIMIT_MESSAGE);
    expect(run.seconds).toBeLessThan(15);
    expect(run.healthFailures).toBe(0);
    expect(run.slowestHealthMs).toBeLessThan(1000);
  }, 60_000);

  it('is refused on the upload page too, and a real report still reads afterwards', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const _csrf = await csrfFrom(agent, '/inspections/import');
    const run = await whileWatchingHealth(w.app, () =>
      agent.post('/inspections/import').field('_csrf', _csrf).attach('file', bomb, 'report.pdf'),
    );
    expect(run.result.status).toBe(422);
    expect(run.result.text).toMatch(PDF_LIMIT_MESSAGE);
    expect(run.seconds).toBeLessThan(15);
    expect(run.slowestHealthMs).toBeLessThan(1000);
    const token = await w.token(w.orgA, 'editor');
    const real = await request(w.app)
      .post('/api/v1/inspections/import-report')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', fs.readFileSync(reportFixture('leicester_2025-01-29.pdf')), 'leicester.pdf');
    expect(real.status).toBe(200);
    expect(real.body.judgements).toBeTruthy();
  }, 60_000);

  it('refuses a PDF with more pages than any Ofsted report, without laying them out', async () => {
    const token = await w.token(w.orgA, 'editor');
    const many = await pdfBomb(1, 200);
    const res = await request(w.app)
      .post('/api/v1/inspections/import-report')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', many, 'long.pdf');
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].message).toMatch(/has 200 pages/);
  }, 30_000);
});
