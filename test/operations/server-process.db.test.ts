import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/features/account/tokens.js';
import { createTestDataDir, createTestServices, testEngine } from '../support/services.js';
import { createOrg, PASSWORD, type TestOrg } from '../support/world.js';
import { startWaymark } from '../support/processes.js';

const METRICS_TOKEN = 'metrics-token-for-the-test-scraper';

/** A request whose body arrives in two parts, so it is in flight for as long as the test likes. */
function slowRequest(port: number, body: string) {
  const socket = net.connect(port, '127.0.0.1');
  let response = '';
  socket.on('data', (d: Buffer) => (response += d.toString('utf8')));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(response)));
  socket.on('error', () => {});
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
  );
  return { finish: () => socket.write(body.slice(half)), closed };
}

/** What happens to a new connection: 'connected', or the error code (ECONNREFUSED once nothing listens). */
const connectOutcome = (port: number) =>
  new Promise<string>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });

describe('a Waymark server process: JSON logs, /metrics, and shutdown on SIGTERM', () => {
  let server: Awaited<ReturnType<typeof startWaymark>>;
  let org: TestOrg;
  let token: string;
  let cleanup: () => Promise<void>;
  let cookie = '';

  beforeAll(async () => {
    let env: Record<string, string | undefined>;
    if (testEngine() === 'postgres') {
      const services = await createTestServices();
      org = await createOrg(services, 'alpha');
      ({ token } = await createApiToken(services.db, org.actor, org.users.editor.id, 'test'));
      env = { DATABASE_URL: services.childDatabaseUrl };
      cleanup = () => services.close();
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-process-'));
      const services = await createTestDataDir(dir);
      org = await createOrg(services, 'alpha');
      ({ token } = await createApiToken(services.db, org.actor, org.users.editor.id, 'test'));
      await services.close();
      env = { WAYMARK_DATA_DIR: dir, DATABASE_URL: undefined };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    server = await startWaymark({ ...env, METRICS_TOKEN, SHUTDOWN_TIMEOUT_SECONDS: '4' });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await cleanup?.();
  });

  it('writes one JSON line per request with its id, user id, route, status and duration, and never an email', async () => {
    const signInPage = await fetch(`${server.url}/sign-in`, { headers: { 'X-Request-Id': 'trace-from-the-proxy-1' } });
    expect(signInPage.headers.get('x-request-id')).toBe('trace-from-the-proxy-1');
    const html = await signInPage.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
    const anonymous = signInPage.headers.get('set-cookie')!.split(';')[0];
    const signIn = await fetch(`${server.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: org.users.admin.email, password: PASSWORD }),
    });
    expect(signIn.status).toBe(302);
    cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? anonymous;
    const missing = await fetch(
      `${server.url}/plans/${crypto.randomUUID()}?email=${encodeURIComponent(org.users.admin.email)}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(missing.status, server.output()).toBe(404);
    const requestId = missing.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    await server.waitFor((o) => o.includes(`"reqId":"${requestId}"`), 5000);
    const lines = server.logs();
    expect(lines.find((l) => l.reqId === 'trace-from-the-proxy-1')).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/sign-in',
      status: 200,
    });
    const line = lines.find((l) => l.reqId === requestId)!;
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/plans/:id',
      status: 404,
      userId: org.users.admin.id,
    });
    expect(line.path).toMatch(/^\/plans\/[0-9a-f-]{36}$/);
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
    expect(server.output()).not.toContain('@alpha.test');
    expect(server.output()).not.toContain(PASSWORD);
  });

  it('answers /metrics only to the holder of METRICS_TOKEN, in Prometheus format', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(
      401,
    );
    // An import, refused for having no file, is timed as an import.
    const importRes = await fetch(`${server.url}/api/v1/inspections/import-report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(importRes.status).toBe(422);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(
      /^waymark_http_request_duration_seconds_count\{method="GET",route="\/plans\/:id",status="404"\} [1-9]/m,
    );
    expect(text).toMatch(/^waymark_import_duration_seconds_count\{kind="inspections",outcome="rejected"\} 1$/m);
    expect(text).toMatch(/^waymark_job_runs_total\{job="session-pruning",outcome="done"\} 1$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    if (testEngine() === 'postgres') expect(text).toMatch(/^waymark_db_pool_connections\{state="total"\} [1-9]/m);
    expect(text).not.toMatch(/route="\/plans\/[0-9a-f]{8}-/);
  });

  it('on SIGTERM stops accepting, finishes requests in flight, gives up on the rest at the timeout, and closes the database', async () => {
    const body = new URLSearchParams({ email: 'nobody@example.test', password: 'x'.repeat(4000) }).toString();
    const finishing = slowRequest(server.port, body);
    const stuck = slowRequest(server.port, body);
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await server.waitFor(/Shutting down: no new connections/, 5000);
    expect(await connectOutcome(server.port)).toBe('ECONNREFUSED');

    finishing.finish();
    const answer = await finishing.closed;
    // A whole HTTP answer (the form has no CSRF token, so it is refused), telling the client to go elsewhere.
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);

    const { code } = await server.exited;
    const elapsed = Date.now() - signalled;
    expect(await stuck.closed).toBe('');
    expect(code).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(3500);
    expect(elapsed).toBeLessThan(15_000);
    const messages = server.logs().map((l) => l.msg);
    expect(messages).toContain('Requests still in flight at the shutdown timeout: closing their connections');
    expect(messages.at(-1)).toBe('Waymark stopped: database closed');
  });
});
