/**
 * Annex A import benchmark: a synthetic workbook in the published template, the size of England's
 * largest authority (at least 250,000 rows across the lists), imported whole — parse, validate,
 * pseudonymise, store in one transaction, compute the indicators — against three floors on the same
 * workbook: only unzipping its sheets; unzipping and tokenising their XML with a SAX parser (the floor
 * this benchmark used to report); and unzipping and scanning them into rows of cell values with the
 * byte scanner the import uses (the floor now). Reports wall time and CPU time (the machine may be
 * shared: CPU time is what the import itself used), rows per second, the ratio to the floors, peak RSS
 * and the longest event-loop stall (the server keeps serving other users while an import runs).
 *
 *   npx tsx bench/annex-a.ts [--children 90000]
 *
 * The workbook is generated in a child process (so its memory does not count) and cached in the temp
 * folder. The database is PostgreSQL when DATABASE_URL is set (in a throw-away schema, dropped at the
 * end), else the embedded PGlite in memory (so the stored data is in this process's memory too). Only
 * the migrations run: no demo content. Memory is reported as the RSS before the import (the database
 * engine and migrations; PGlite's WebAssembly heap alone is ~800 MB) and the peak during it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/container.js';
import { runImport } from '../src/features/annex-a/service.js';
import { inflateOnly, scanOnly, tokeniseOnly } from '../src/features/annex-a/read-floors.js';
import { storedRowCount } from '../src/features/annex-a/row-store.js';

const { values } = parseArgs({ options: { children: { type: 'string', default: '90000' } } });
const children = Number(values.children);
const referenceDate = '2024-06-28';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(os.tmpdir(), `waymark-annex-a-bench-${children}-v2.xlsx`);

if (!fs.existsSync(file)) {
  console.log(`Generating ${children} synthetic children into ${file} …`);
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'src/cli/main.ts'),
      'annex-a',
      'generate',
      '--children',
      String(children),
      '--out',
      `${file}.part`,
      '--reference-date',
      referenceDate,
    ],
    { stdio: 'inherit', cwd: root },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.renameSync(`${file}.part`, file);
}
const bytes = fs.statSync(file).size;

const gc = (globalThis as { gc?: () => void }).gc;

// PostgreSQL when DATABASE_URL is set (in a throw-away schema), else the embedded PGlite in memory.
const databaseUrl = process.env.DATABASE_URL;
const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
if (databaseUrl) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
}
const services = databaseUrl
  ? await createServices(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', DATABASE_URL: databaseUrl }), {
      searchPath: schema,
    })
  : await createServices(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' }), { memory: true });
const org = await services.db
  .insertInto('organisations')
  .values({
    slug: 'bench',
    name: 'Bench Council',
    laCode: null,
    gssCode: null,
    region: null,
    childPopulation: 330_000,
    pseudonymSecret: crypto.randomBytes(32).toString('base64url'),
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const actor = { organisationId: org.id, userId: null, label: 'Benchmark' };
gc?.();
// Peak memory of the import alone: Linux lets a process reset its high-water mark (VmHWM) by writing 5
// to /proc/self/clear_refs, so the database's start-up and migrations do not count. RSS is also
// sampled every 50 ms as a cross-check (and as the fallback elsewhere).
const vmHwm = (): number | null => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
};
let hwmReset = false;
try {
  fs.writeFileSync('/proc/self/clear_refs', '5');
  hwmReset = true;
} catch {
  // not Linux, or not allowed: the sampled peak is used
}
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
const heapBefore = heapOf(process.memoryUsage());
let peakHeap = heapBefore;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, heapOf(m));
}, 50);
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const cpu1 = process.cpuUsage();
const elu1 = performance.eventLoopUtilization();
const t1 = performance.now();
const outcome = await runImport(services.db, actor, 'Benchmark', {
  source: { path: file },
  filename: path.basename(file),
  referenceDate,
  mode: 'commit',
});
const importMs = performance.now() - t1;
const importCpuMs = cpuMs(process.cpuUsage(cpu1));
// The main thread's busy time: what a quiet machine's wall time comes down to, since unzipping and
// compressing run on libuv's thread pool alongside it.
const importBusyMs = performance.eventLoopUtilization(elu1).active;
loop.disable();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const hwm = hwmReset ? vmHwm() : null;
if (hwm !== null) peakRss = Math.max(peakRss, hwm);
const stored = await storedRowCount(services.db);
await services.close();

// The floor runs after the import, so the import's memory baseline is not inflated by it and the floor
// (not the import) gets the already-warmed XML tokeniser: both favour the floor.
async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; cpu: number }> {
  gc?.();
  const c = process.cpuUsage();
  const t = performance.now();
  const result = await run();
  return { result, ms: performance.now() - t, cpu: cpuMs(process.cpuUsage(c)) };
}
const inflate = await timed(() => inflateOnly({ path: file }));
const sax = await timed(() => tokeniseOnly({ path: file }));
const scan = await timed(() => scanOnly({ path: file }));
const floor = sax.result;
const floorMs = scan.ms;
if (databaseUrl) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(`drop schema ${schema} cascade`);
  await c.end();
}

const rows = Object.values(outcome.rows).reduce((a, b) => a + b, 0);
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}; database ${databaseUrl ? 'PostgreSQL' : 'PGlite (embedded, in memory)'}`,
);
console.log(`Workbook: ${children} children, ${rows} rows, ${mb(bytes)} on disk, ${mb(floor.bytes)} of sheet XML`);
console.log(
  `Status: ${outcome.status}; ${stored} rows stored; ${outcome.quality.errors} errors, ${outcome.quality.warnings} warnings; ${outcome.indicators.length} indicators`,
);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`Floor, unzip only: ${s(inflate.ms)} (CPU ${s(inflate.cpu)})`);
console.log(`Floor, unzip + SAX tokenise (the old floor): ${s(sax.ms)} (CPU ${s(sax.cpu)})`);
console.log(
  `Floor, unzip + scan into cell values (the import's tokeniser): ${s(scan.ms)} (CPU ${s(scan.cpu)}), ${scan.result.rows} rows`,
);
console.log(
  `Whole import (parse, validate, pseudonymise, store, compute): ${s(importMs)} (CPU ${s(importCpuMs)}, main thread busy ${s(importBusyMs)}; ${Math.round(rows / (importMs / 1000))} rows/s)`,
);
console.log(
  `Ratio to the scan floor: ${(importMs / floorMs).toFixed(2)}× (CPU ${(importCpuMs / scan.cpu).toFixed(2)}×); to the SAX floor: ${(importMs / sax.ms).toFixed(2)}×`,
);
console.log(`RSS before the import (database open, migrations run, no seeds): ${mb(rssBefore)}`);
console.log(
  `Peak RSS during the import: ${mb(peakRss)} (${hwm !== null ? 'VmHWM, reset just before the import' : 'sampled every 50 ms'}); the import's own cost: ${mb(peakRss - rssBefore)}`,
);
console.log(
  `JavaScript heap + external (sampled every 50 ms): ${mb(heapBefore)} before, ${mb(peakHeap)} at most during the import`,
);
console.log(
  `Longest event-loop stall during the import: ${(loop.max / 1e6).toFixed(0)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms)`,
);
if (outcome.status !== 'committed' || rows < 250_000) {
  console.error('The benchmark workbook must commit and hold at least 250,000 rows');
  process.exit(1);
}
