/**
 * Load benchmark: the compiled server (`node dist/server.js`, as production runs it) with the demo
 * council, under 50 connections of mixed signed-in pages for 30 s (autocannon, after a 5 s warm-up),
 * in three set-ups: the embedded database, one process on PostgreSQL, and two worker processes on
 * PostgreSQL (WEB_CONCURRENCY=2).
 *
 *   npx tsx bench/load.ts [--duration 30] [--connections 50] [--only embedded,pg1,pg2] [--no-build]
 *
 * PostgreSQL comes from BENCH_DATABASE_URL (each set-up gets a throw-away schema, dropped after);
 * without it only the embedded database is measured. autocannon runs in this process, on the same
 * machine: on two cores it takes some of the CPU the server could have had.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const PASSWORD = 'demo-password';
const USERS = ['admin', 'editor', 'owner', 'owner2', 'councillor'].map((u) => `${u}@demo.waymark.test`);
const SESSIONS_PER_USER = 4;

interface Setup {
  name: string;
  label: string;
  env: Record<string, string>;
  cleanup?: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function pgSchema(url: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `bench_${name}_${Date.now().toString(36)}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`create schema ${schema}`);
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { url: u.toString(), drop: () => run(`drop schema ${schema} cascade`) };
}

/** Resident memory of a process and its children (the workers of a cluster), in MB. */
function rssMb(pid: number): number {
  const pids = [pid];
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) pids.push(Number(p));
    } catch {
      /* gone */
    }
  }
  let kb = 0;
  for (const p of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return Math.round(kb / 1024);
}

async function start(setup: Setup): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'dist/server.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SECURE_COOKIES: 'false',
      PORT: String(port),
      SEED_DEMO: 'true',
      SESSION_SECRET: 'a-session-secret-for-the-load-benchmark-only',
      ...setup.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${setup.label}: the server exited with ${child.exitCode}`);
    // The demo council is seeded before the server listens, so a sign-in page means it is ready.
    const ok = await fetch(`${base}/sign-in`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      if (setup.env.WEB_CONCURRENCY) await new Promise((r) => setTimeout(r, 3000)); // the second worker
      return { child, base };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${setup.label}: the server did not start`);
}

async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const cookie = page.headers.get('set-cookie')!.split(';')[0];
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }),
  });
  if (res.status !== 302) throw new Error(`Sign-in as ${email} failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** The mix: the pages a council officer moves between, with real ids from the demo council. */
async function pages(base: string, cookie: string): Promise<string[]> {
  const html = async (p: string) => (await fetch(`${base}${p}`, { headers: { cookie } })).text();
  const first = (text: string, pattern: RegExp) => pattern.exec(text)?.[1];
  const plan = first(await html('/plans'), /href="(\/plans\/[0-9a-f-]{36})"/);
  const action = plan ? first(await html(plan), /href="(\/actions\/[0-9a-f-]{36})"/) : undefined;
  const indicator = first(
    await html('/indicators'),
    /href="(\/indicators\/[0-9a-f-]{36}|\/indicators\/[a-z0-9-]+)"(?![^>]*new)/,
  );
  const meeting = first(await html('/governance'), /href="(\/governance\/meetings\/[0-9a-f-]{36})"/);
  const list = [
    '/',
    '/plans',
    plan,
    action,
    '/my-actions',
    '/indicators',
    indicator,
    '/governance',
    meeting,
    '/risks',
    '/reports',
    '/inspections',
  ];
  return list.filter(
    (p): p is string => Boolean(p) && !['/indicators/new', '/indicators/entry', '/indicators/import'].includes(p!),
  );
}

async function measure(setup: Setup) {
  const { child, base } = await start(setup);
  try {
    const cookies: string[] = [];
    for (const user of USERS) for (let i = 0; i < SESSIONS_PER_USER; i++) cookies.push(await signIn(base, user));
    const paths = await pages(base, cookies[0]);
    for (const p of paths) {
      const res = await fetch(`${base}${p}`, { headers: { cookie: cookies[0] }, redirect: 'manual' });
      if (res.status !== 200) throw new Error(`${setup.label}: ${p} answered ${res.status}`);
    }
    const idle = rssMb(child.pid!);
    let next = 0;
    // Each connection signs in as one of the sessions and walks the pages in turn.
    const requests: autocannon.Request[] = paths.map((p) => ({
      method: 'GET',
      path: p,
      setupRequest: (req, context) => {
        context.cookie ??= cookies[next++ % cookies.length];
        return { ...req, headers: { ...req.headers, cookie: context.cookie as string } };
      },
    }));
    await autocannon({ url: base, connections: CONNECTIONS, duration: 5, requests });
    const result = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION, requests });
    const errors = result.errors + result.timeouts + result.non2xx;
    return {
      setup: setup.label,
      requestsPerSecond: Math.round(result.requests.average * 10) / 10,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors,
      requests: result.requests.total,
      pages: paths.length,
      rssIdleMb: idle,
      rssAfterMb: rssMb(child.pid!),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main() {
  if (!values['no-build']) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const dbUrl = process.env.BENCH_DATABASE_URL;
  const only = values.only?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const setups: Setup[] = [];
  if (wanted('embedded')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-load-'));
    setups.push({
      name: 'embedded',
      label: 'embedded database (PGlite), 1 process',
      env: { WAYMARK_DATA_DIR: dir },
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    });
  }
  for (const [name, workers] of [
    ['pg1', 1],
    ['pg2', 2],
  ] as const) {
    if (!wanted(name)) continue;
    if (!dbUrl) {
      console.log(`Skipping ${name}: set BENCH_DATABASE_URL to measure PostgreSQL`);
      continue;
    }
    const schema = await pgSchema(dbUrl, name);
    setups.push({
      name,
      label: `PostgreSQL, ${workers} process${workers > 1 ? 'es' : ''}`,
      env: { DATABASE_URL: schema.url, ...(workers > 1 ? { WEB_CONCURRENCY: String(workers) } : {}) },
      cleanup: schema.drop,
    });
  }

  console.log(
    `${os.cpus().length} CPUs (${os.cpus()[0]?.model}), Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `${CONNECTIONS} connections, ${DURATION} s each after a 5 s warm-up, ${USERS.length * SESSIONS_PER_USER} signed-in sessions\n`,
  );
  const rows = [];
  for (const setup of setups) {
    try {
      const row = await measure(setup);
      rows.push(row);
      console.log(JSON.stringify(row));
    } finally {
      await setup.cleanup?.();
    }
  }
  console.log('\n| set-up | requests/s | p50 | p99 | errors | RSS idle → after |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.setup} | ${r.requestsPerSecond} | ${r.p50} ms | ${r.p99} ms | ${r.errors} | ${r.rssIdleMb} → ${r.rssAfterMb} MB |`,
    );
  const one = rows.find((r) => r.setup.startsWith('PostgreSQL, 1'));
  const two = rows.find((r) => r.setup.startsWith('PostgreSQL, 2'));
  if (one && two)
    console.log(
      `\nTwo processes against one: ${(two.requestsPerSecond / one.requestsPerSecond).toFixed(2)}× (aim: at least 1.6×)`,
    );
  console.log(
    `Load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
