import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, testEngine, type TestServices } from '../support/services.js';
import { childEnv, runNode, startWaymark } from '../support/processes.js';

const METRICS_TOKEN = 'metrics-token-for-the-cluster-test';
const runningLines = (output: string) => output.split('\n').filter((l) => l.includes('"msg":"Waymark is running'));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

if (testEngine() === 'postgres') {
  describe('WEB_CONCURRENCY=2 on PostgreSQL: two worker processes behind one port', () => {
    let services: TestServices;
    let server: Awaited<ReturnType<typeof startWaymark>>;
    let workers: number[];

    beforeAll(async () => {
      services = await createTestServices();
      server = await startWaymark({ DATABASE_URL: services.childDatabaseUrl, WEB_CONCURRENCY: '2', METRICS_TOKEN });
      await server.waitFor((o) => runningLines(o).length === 2, 50_000);
      workers = runningLines(server.output()).map((l) => (JSON.parse(l) as { pid: number }).pid);
    });
    afterAll(async () => {
      await server?.stop('SIGKILL');
      for (const pid of workers ?? []) if (alive(pid)) process.kill(pid, 'SIGKILL');
      await services?.close();
    });

    it('shares the requests between the workers, and /metrics counts all of them from either', async () => {
      expect(new Set(workers).size).toBe(2);
      expect(workers).not.toContain(server.pid);
      for (let i = 0; i < 20; i++) expect((await fetch(`${server.url}/sign-in`)).status).toBe(200);
      await server.waitFor((o) => o.split('\n').filter((l) => l.includes('"route":"/sign-in"')).length === 20, 10_000);
      const servedBy = new Set(
        server
          .logs()
          .filter((l) => l.route === '/sign-in')
          .map((l) => l.pid),
      );
      expect(servedBy).toEqual(new Set(workers));
      // Two scrapes may reach different workers; each answers for the whole server.
      for (let scrape = 0; scrape < 2; scrape++) {
        const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
        expect(res.status).toBe(200);
        expect(await res.text()).toMatch(
          /^waymark_http_request_duration_seconds_count\{method="GET",route="\/sign-in",status="200"\} 20$/m,
        );
      }
    });

    it('replaces a worker that dies, and on SIGTERM stops every worker and exits cleanly', async () => {
      const started = () =>
        server
          .logs()
          .filter((l) => l.msg === 'Worker process started')
          .map((l) => l.workerPid as number);
      process.kill(workers[0], 'SIGKILL');
      await server.waitFor(/A worker process stopped unexpectedly: starting another/, 30_000);
      await server.waitFor(() => started().length === 3, 30_000);
      // The other worker serves on while the new one starts.
      expect((await fetch(`${server.url}/sign-in`)).status).toBe(200);
      await server.waitFor((o) => runningLines(o).length === 3, 50_000);
      // Answers whose bodies are not read: the stop below can catch one still saving its session,
      // whose keep-alive connection must then close when it finishes, not hold the worker 30 s.
      for (let i = 0; i < 4; i++) expect((await fetch(`${server.url}/sign-in`)).status).toBe(200);
      const all = started();
      server.child.kill('SIGTERM');
      const { code } = await server.exited;
      expect(code).toBe(0);
      expect(server.output()).toContain('Every worker has stopped');
      expect(server.output()).not.toContain('Requests still in flight at the shutdown timeout');
      expect(all.filter(alive)).toEqual([]);
      // Starting a worker on two busy cores can take many seconds; nothing here is a timing claim.
    }, 120_000);
  });
} else {
  describe('WEB_CONCURRENCY on the embedded database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cluster-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('is refused with a clear message before anything starts: the embedded database is one process’s', async () => {
      const proc = runNode(
        ['--import', 'tsx', 'src/server.ts'],
        childEnv({ WAYMARK_DATA_DIR: dir, WEB_CONCURRENCY: '2', PORT: '0' }),
      );
      const { code } = await proc.exited;
      expect(code).toBe(2);
      const fatal = proc.logs().find((l) => l.level === 'fatal');
      expect(fatal?.msg).toMatch(
        /^WEB_CONCURRENCY=2 needs PostgreSQL: the embedded database can be opened by one process only\. Set DATABASE_URL/,
      );
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });
}
