import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run, UsageError } from './main.js';
import { acquireDataDirLock } from '../db/lock.js';
import { createDb } from '../db/create-db.js';
import { hashToken } from '../features/account/tokens.js';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

describe('the waymark command line on the embedded database', () => {
  let dir: string;
  const saved = { ...process.env };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-'));
    process.env.WAYMARK_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    delete process.env.BASE_URL; // vitest sets BASE_URL='/' for Vite; Waymark reads it as its public address
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function capture(args: string[]): Promise<string[]> {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    try {
      await run(args);
    } finally {
      spy.mockRestore();
    }
    return lines;
  }

  it('migrates, creates an organisation, a user and a token, printing only the token on the last line', async () => {
    expect((await capture(['migrate'])).join('\n')).toMatch(/Applied: 001_foundation/);
    expect((await capture(['migrate'])).join('\n')).toContain('up to date');
    await capture(['org', 'create', '--slug', 'north-shire', '--name', 'North Shire Council', '--la-code', '999']);
    await capture([
      'user',
      'create',
      '--org',
      'north-shire',
      '--email',
      'dcs@north-shire.test',
      '--role',
      'admin',
      '--password',
      'a-long-enough-passphrase',
    ]);
    const out = await capture(['token', 'create', '--email', 'dcs@north-shire.test', '--name', 'Power BI']);
    const token = out.at(-1)!;
    expect(token).toMatch(/^wm_[A-Za-z0-9_-]{43}$/);

    const handle = await createDb({ dataDir: dir });
    try {
      const row = await handle.db
        .selectFrom('apiTokens')
        .innerJoin('users', 'users.id', 'apiTokens.userId')
        .select(['users.email', 'apiTokens.tokenHash'])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ email: 'dcs@north-shire.test', tokenHash: hashToken(token) });
      const org = await handle.db
        .selectFrom('organisations')
        .select(['name', 'laCode'])
        .where('slug', '=', 'north-shire')
        .executeTakeFirstOrThrow();
      expect(org).toEqual({ name: 'North Shire Council', laCode: '999' });
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('exits 65 when a national release is refused, saying nothing was loaded', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    process.exitCode = undefined;
    try {
      await run(['national', 'import', '--from', path.join(dir, 'no-such-release')]);
      expect(process.exitCode).toBe(65);
    } finally {
      process.exitCode = undefined;
      spy.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/^Nothing was loaded\. .*no-such-release: no such file or folder/);
  }, 120_000);

  it('seeds the demo council idempotently', async () => {
    await capture(['seed-demo']);
    await capture(['seed-demo']);
    const handle = await createDb({ dataDir: dir });
    try {
      const orgs = await handle.db.selectFrom('organisations').select('slug').where('slug', '=', 'demo').execute();
      const users = await handle.db
        .selectFrom('users')
        .select('email')
        .where('email', 'like', '%@demo.waymark.test')
        .execute();
      expect(orgs).toHaveLength(1);
      expect(users).toHaveLength(5);
    } finally {
      await handle.close();
    }
  }, 180_000);

  it.each([
    [
      [
        'user',
        'create',
        '--org',
        'north-shire',
        '--email',
        'x@y.test',
        '--role',
        'boss',
        '--password',
        'a-long-enough-passphrase',
      ],
      /--role must be one of/,
    ],
    [
      ['user', 'create', '--org', 'north-shire', '--email', 'x@y.test', '--role', 'viewer', '--password', 'short'],
      /--password: Password must be at least 12/,
    ],
    [
      [
        'user',
        'create',
        '--org',
        'nowhere',
        '--email',
        'x@y.test',
        '--role',
        'viewer',
        '--password',
        'a-long-enough-passphrase',
      ],
      /No organisation with slug "nowhere"/,
    ],
    [['org', 'create', '--slug', 'Bad Slug', '--name', 'X'], /--slug must be/],
    [['token', 'create', '--email', 'nobody@x.test', '--name', 'n'], /No user with email/],
    [['frobnicate'], /Unknown command "frobnicate"/],
  ])(
    'explains a bad command: %j',
    async (args, message) => {
      await expect(run(args)).rejects.toSatisfy(
        (e: unknown) => e instanceof UsageError && message.test((e as Error).message),
      );
    },
    60_000,
  );
});

describe('the embedded database folder lock', () => {
  it('stops a second process at once with a clear message, leaving the folder usable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-lock-'));
    const release = acquireDataDirLock(dir);
    try {
      const result = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'migrate'], {
        cwd: repoRoot,
        env: { ...process.env, WAYMARK_DATA_DIR: dir, DATABASE_URL: '', BASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('is already in use by another Waymark process');
      expect(result.stderr).toContain(`pid ${process.pid}`);
    } finally {
      release();
    }
    expect(fs.existsSync(path.join(dir, 'waymark.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-lock-'));
    fs.writeFileSync(path.join(dir, 'waymark.lock'), '999999');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'waymark.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => acquireDataDirLock(dir)).not.toThrow(); // the same process may reopen its own folder
    release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
