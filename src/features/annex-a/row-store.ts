/**
 * How the pseudonymised Annex A rows are stored: in chunks of up to CHUNK_ROWS rows of one list, each
 * chunk one `annex_row_chunks` row whose payload is gzip-compressed JSON:
 *
 *   { "keys": ["gender", "referralDate", …], "rows": [[sourceRow, childHash, birthMonth, team, worker, value1, value2, …], …] }
 *
 * where the values follow `keys` and null means blank. Rows are snapshot data that is only ever read
 * back whole (drill-down recomputes an indicator over the lists it reads), so one database row per
 * Annex A row bought nothing but cost: inserting 270,000 rows with a jsonb each took most of the import
 * on PGlite, and stored ~100 MB per snapshot instead of ~14 MB.
 *
 * A payload that is not gzip (no 1f 8b magic) is read as plain JSON, and a row whose sixth element is
 * an object (no `keys`) carries the values as that object: that is how migration 410 converted rows
 * stored one per database row before it, in SQL.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AnnexRecord, RecordValue } from '../../lib/annex-a/importer.js';

/** Rows per chunk: ~100 KB compressed, so one insert or read never holds PGlite (in-process) for long. */
export const CHUNK_ROWS = 2000;

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export interface PackedChunk {
  list: number;
  firstRow: number;
  rowCount: number;
  payload: Buffer;
}

type PackedRow = (RecordValue | Record<string, RecordValue>)[];

/**
 * One chunk's JSON, as UTF-8 bytes: the value keys in first-seen order, and each row as a positional
 * array. Written straight into a buffer rather than built as a string: turning a 30 MB string made of
 * many small pieces into bytes (which compression needs) cost more than writing it.
 */
export function packRows(records: readonly AnnexRecord[]): Buffer {
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  for (const r of records) {
    for (const k in r.v) {
      if (!keyIndex.has(k)) {
        keyIndex.set(k, keys.length);
        keys.push(k);
      }
    }
  }
  const out = new JsonBytes(records.length * (160 + keys.length * 16));
  out.text(`{"keys":${JSON.stringify(keys)},"rows":[`);
  const width = keys.length;
  const values: (RecordValue | undefined)[] = new Array(width);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    values.fill(undefined);
    for (const k in r.v) values[keyIndex.get(k)!] = r.v[k];
    // One row's text, then one copy into the buffer: a native call per row, not per value.
    let row = `${i === 0 ? '[' : ',['}${r.row},${json(r.child)},${json(r.birth)},${json(r.team)},${json(r.worker)}`;
    for (let j = 0; j < width; j++) row += `,${json(values[j])}`;
    out.text(`${row}]`);
  }
  out.text(']}');
  return out.bytes();
}

/** Strings that need no JSON escaping: hashes, dates, codes, most names. */
const PLAIN = /^[\w .:/()&'-]*$/;

function json(v: RecordValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return PLAIN.test(v) ? `"${v}"` : JSON.stringify(v);
  return String(v);
}

/** A growing buffer that text is written into as UTF-8. */
class JsonBytes {
  private buf: Buffer;
  private at = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, size));
  }
  text(s: string): void {
    // A UTF-8 character is at most three bytes per UTF-16 unit.
    if (this.at + s.length * 3 > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + s.length * 3));
      this.buf.copy(next, 0, 0, this.at);
      this.buf = next;
    }
    this.at += this.buf.write(s, this.at, 'utf8');
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

/** The records of one chunk, exactly as the importer made them (a blank value is an absent key). */
export function unpackRows(list: number, json: string): AnnexRecord[] {
  const { keys, rows } = JSON.parse(json) as { keys?: string[]; rows: PackedRow[] };
  return rows.map((row) => {
    let v: Record<string, RecordValue> = {};
    if (keys) {
      for (let j = 0; j < keys.length; j++) {
        const x = row[5 + j] as RecordValue;
        if (x !== null && x !== undefined) v[keys[j]] = x;
      }
    } else if (row[5] && typeof row[5] === 'object') v = row[5] as Record<string, RecordValue>;
    return {
      list,
      row: row[0] as number,
      child: row[1] as string,
      birth: row[2] as string | null,
      team: row[3] as string | null,
      worker: row[4] as string | null,
      v,
    };
  });
}

/** Pack and compress every list into chunks (compression runs on libuv's thread pool, off the event loop). */
export async function packChunks(records: ReadonlyMap<number, readonly AnnexRecord[]>): Promise<PackedChunk[]> {
  const jobs: Promise<PackedChunk>[] = [];
  for (const [list, rs] of records) {
    for (let i = 0; i < rs.length; i += CHUNK_ROWS) {
      const batch = rs.slice(i, i + CHUNK_ROWS);
      const json = packRows(batch);
      jobs.push(
        gzip(json, { level: 1, chunkSize: 256 * 1024 }).then((payload) => ({
          list,
          firstRow: batch[0].row,
          rowCount: batch.length,
          payload,
        })),
      );
      // Yield now and then: packing 270,000 rows is a few hundred milliseconds of CPU.
      if (jobs.length % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return Promise.all(jobs);
}

/**
 * The payload goes as base64 text that the database decodes: a bytea parameter is turned into a hex
 * string byte by byte in JavaScript by PGlite's serialiser (1.5 s of an import's 5 s of CPU for 12 MB),
 * while base64 is encoded natively here and decoded natively there.
 */
export async function insertChunks(
  trx: Transaction<Database>,
  organisationId: string,
  importId: string,
  chunks: readonly PackedChunk[],
): Promise<void> {
  // A few chunks per statement: fewer round trips, each statement still well under a megabyte.
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_INSERT) {
    const batch = chunks.slice(i, i + CHUNKS_PER_INSERT);
    const rows = batch.map(
      (c) =>
        sql`(${organisationId}::uuid, ${importId}::uuid, ${c.list}, ${c.firstRow}, ${c.rowCount}, decode(${c.payload.toString('base64')}, 'base64'))`,
    );
    await sql`insert into annex_row_chunks (organisation_id, import_id, list_number, first_row, row_count, payload) values ${sql.join(rows)}`.execute(
      trx,
    );
  }
}

const CHUNKS_PER_INSERT = 8;

async function decode(payload: Uint8Array): Promise<string> {
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  return buf[0] === 0x1f && buf[1] === 0x8b ? (await gunzip(buf)).toString('utf8') : buf.toString('utf8');
}

/** The stored rows of one import, by list, in the order they were imported (optionally only some lists). */
export async function loadRows(
  db: Kysely<Database>,
  organisationId: string,
  importId: string,
  lists?: readonly number[],
): Promise<Map<number, AnnexRecord[]>> {
  let q = db
    .selectFrom('annexRowChunks')
    .select(['listNumber', 'payload'])
    .where('organisationId', '=', organisationId)
    .where('importId', '=', importId);
  if (lists) q = q.where('listNumber', 'in', lists.length ? [...lists] : [-1]);
  const chunks = await q.orderBy('id').execute();
  const out = new Map<number, AnnexRecord[]>();
  for (const c of chunks) {
    const records = unpackRows(c.listNumber, await decode(c.payload));
    const l = out.get(c.listNumber);
    if (l) for (const r of records) l.push(r);
    else out.set(c.listNumber, records);
  }
  return out;
}

/** How many rows an import (or every import of the database, for tests and the benchmark) has stored. */
export async function storedRowCount(db: Kysely<Database>, importId?: string): Promise<number> {
  let q = db
    .selectFrom('annexRowChunks')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('rowCount'), sql<number>`0`).as('n'));
  if (importId) q = q.where('importId', '=', importId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
