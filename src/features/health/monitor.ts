import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/create-db.js';
import { classifyDatabaseError } from '../../lib/database-errors.js';
import { logger } from '../../observability/logger.js';

export interface StorageState {
  ok: boolean;
  /** Why storage is not usable, in words an operator can act on. */
  reason?: string;
  /** When the fault was first seen. */
  since?: Date;
}

const PROBE_TIMEOUT_MS = 800;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

const describe = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return [e?.code, e?.message].filter(Boolean).join(': ').slice(0, 300) || 'unknown error';
};

/**
 * Watches whether the database can be read and written, so a fault is visible and heals by itself:
 * - every few seconds (and whenever a request meets a storage error, or /health asks) it checks: the
 *   embedded database's folder accepts a new file, and the database answers;
 * - while storage is faulty, writes are refused with a clear 503 before they touch the database, and
 *   /health answers 503 with the reason;
 * - when the checks pass again the fault clears; the embedded database is reopened from its folder
 *   first if it no longer works (PGlite can be left broken by a failed write even once the folder is
 *   writable again). PostgreSQL's pool simply connects again.
 */
export class StorageMonitor {
  private current: StorageState = { ok: true };
  private running: Promise<StorageState> | undefined;
  private lastCheck = 0;
  private timer: NodeJS.Timeout | undefined;
  private needsReopen = false;

  constructor(
    private readonly handle: Pick<DbHandle, 'db' | 'engine' | 'folder' | 'reopen'>,
    private readonly intervalMs = 5_000,
  ) {}

  get state(): StorageState {
    return this.current;
  }

  /** Check now, unless a check finished within `freshMs` (concurrent callers share one check). */
  check(freshMs = 500): Promise<StorageState> {
    if (this.running) return this.running;
    if (Date.now() - this.lastCheck < freshMs) return Promise.resolve(this.current);
    this.running = this.probe()
      .then((reason) => {
        if (reason) this.fault(reason);
        else this.current = { ok: true };
        return this.current;
      })
      .finally(() => {
        this.lastCheck = Date.now();
        this.running = undefined;
      });
    return this.running;
  }

  /** A request met a storage error: mark the fault at once and look again soon. */
  reportFault(err: unknown): void {
    if (classifyDatabaseError(err) !== 'storage') return;
    if (this.handle.reopen) this.needsReopen = true;
    this.fault(`The database could not read or write: ${describe(err)}`);
    this.lastCheck = 0;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(0).catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private fault(reason: string): void {
    if (this.current.ok) logger.error({ reason }, 'Storage fault');
    this.current = { ok: false, reason, since: this.current.since ?? new Date() };
  }

  /** The reason storage is not usable, or undefined when it is. */
  private async probe(): Promise<string | undefined> {
    if (this.handle.folder) {
      const problem = await this.folderProblem(this.handle.folder);
      if (problem) {
        if (this.handle.reopen) this.needsReopen = true;
        return problem;
      }
    }
    let problem = await this.databaseProblem();
    if ((problem || this.needsReopen) && this.handle.reopen) {
      // The folder is fine again but the embedded database is not (or may not be): open it afresh.
      try {
        await this.handle.reopen();
        this.needsReopen = false;
        problem = await this.databaseProblem();
        if (!problem) logger.warn('Storage recovered: the embedded database was reopened from its folder');
      } catch (err) {
        return `The embedded database could not be reopened: ${describe(err)}`;
      }
    }
    if (!problem && !this.current.ok) logger.warn('Storage recovered');
    return problem;
  }

  private async folderProblem(folder: string): Promise<string | undefined> {
    const probe = path.join(folder, `.write-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    try {
      await withTimeout(
        (async () => {
          const fh = await fs.promises.open(probe, 'wx');
          try {
            await fh.write('ok');
            await fh.sync();
          } finally {
            await fh.close();
          }
          await fs.promises.rm(probe, { force: true });
        })(),
        'The data folder',
      );
      return undefined;
    } catch (err) {
      return `The data folder ${folder} cannot be written (${describe(err)}): check its permissions and free space`;
    }
  }

  private async databaseProblem(): Promise<string | undefined> {
    try {
      await withTimeout(sql`select 1`.execute(this.handle.db), 'The database');
      return undefined;
    } catch (err) {
      return `The database does not answer: ${describe(err)}`;
    }
  }

  /**
   * Readiness: the database takes a write (a one-row upsert, rolled forward each time) and has every
   * migration this version of Waymark knows.
   */
  async readiness(knownMigrations: string[]): Promise<{ ok: boolean; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    const state = await this.check(0);
    checks.storage = state.ok ? 'ok' : (state.reason ?? 'unavailable');
    try {
      await withTimeout(
        this.handle.db
          .insertInto('storageProbe')
          .values({ id: 1, checkedAt: new Date() })
          .onConflict((oc) => oc.column('id').doUpdateSet({ checkedAt: new Date() }))
          .execute(),
        'A write to the database',
      );
      checks.writable = 'ok';
    } catch (err) {
      checks.writable = `The database does not take writes: ${describe(err)}`;
      this.reportFault(err);
    }
    try {
      const applied = await withTimeout(
        sql<{ name: string }>`select name from kysely_migration`.execute(this.handle.db),
        'The migrations table',
      );
      const have = new Set(applied.rows.map((r) => r.name));
      const missing = knownMigrations.filter((m) => !have.has(m));
      checks.migrations = missing.length ? `Migrations not applied: ${missing.join(', ')}` : 'ok';
    } catch (err) {
      checks.migrations = `The migrations could not be read: ${describe(err)}`;
    }
    return { ok: Object.values(checks).every((v) => v === 'ok'), checks };
  }
}
