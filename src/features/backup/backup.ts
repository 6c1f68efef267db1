import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  BackupRefusedError,
  withTrailer,
  type ArchiveHeader,
  type ArchiveTableStart,
} from './archive.js';
import { EXCLUDED_TABLES, quoteIdent, readCatalogue, type CatalogueTable } from './catalogue.js';

/** About 8 MB of rows per read: small rows come a thousand at a time, evidence files a few at a time. */
const PAGE_TARGET_CHARS = 8 * 1024 * 1024;
const MAX_PAGE_ROWS = 1000;

export interface BackupMeta {
  engine: string;
  waymarkVersion: string;
  now?: () => Date;
}

export interface BackupSummary {
  tables: number;
  rows: number;
}

/**
 * Session settings that make every value's text form the same on any server: UTC timestamps, ISO
 * dates, hex bytea and shortest-exact floating point.
 */
export async function useCanonicalText(trx: Transaction<Database>): Promise<void> {
  for (const setting of [
    "timezone = 'UTC'",
    "datestyle = 'ISO, YMD'",
    "intervalstyle = 'postgres'",
    "bytea_output = 'hex'",
    'extra_float_digits = 3',
  ]) {
    await sql.raw(`set local ${setting}`).execute(trx);
  }
}

/**
 * One table's rows, each as a JSON array of its values' text, in the order they are stored, fetched
 * through a cursor a page at a time. Storage order (rather than key order) means a restored table
 * holds its rows in the same order as the original, so even a list whose sort has ties (two
 * inspections on one day) reads the same afterwards.
 */
async function* tableRows(trx: Transaction<Database>, table: CatalogueTable, cursor: string): AsyncGenerator<string> {
  const values = table.columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
  await sql
    .raw(
      `declare ${cursor} no scroll cursor for select to_json(array[${values}])::text as row from only ${quoteIdent(table.name)}`,
    )
    .execute(trx);
  let pageSize = 50;
  for (;;) {
    const { rows } = await sql<{
      row: string;
    }>`fetch forward ${sql.raw(String(pageSize))} from ${sql.raw(cursor)}`.execute(trx);
    let chars = 0;
    for (const { row } of rows) {
      chars += row.length;
      yield row;
    }
    if (rows.length < pageSize) break;
    pageSize = Math.max(1, Math.min(MAX_PAGE_ROWS, Math.round((pageSize * PAGE_TARGET_CHARS) / Math.max(chars, 1))));
  }
  await sql.raw(`close ${cursor}`).execute(trx);
}

/**
 * The whole database (every table the catalogue lists, less EXCLUDED_TABLES) as archive lines, read in
 * one repeatable-read, read-only transaction: one consistent snapshot while the server keeps working
 * (on PostgreSQL; the embedded database serves other requests when the backup is done). Stopping the
 * iteration rolls the transaction back.
 */
export async function* backupLines(
  db: Kysely<Database>,
  meta: BackupMeta,
  summary: BackupSummary = { tables: 0, rows: 0 },
): AsyncGenerator<string> {
  const trx = await db.startTransaction().setIsolationLevel('repeatable read').execute();
  let finished = false;
  try {
    await sql`set transaction read only`.execute(trx);
    await useCanonicalText(trx);
    // A sequential scan then starts at the table's first page, not wherever another scan has got to.
    await sql`set local synchronize_seqscans = off`.execute(trx);
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    const waymark = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relname = 'kysely_migration'`.execute(trx);
    if (!waymark.rows[0].n)
      throw new BackupRefusedError('This database has no Waymark tables: there is nothing to back up.');
    const catalogue = await readCatalogue(trx);
    const migrations = (
      await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx)
    ).rows.map((r) => r.name);
    const header: ArchiveHeader = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      createdAt: (meta.now?.() ?? new Date()).toISOString(),
      waymarkVersion: meta.waymarkVersion,
      engine: meta.engine,
      migrations,
      excluded: { ...EXCLUDED_TABLES },
    };
    yield JSON.stringify(header);
    for (const [index, table] of catalogue.tables.entries()) {
      const start: ArchiveTableStart = { table: table.name, columns: table.columns.map((c) => [c.name, c.type]) };
      yield JSON.stringify(start);
      let rows = 0;
      for await (const row of tableRows(trx, table, `waymark_backup_${index}`)) {
        rows++;
        yield row;
      }
      summary.tables++;
      summary.rows += rows;
      yield JSON.stringify({ end: table.name, rows });
    }
    await trx.commit().execute();
    finished = true;
  } finally {
    if (!finished) await trx.rollback().execute();
  }
}

/** The compressed archive as a stream (for a download); `summary` is filled in as it is read. */
export function backupStream(
  db: Kysely<Database>,
  meta: BackupMeta,
  summary: BackupSummary = { tables: 0, rows: 0 },
): Readable {
  return Readable.from(withTrailer(backupLines(db, meta, summary), () => summary)).pipe(zlib.createGzip());
}

/**
 * Write a backup to `file`. It is written under a temporary name beside the file and renamed only once
 * complete and flushed to disk, so an interrupted backup (`signal` aborted, a failure, the process
 * exiting) never leaves a file that looks finished; a hard kill leaves only the hidden partial file,
 * which lacks the trailer a restore looks for.
 */
export async function writeBackupFile(
  db: Kysely<Database>,
  meta: BackupMeta,
  file: string,
  opts: { signal?: AbortSignal } = {},
): Promise<BackupSummary & { bytes: number }> {
  const target = path.resolve(file);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
  const summary: BackupSummary = { tables: 0, rows: 0 };
  const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  const removePartial = () => fs.rmSync(partial, { force: true });
  process.once('exit', removePartial);
  try {
    await pipeline(Readable.from(withTrailer(backupLines(db, meta, summary), () => summary)), zlib.createGzip(), out, {
      signal: opts.signal,
    });
    const fd = fs.openSync(partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
    return { ...summary, bytes: fs.statSync(target).size };
  } catch (err) {
    removePartial();
    throw err;
  } finally {
    process.off('exit', removePartial);
  }
}
