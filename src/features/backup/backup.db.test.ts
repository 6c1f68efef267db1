import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import type { Services } from '../../container.js';
import { migrateToLatest } from '../../db/migrate.js';
import { seedDemo, DEMO } from '../../db/seeds/demo.js';
import { createApiToken } from '../account/tokens.js';
import { createTestServices, testEngine, type TestEngine } from '../../../test/support/services.js';
import { writeBackupFile } from './backup.js';
import { restoreArchive } from './restore.js';

const NOW = new Date('2025-06-02T09:00:00Z');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * The archive's lines without its header (which names the engine and time) and trailer, each table's
 * rows sorted: rows come back in storage order, which PostgreSQL does not promise to keep exactly (a
 * short row may fill a gap an earlier page left), so the comparison is of each table's set of rows.
 */
function tableSections(file: string): string[] {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n').slice(1, -1);
  const out: string[] = [];
  let rows: string[] = [];
  for (const line of lines) {
    if (line.startsWith('[')) {
      rows.push(line);
      continue;
    }
    out.push(...rows.sort(), line);
    rows = [];
  }
  return out;
}

/**
 * A list in a stable order. Restored rows are stored afresh, so a list whose sort has ties (two
 * inspections that started the same day) may name the tied rows the other way round; what matters is
 * that every row is there with the same values.
 */
const sorted = <T>(items: T[]) => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
const list = (body: { items: unknown[] }) => sorted(body.items);

/** What the demo council's editor sees through the API: plans with RAG counts, indicators, risks, decisions, imports, reports. */
async function apiView(services: Services, token: string) {
  const app = createApp(services);
  const get = async (p: string) => {
    const res = await request(app).get(`/api/v1${p}`).set('Authorization', `Bearer ${token}`);
    expect(res.status, p).toBe(200);
    return res;
  };
  const plans = (await get('/plans')).body as { items: { id: string }[] };
  const summaries = [];
  for (const plan of plans.items) summaries.push((await get(`/plans/${plan.id}/summary`)).body);
  const reports = (await get('/reports')).body as { items: { id: string }[] };
  const reportFiles = [];
  for (const report of reports.items) {
    const file = await request(app)
      .get(`/api/v1/reports/${report.id}/files/docx`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    reportFiles.push({
      status: file.status,
      sha256: crypto
        .createHash('sha256')
        .update(file.body as Buffer)
        .digest('hex'),
    });
  }
  return {
    plans: sorted(plans.items),
    summaries: sorted(summaries),
    indicators: list((await get('/indicators')).body),
    risks: list((await get('/risks')).body),
    decisions: list((await get('/decisions')).body),
    annexImports: list((await get('/annex-a/imports')).body),
    inspections: list((await get('/inspections')).body),
    reports: sorted(reports.items),
    reportFiles: sorted(reportFiles),
  };
}

const pairs: [TestEngine, TestEngine][] =
  testEngine() === 'pglite'
    ? [['pglite', 'pglite']]
    : [
        ['postgres', 'postgres'],
        ['pglite', 'postgres'],
      ];

describe.each(pairs)('a demo council backed up from %s and restored into an empty %s database', (from, to) => {
  let source: Services;
  let target: Services;
  let token: string;
  let before: Awaited<ReturnType<typeof apiView>>;
  const file = path.join(tmp, `${from}-to-${to}.jsonl.gz`);

  beforeAll(async () => {
    source = await createTestServices({ engine: from, now: () => NOW });
    const ctx = await seedDemo(source);
    const editor = ctx.userIds['editor@demo.waymark.test'];
    ({ token } = await createApiToken(source.db, { ...ctx.actor, userId: editor }, editor, 'Power BI'));
    before = await apiView(source, token);
    await writeBackupFile(source.db, { engine: source.engine, waymarkVersion: 'test' }, file);
    target = await createTestServices({ engine: to, now: () => NOW, empty: true });
    await restoreArchive(target.db, () => fs.createReadStream(file));
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('holds every table with the same rows, value for value', async () => {
    const again = path.join(tmp, `${from}-to-${to}-again.jsonl.gz`);
    await writeBackupFile(target.db, { engine: target.engine, waymarkVersion: 'test' }, again);
    const original = tableSections(file);
    const restored = tableSections(again);
    expect(restored.length).toBe(original.length);
    expect(restored).toEqual(original);
    // The demo council is all there: its people, plans, indicators, audit trail and issued reports.
    const tables = original
      .filter((l) => l.startsWith('{"end"'))
      .map((l) => JSON.parse(l) as { end: string; rows: number });
    const rows = Object.fromEntries(tables.map((t) => [t.end, t.rows]));
    expect(rows.users).toBe(DEMO.users.length);
    for (const table of [
      'plans',
      'actions',
      'milestones',
      'indicator_values',
      'risks',
      'decisions',
      'annex_imports',
      'issued_report_files',
      'audit_events',
      'api_tokens',
    ]) {
      expect(rows[table], table).toBeGreaterThan(0);
    }
    expect(rows.sessions).toBeUndefined();
  });

  it('answers the same API token with the same plans, RAG counts, indicators, risks, decisions, imports and report files', async () => {
    const after = await apiView(target, token);
    expect(after.summaries.length).toBeGreaterThan(0);
    expect(after.reportFiles.every((f) => f.status === 200)).toBe(true);
    expect(after).toEqual(before);
  });

  it('carries on as a working database: migrations current, new records numbered after the restored ones', async () => {
    expect(await migrateToLatest(target.db)).toEqual([]);
    const res = await request(createApp(target))
      .post('/api/v1/risks')
      .set('Authorization', `Bearer ${token}`)
      .send({ reference: 'R-new', title: 'Added after the restore', likelihood: 2, impact: 3 });
    expect(res.status).toBe(201);
    const newest = await target.db
      .selectFrom('auditEvents')
      .select(['id', 'entityId'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(newest.entityId).toBe(res.body.id);
  });
});
