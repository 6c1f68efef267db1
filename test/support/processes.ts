import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A port nothing is listening on right now (the kernel's choice, released at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningProcess {
  child: ChildProcess;
  pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The stdout lines that are JSON log records. */
  logs(): Record<string, unknown>[];
  /** Resolve once the output matches, or reject after `ms` with what was written. */
  waitFor(match: RegExp | ((output: string) => boolean), ms: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal (default SIGTERM) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Environment for a child Waymark: only what a server would have (the test runner's own variables,
 * such as vitest's BASE_URL=/ and NODE_OPTIONS, would change its configuration), plus `extra`.
 */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    SECURE_COOKIES: 'false',
    TZ: 'Europe/London',
    // Production requires one; a fixed value lets every process of a test share sessions.
    SESSION_SECRET: 'a-session-secret-for-waymark-test-processes-only',
  };
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'CHROMIUM_PATH'])
    if (process.env[key]) env[key] = process.env[key];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Start a Node process (the same Node as the tests) and collect its output. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): RunningProcess {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const w of waiters) w();
  });
  return {
    child,
    pid: child.pid!,
    output: () => output,
    logs: () =>
      output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    waitFor(match, ms) {
      const test = typeof match === 'function' ? match : (o: string) => match.test(o);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (test(output)) {
            done();
            resolve();
          } else if (hasExited) {
            done();
            reject(new Error(`The process exited before ${String(match)}; it wrote:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Timed out after ${ms} ms waiting for ${String(match)}; the process wrote:\n${output}`));
        }, ms);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    exited,
    async stop(signal = 'SIGTERM') {
      if (!hasExited) child.kill(signal);
      return exited;
    },
  };
}

/** `node --import tsx src/server.ts` (or a compiled entry), started and listening on its own port. */
export async function startWaymark(
  env: Record<string, string | undefined>,
  opts: { entry?: string; readyMs?: number } = {},
) {
  const port = await freePort();
  const args = opts.entry ? [opts.entry] : ['--import', 'tsx', 'src/server.ts'];
  const proc = runNode(args, childEnv({ PORT: String(port), SEED_DEMO: 'false', ...env }));
  await proc.waitFor(/"msg":"Waymark is running/, opts.readyMs ?? 50_000);
  return { ...proc, port, url: `http://127.0.0.1:${port}` };
}
