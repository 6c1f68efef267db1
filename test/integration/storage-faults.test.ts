import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createServices, type Services } from '../../src/container.js';
import { createApp } from '../../src/app.js';
import { createApiToken } from '../../src/features/account/tokens.js';

/**
 * Storage faults are visible and heal by themselves, on both engines:
 * - the embedded database's folder made read-only under a running server, then writable again;
 * - a PostgreSQL server stopped under a running app, then started again. This is a throw-away cluster
 *   of its own (initdb in a temporary folder, on a free port), never the machine's shared one.
 * During the fault a write answers a clear 503 (page or JSON) and /health answers 503 with the reason;
 * afterwards both work again without a restart. Before, writes gave a generic 500, /health said ok,
 * and nothing recovered until the server was restarted.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await sleep(250);
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

// Root ignores file permissions, so as root (CI here runs as root) the folder is made immutable
// (chattr +i: not even root can create or change a file in it); otherwise its write permission is removed.
const asRoot = process.getuid?.() === 0;
function makeReadOnly(folder: string, readOnly: boolean): void {
  if (asRoot) execFileSync('chattr', ['-R', readOnly ? '+i' : '-i', folder]);
  else execFileSync('chmod', ['-R', readOnly ? 'a-w' : 'u+w', folder]);
}

describe('the embedded database folder becomes read-only under a running server, then writable again', () => {
  let dir: string;
  let child: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-ro-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        TZ: 'Europe/London',
        PORT: String(port),
        BASE_URL: base,
        WAYMARK_DATA_DIR: dir,
        SEED_DEMO: 'false',
        NODE_ENV: 'development',
        HOME: dir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitFor(
      'the server to start',
      async () => ((await request(base).get('/health')).status === 200 ? true : undefined),
      90_000,
    ).catch((err) => {
      throw new Error(`${(err as Error).message}\n${output}`);
    });
  }, 120_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await sleep(500);
    if (dir) {
      makeReadOnly(path.join(dir, 'pglite'), false);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A write: a sign-in attempt records a failure for the address, whether or not it exists. */
  async function signInAttempt() {
    const agent = request.agent(base);
    const page = await agent.get('/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? 'none';
    return agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrf, email: 'nobody@example.test', password: 'wrong-password' });
  }

  it('answers writes with a clear 503 and /health with 503 and the reason, then recovers by itself', async () => {
    expect((await signInAttempt()).status).toBe(401);
    makeReadOnly(path.join(dir, 'pglite'), true);
    const health = await waitFor(
      '/health to report the fault',
      async () => {
        const res = await request(base).get('/health');
        return res.status === 503 ? res : undefined;
      },
      15_000,
    );
    expect(health.body.status).toBe('unavailable');
    expect(health.body.reason).toMatch(/data folder .* cannot be written/);
    expect(health.headers['retry-after']).toBe('30');
    const write = await request(base).post('/sign-in').type('form').send({ email: 'x@example.test', password: 'y' });
    expect(write.status).toBe(503);
    expect(write.text).toContain('Waymark cannot save or show data at the moment');
    expect(write.text).toContain('Nothing you sent has been saved');
    const api = await request(base).post('/api/v1/risks').set('Authorization', 'Bearer wm_x').send({});
    expect(api.status).toBe(503);
    expect(api.body.error.code).toBe('storage-unavailable');
    expect((await request(base).get('/health/ready')).status).toBe(503);

    makeReadOnly(path.join(dir, 'pglite'), false);
    await waitFor(
      '/health to recover',
      async () => ((await request(base).get('/health')).status === 200 ? true : undefined),
      20_000,
    );
    expect((await signInAttempt()).status).toBe(401);
    const ready = await request(base).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ storage: 'ok', writable: 'ok', migrations: 'ok' });
    expect(child.exitCode).toBeNull();
  }, 90_000);
});

const PG_BIN = fs.existsSync('/usr/lib/postgresql')
  ? fs
      .readdirSync('/usr/lib/postgresql')
      .map((v) => `/usr/lib/postgresql/${v}/bin`)
      .find((b) => fs.existsSync(`${b}/pg_ctl`))
  : undefined;

describe('PostgreSQL stops under a running app, then starts again', () => {
  let dir: string;
  let port: number;
  let services: Services;
  let token: string;
  const pgUser = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      }
    : {};
  // Run from the cluster's own folder: the repository may not be readable by the postgres user.
  const pgCtl = (...args: string[]) =>
    execFileSync(`${PG_BIN}/pg_ctl`, ['-D', path.join(dir, 'data'), '-w', '-t', '30', ...args], {
      ...pgUser,
      cwd: dir,
      stdio: 'pipe',
    });

  beforeAll(async () => {
    if (!PG_BIN)
      throw new Error('PostgreSQL server binaries are needed (/usr/lib/postgresql/*/bin): apt-get install postgresql');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-pg-'));
    if (asRoot) fs.chownSync(dir, pgUser.uid!, pgUser.gid!);
    port = await freePort();
    execFileSync(
      `${PG_BIN}/initdb`,
      ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
      { ...pgUser, cwd: dir, stdio: 'pipe' },
    );
    pgCtl(
      'start',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      path.join(dir, 'log'),
    );
    const config = loadConfig({
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
    });
    services = await createServices(config);
    const org = await services.db
      .insertInto('organisations')
      .values({
        slug: 'faulty',
        name: 'Faulty Council',
        laCode: null,
        gssCode: null,
        region: null,
        childPopulation: null,
        pseudonymSecret: 'x'.repeat(43),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await services.db
      .insertInto('users')
      .values({
        organisationId: org.id,
        email: 'editor@faulty.test',
        displayName: 'Editor',
        role: 'editor',
        passwordHash: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    token = (
      await createApiToken(services.db, { organisationId: org.id, userId: user.id, label: 'Editor' }, user.id, 'test')
    ).token;
  }, 120_000);

  afterAll(async () => {
    await services?.close().catch(() => undefined);
    try {
      pgCtl('stop', '-m', 'immediate');
    } catch {
      /* already stopped */
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers writes with a 503 JSON and /health with 503 and the reason, then recovers by itself', async () => {
    const app = createApp(services);
    const addRisk = (reference: string) =>
      request(app)
        .post('/api/v1/risks')
        .set('Authorization', `Bearer ${token}`)
        .send({ reference, title: 'Workforce', likelihood: 3, impact: 3 });
    expect((await addRisk('R1')).status).toBe(201);

    pgCtl('stop', '-m', 'fast');
    const health = await request(app).get('/health');
    expect(health.status).toBe(503);
    expect(health.body.reason).toMatch(/database does not answer/);
    const during = await addRisk('R2');
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('storage-unavailable');
    expect(during.headers['retry-after']).toBe('30');
    const read = await request(app).get('/api/v1/risks').set('Authorization', `Bearer ${token}`);
    expect(read.status).toBe(503);

    pgCtl(
      'start',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      path.join(dir, 'log'),
    );
    await waitFor(
      '/health to recover',
      async () => ((await request(app).get('/health')).status === 200 ? true : undefined),
      20_000,
    );
    expect((await addRisk('R3')).status).toBe(201);
    const refs = await services.db.selectFrom('risks').select('reference').orderBy('reference').execute();
    // Nothing was half-saved during the fault.
    expect(refs.map((r) => r.reference)).toEqual(['R1', 'R3']);
    expect((await request(app).get('/health/ready')).status).toBe(200);
  }, 90_000);
});
