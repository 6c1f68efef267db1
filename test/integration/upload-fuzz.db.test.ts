import fs from 'node:fs';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, type World } from '../support/world.js';
import { xlsxBomb, xlsxDeepNesting, xlsxHugeSharedStrings, xlsxOf } from '../support/hostile-files.js';

const MB = 1024 * 1024;

/** What a refusal says: the API's error message, or the first entry of a page's GOV.UK error summary. */
const apiMessage = (res: request.Response): string | undefined => res.body?.error?.message;
const pageMessage = (res: request.Response): string | undefined =>
  /govuk-error-summary__list[\s\S]*?<a [^>]*>\s*([^<]*?)\s*<\/a>/.exec(res.text)?.[1];
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
/**
 * Start the high-water mark again from the present RSS (Linux: "5" to clear_refs), so the peak counts
 * only what happens from here on. Without it the peak is the whole process's: on Node 24 that is ~1 GB
 * before the first upload, as V8 13's optimising compiler takes ~600 MB for a moment to compile one
 * large function of PGlite's WebAssembly. Where it cannot be reset the old peak stays in (stricter).
 */
const resetPeakRss = () => {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the peak then includes everything before, which only makes the bound harder.
  }
};

const SHEET = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
// A well-formed workbook with no rows: refused by every import as it is, so no corruption of it can
// turn into a file that should be accepted.
const GOOD = xlsxOf(SHEET(''));

/**
 * Malformed uploads, generated: random bytes, truncated and corrupted zips, workbooks with broken XML,
 * nesting thousands deep, huge shared-string tables, zip bombs, and files of the wrong type under an
 * accepted name. Every one, sent to any import endpoint, must be answered with a 4xx; the server must
 * not crash, and its memory must stay bounded.
 */
function malformedUploads(fixed: Buffer[]): fc.Arbitrary<{ kind: string; bytes: Buffer }> {
  // Binary (not text): always at least one control byte, so no endpoint could read it as a CSV.
  const binary = fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((a) => {
    const b = Buffer.from(a);
    b[0] = 0x01;
    return { kind: 'random bytes', bytes: b };
  });
  const truncated = fc
    .integer({ min: 4, max: GOOD.length - 1 })
    .map((n) => ({ kind: 'truncated zip', bytes: GOOD.subarray(0, n) }));
  const corrupted = fc
    .array(fc.tuple(fc.integer({ min: 4, max: GOOD.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 20,
    })
    .map((flips) => {
      const b = Buffer.from(GOOD);
      for (const [at, v] of flips) b[at] = v;
      return { kind: 'corrupted zip', bytes: b };
    });
  const brokenXml = fc
    .oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        '<row><c>',
        '<row r="x"><c r="A1"><v>1</row>',
        '<<<>>>',
        '<row r="1"><c r="A1" t="s"><v>99999</v></c></row></worksheet>',
        '&bogus;',
      ),
    )
    .map((junk) => ({
      kind: 'broken XML',
      bytes: xlsxOf(
        SHEET(`<row r="1"><c r="A1"><v>1</v></c></row>${junk}<!-- ${junk}`).replace('</sheetData>', '<sheetData>'),
      ),
    }));
  const deep = fc.integer({ min: 65, max: 3000 }).map((d) => ({ kind: 'deep nesting', bytes: xlsxDeepNesting(d) }));
  const wrongType = fc.constantFrom(
    { kind: 'PDF as a workbook', bytes: Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n\u0001') },
    { kind: 'old .xls (OLE)', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 1, 2, 3]) },
    { kind: 'PNG', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) },
    { kind: 'empty zip', bytes: Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]) },
  );
  const prebuilt = fc.constantFrom(
    ...fixed.map((bytes, i) => ({ kind: ['zip bomb', 'lying zip bomb', 'huge shared strings'][i], bytes })),
  );
  return fc.oneof({ weight: 3, arbitrary: binary }, truncated, corrupted, brokenXml, deep, wrongType, prebuilt);
}

describe('a fuzz of malformed uploads across the import endpoints', () => {
  let w: World;
  let fixed: Buffer[];
  let csrf: string;
  let planId: string;
  let token: string;

  beforeAll(async () => {
    w = await createWorld();
    fixed = [await xlsxBomb(64), await xlsxBomb(64, { lie: true }), xlsxHugeSharedStrings(600_000)];
    token = await w.token(w.orgA, 'editor');
    planId = (
      await request(w.app)
        .post('/api/v1/plans')
        .set('Authorization', `Bearer ${token}`)
        .send({ title: 'Fuzzed plan', startDate: '2025-01-01', endDate: '2026-01-01' })
    ).body.id;
    csrf = await csrfFrom(await w.agent(w.orgA, 'editor'), '/indicators/import');
  }, 60_000);
  afterAll(() => w.close());

  it('answers every one of 1,000 with a 4xx, without a crash, within bounded memory', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    // Every Annex A refusal also says what is wrong, so the person uploading can act on it.
    const endpoints: {
      name: string;
      message?: (res: request.Response) => string | undefined;
      send: (b: Buffer, f: string) => request.Test;
    }[] = [
      {
        name: 'indicator import',
        send: (b: Buffer, f: string) => agent.post('/indicators/import').field('_csrf', csrf).attach('file', b, f),
      },
      {
        name: 'plan import',
        send: (b: Buffer, f: string) => agent.post(`/plans/${planId}/import`).field('_csrf', csrf).attach('file', b, f),
      },
      {
        name: 'Annex A (API, dry run)',
        message: apiMessage,
        send: (b: Buffer, f: string) =>
          request(w.app)
            .post('/api/v1/annex-a/imports?dryRun=true')
            .set('Authorization', `Bearer ${token}`)
            .field('referenceDate', '2024-03-31')
            .attach('file', b, f),
      },
      {
        name: 'Annex A (page)',
        message: pageMessage,
        send: (b: Buffer, f: string) =>
          agent
            .post('/annex-a/upload')
            .field('_csrf', csrf)
            .field('referenceDate-day', '31')
            .field('referenceDate-month', '3')
            .field('referenceDate-year', '2024')
            .attach('file', b, f),
      },
      {
        name: 'report PDF (API)',
        send: (b: Buffer, f: string) =>
          request(w.app)
            .post('/api/v1/inspections/import-report')
            .set('Authorization', `Bearer ${token}`)
            .attach('file', b, f),
      },
      {
        name: 'report PDF (page)',
        send: (b: Buffer, f: string) => agent.post('/inspections/import').field('_csrf', csrf).attach('file', b, f),
      },
    ];
    resetPeakRss();
    const baseline = rss();
    let peak = peakRss();
    let sent = 0;
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints).chain((endpoint) => fc.tuple(fc.constant(endpoint), malformedUploads(fixed))),
        fc.constantFrom('data.xlsx', 'data.csv', 'report.pdf', 'list.zip', 'noextension'),
        async ([endpoint, upload], filename) => {
          const res = await endpoint.send(upload.bytes, filename);
          sent++;
          seen.set(upload.kind, (seen.get(upload.kind) ?? 0) + 1);
          peak = Math.max(peak, peakRss());
          if (res.status < 400 || res.status >= 500)
            throw new Error(`${endpoint.name}: ${upload.kind} as ${filename} → ${res.status}`);
          if (endpoint.message && !endpoint.message(res)?.trim())
            throw new Error(`${endpoint.name}: ${upload.kind} as ${filename} → ${res.status} without a message`);
        },
      ),
      { numRuns: 1000, seed: 20261130, endOnFailure: true },
    );
    const grewMb = (peak - baseline) / MB;
    console.log(
      `upload fuzz: ${sent} uploads (${[...seen].map(([k, n]) => `${k} ${n}`).join(', ')}); RSS ${Math.round(baseline / MB)} MB, peak +${grewMb.toFixed(0)} MB`,
    );
    expect(sent).toBe(1000);
    // Bounded, not tight: the process's high-water mark over the 1,000 uploads (reset just before them),
    // garbage not yet collected included. Measured +111 to +188 MB on Node 20 and +179 to +217 MB on
    // Node 24 on PGlite, ~+270 MB on both on PostgreSQL (a smaller start), since Annex A takes every hostile
    // kind (its 64 MB text table is read before it is refused); an unbounded read of one of the 64 MB zip
    // bombs alone would pass 1 GB. (The +385 to +477 MB once seen on Node 24 was the compile before them.)
    expect(grewMb).toBeLessThan(600);
    expect((await request(w.app).get('/health')).status).toBe(200);
  }, 120_000);
});
