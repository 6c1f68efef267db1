import crypto from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';

/**
 * A Waymark backup is gzip-compressed JSON lines (read it with `zcat`):
 *
 *   {"format":"waymark-backup","formatVersion":1,...,"migrations":[...]}   header
 *   {"table":"organisations","columns":[["id","uuid"],...]}              a table starts
 *   ["7f0c…","north-shire",...]                                          one row: each value as PostgreSQL's text, or null
 *   {"end":"organisations","rows":12}                                    the table ends
 *   …
 *   {"complete":true,"tables":58,"rows":40211,"sha256":"…"}              trailer: SHA-256 of every line above it
 *
 * Values are PostgreSQL's own text form (UTC, ISO dates, hex bytea), so the archive does not depend on
 * the engine that wrote it, and a restore casts each back to its column's type. See ADR 0820.
 */
export const ARCHIVE_FORMAT = 'waymark-backup';
export const ARCHIVE_FORMAT_VERSION = 1;

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  createdAt: string;
  waymarkVersion: string;
  engine: string;
  /** Migrations applied to the database the backup was taken from. */
  migrations: string[];
  /** Tables deliberately left out, with the reason. */
  excluded: Record<string, string>;
}

export interface ArchiveTableStart {
  table: string;
  columns: [name: string, type: string][];
}

export interface ArchiveTrailer {
  complete: true;
  tables: number;
  rows: number;
  sha256: string;
}

/** A backup that cannot be restored, with the reason in words an operator can act on. */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusedError';
  }
}

/** Lines in, the same lines out, with the trailer and its checksum added at the end. */
export async function* withTrailer(
  lines: AsyncIterable<string>,
  counts: () => { tables: number; rows: number },
): AsyncGenerator<string> {
  const hash = crypto.createHash('sha256');
  for await (const line of lines) {
    const text = `${line}\n`;
    hash.update(text);
    yield text;
  }
  const trailer: ArchiveTrailer = { complete: true, ...counts(), sha256: hash.digest('hex') };
  yield `${JSON.stringify(trailer)}\n`;
}

/** The first bytes of every archive: the header is written with `format` as its first key. */
const ARCHIVE_PREFIX = `{"format":"${ARCHIVE_FORMAT}"`;
/** No line of a backup is longer (a row holding the largest allowed evidence file is well under it). */
const MAX_LINE_CHARS = 400 * 1024 * 1024;

/**
 * The uncompressed lines of an archive, failing early and clearly when the file is not gzip, is cut
 * short, is damaged, or does not start like a Waymark backup.
 */
async function* gunzipLines(source: Readable): AsyncGenerator<string> {
  const gunzip = zlib.createGunzip();
  let bytes = 0;
  source.on('data', (chunk: Buffer) => (bytes += chunk.length));
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let checkedPrefix = false;
  try {
    for await (const chunk of gunzip) {
      const text = carry + decoder.write(chunk as Buffer);
      if (!checkedPrefix && text.length >= ARCHIVE_PREFIX.length) {
        if (!text.startsWith(ARCHIVE_PREFIX))
          throw new BackupRefusedError('This is not a Waymark backup: it does not start with a Waymark backup header.');
        checkedPrefix = true;
      }
      const parts = text.split('\n');
      carry = parts.pop()!;
      if (carry.length > MAX_LINE_CHARS)
        throw new BackupRefusedError('The backup file is damaged: it holds a line longer than any backup writes.');
      yield* parts;
    }
  } catch (err) {
    if (err instanceof BackupRefusedError) throw err;
    if (bytes === 0) throw new BackupRefusedError('This is not a Waymark backup: the file is empty.');
    const { code, message } = err as NodeJS.ErrnoException;
    if (code === 'Z_BUF_ERROR')
      throw new BackupRefusedError(
        'The backup file is incomplete: it ends part-way through (was the backup interrupted, or the copy cut short?).',
      );
    if (code === 'Z_DATA_ERROR') {
      throw new BackupRefusedError(
        /incorrect header check/.test(message)
          ? 'This is not a Waymark backup: it is not a gzip-compressed file.'
          : 'The backup file is damaged: its compressed data does not check out.',
      );
    }
    throw err;
  } finally {
    source.unpipe(gunzip);
    source.destroy();
  }
  carry += decoder.end();
  if (!checkedPrefix && !carry.startsWith(ARCHIVE_PREFIX)) {
    throw new BackupRefusedError(
      carry
        ? 'This is not a Waymark backup: it does not start with a Waymark backup header.'
        : 'This is not a Waymark backup: the file is empty.',
    );
  }
  if (carry) yield carry;
}

export type ArchiveEvent =
  | { kind: 'header'; header: ArchiveHeader }
  | { kind: 'table'; table: ArchiveTableStart }
  | { kind: 'row'; table: string; values: (string | null)[] }
  | { kind: 'end'; table: string; rows: number };

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupRefusedError(`The backup file is damaged: line ${lineNumber} is not valid JSON.`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Read an archive line by line, checking its shape as it goes, and its checksum at the end: a row is
 * only handed on once it is known to belong to a well-formed table section. Any fault is a
 * BackupRefusedError naming the line. Read it once to verify before a restore changes anything.
 */
export async function* readArchive(
  source: Readable,
  knownMigrations: ReadonlySet<string>,
): AsyncGenerator<ArchiveEvent> {
  const hash = crypto.createHash('sha256');
  let lineNumber = 0;
  let header: ArchiveHeader | undefined;
  let current: { start: ArchiveTableStart; rows: number } | undefined;
  let tables = 0;
  let rows = 0;
  let trailer: ArchiveTrailer | undefined;
  const damaged = (what: string) => new BackupRefusedError(`The backup file is damaged: line ${lineNumber} ${what}.`);

  for await (const line of gunzipLines(source)) {
    lineNumber++;
    if (trailer) throw damaged('comes after the end of the backup');
    if (lineNumber === 1) {
      const value = parseLine(line, 1);
      if (!isObject(value) || value.format !== ARCHIVE_FORMAT)
        throw new BackupRefusedError('This is not a Waymark backup: its first line is not a Waymark backup header.');
      header = checkHeader(value, knownMigrations);
      hash.update(`${line}\n`);
      yield { kind: 'header', header };
      continue;
    }
    const value = parseLine(line, lineNumber);
    if (Array.isArray(value)) {
      if (!current) throw damaged('is a row outside any table');
      if (value.length !== current.start.columns.length || !value.every((v) => v === null || typeof v === 'string')) {
        throw damaged(`does not have the ${current.start.columns.length} values of a row of ${current.start.table}`);
      }
      current.rows++;
      hash.update(`${line}\n`);
      yield { kind: 'row', table: current.start.table, values: value as (string | null)[] };
    } else if (isObject(value) && typeof value.table === 'string') {
      if (current) throw damaged(`starts table ${value.table} before ${current.start.table} has ended`);
      const columns = value.columns;
      if (
        !Array.isArray(columns) ||
        !columns.every((c) => Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === 'string'))
      ) {
        throw damaged(`does not list the columns of ${value.table}`);
      }
      current = { start: { table: value.table, columns: columns as [string, string][] }, rows: 0 };
      hash.update(`${line}\n`);
      yield { kind: 'table', table: current.start };
    } else if (isObject(value) && typeof value.end === 'string') {
      if (!current || current.start.table !== value.end)
        throw damaged(`ends table ${value.end}, which had not started`);
      if (value.rows !== current.rows)
        throw damaged(`says ${value.end} has ${String(value.rows)} rows, but ${current.rows} came before it`);
      tables++;
      rows += current.rows;
      hash.update(`${line}\n`);
      yield { kind: 'end', table: value.end, rows: current.rows };
      current = undefined;
    } else if (isObject(value) && value.complete === true) {
      if (current) throw damaged(`ends the backup inside table ${current.start.table}`);
      trailer = value as unknown as ArchiveTrailer;
      if (trailer.sha256 !== hash.digest('hex'))
        throw new BackupRefusedError('The backup file is damaged: its checksum does not match its contents.');
      if (trailer.tables !== tables || trailer.rows !== rows)
        throw damaged('counts different tables or rows from those in the file');
    } else {
      throw damaged('is not part of a Waymark backup');
    }
  }
  if (!header) throw new BackupRefusedError('This is not a Waymark backup: the file is empty.');
  if (!trailer)
    throw new BackupRefusedError(
      'The backup file is incomplete: it ends part-way through (was the backup interrupted, or the copy cut short?).',
    );
}

function checkHeader(value: Record<string, unknown>, knownMigrations: ReadonlySet<string>): ArchiveHeader {
  const version = value.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BackupRefusedError('The backup file is damaged: its header has no format version.');
  }
  if (version > ARCHIVE_FORMAT_VERSION) {
    throw new BackupRefusedError(
      `This backup was made by a newer Waymark (${String(value.waymarkVersion)}, backup format ${version}); this Waymark reads format ` +
        `${ARCHIVE_FORMAT_VERSION}. Upgrade Waymark, then restore.`,
    );
  }
  const migrations = value.migrations;
  if (!Array.isArray(migrations) || !migrations.every((m) => typeof m === 'string')) {
    throw new BackupRefusedError('The backup file is damaged: its header does not list its migrations.');
  }
  const unknown = (migrations as string[]).filter((m) => !knownMigrations.has(m));
  if (unknown.length) {
    throw new BackupRefusedError(
      `This backup was made by a newer Waymark (${String(value.waymarkVersion)}): its database has migrations this Waymark does not ` +
        `have (${unknown.join(', ')}). Upgrade Waymark, then restore.`,
    );
  }
  return value as unknown as ArchiveHeader;
}
