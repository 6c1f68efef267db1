import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../container.js';
import { createTestServices } from '../../../test/support/services.js';
import { createOrg } from '../../../test/support/world.js';
import { backupLines, writeBackupFile } from './backup.js';
import { restoreArchive } from './restore.js';
import { readCatalogue } from './catalogue.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-refusals-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const gzipLines = (lines: string[]) => zlib.gzipSync(lines.map((l) => `${l}\n`).join(''));
/** An archive made by hand with a correct checksum, so only the fault under test is wrong with it. */
function craft(lines: string[], tables: number, rows: number): Buffer {
  const body = lines.map((l) => `${l}\n`).join('');
  const sha256 = crypto.createHash('sha256').update(body).digest('hex');
  return zlib.gzipSync(body + `${JSON.stringify({ complete: true, tables, rows, sha256 })}\n`);
}
const fromBuffer = (buffer: Buffer) => () => Readable.from([buffer]);

/** Everything a database holds, as text: tables in order with every row (empty when it has no tables). */
async function contents(services: Services): Promise<string> {
  const catalogue = await readCatalogue(services.db);
  if (!catalogue.tables.length) return '(no tables)';
  let text = '';
  for await (const line of backupLines(services.db, { engine: 'any', waymarkVersion: 'test', now: () => new Date(0) }))
    text += `${line}\n`;
  return text;
}

describe('restore refuses bad input and changes nothing', () => {
  let source: Services;
  let empty: Services;
  let archive: Buffer;
  let lines: string[];

  beforeAll(async () => {
    empty = await createTestServices({ empty: true });
    source = await createTestServices();
    const org = await createOrg(source, 'alpha');
    await createOrg(source, 'beta');
    // A plan and its next version, stored so the newer row comes first: the restore must accept a
    // reference to a row it has not loaded yet (plans.previous_plan_id refers to plans).
    const lineageId = crypto.randomUUID();
    const plan = { organisationId: org.id, startDate: '2025-01-01', endDate: '2026-03-31', lineageId };
    const first = await source.db
      .insertInto('plans')
      .values({ ...plan, title: 'Improvement plan', status: 'approved' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await source.db
      .insertInto('plans')
      .values({ ...plan, title: 'Improvement plan v2', planVersion: 2, previousPlanId: first.id })
      .execute();
    await source.db
      .updateTable('plans')
      .set({ title: 'Improvement plan (approved)' })
      .where('id', '=', first.id)
      .execute();
    const file = path.join(tmp, 'good.jsonl.gz');
    await writeBackupFile(source.db, { engine: source.engine, waymarkVersion: 'test' }, file);
    archive = fs.readFileSync(file);
    lines = zlib.gunzipSync(archive).toString('utf8').trim().split('\n');
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    await empty?.close();
  });

  /** Restore into an empty database (or `target`), expect `message`, and check nothing changed. */
  async function refused(buffer: Buffer, message: RegExp, target = empty, replace = false) {
    const before = await contents(target);
    await expect(restoreArchive(target.db, fromBuffer(buffer), { replace })).rejects.toThrow(message);
    expect(await contents(target)).toBe(before);
  }

  it('restores the good archive, a plan referring to a version stored after it included', async () => {
    const position = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(position('"Improvement plan v2"')).toBeLessThan(position('"Improvement plan (approved)"'));
    const target = await createTestServices({ empty: true });
    try {
      const result = await restoreArchive(target.db, fromBuffer(archive));
      expect(result.tables.find((t) => t.name === 'plans')?.rows).toBe(2);
      expect(await contents(target)).toBe(await contents(source));
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a backup at all', async () => {
    await refused(
      Buffer.from('organisation,name\nnorth-shire,North Shire\n'),
      /not a Waymark backup: it is not a gzip-compressed file/,
    );
    await refused(
      zlib.gzipSync('organisation,name\nnorth-shire,North Shire\n'),
      /not a Waymark backup: it does not start with a Waymark backup header/,
    );
    await refused(
      gzipLines([JSON.stringify({ format: 'someone-elses-backup', formatVersion: 1 })]),
      /not a Waymark backup/,
    );
    await refused(Buffer.alloc(0), /not a Waymark backup/);
  });

  it('refuses a truncated file', async () => {
    await refused(archive.subarray(0, Math.floor(archive.length / 2)), /incomplete: it ends part-way through/);
    // …and one cut exactly at a line: the compression is sound but the trailer is missing.
    await refused(gzipLines(lines.slice(0, -1)), /incomplete: it ends part-way through/);
  });

  it('refuses a damaged file: bad compressed bytes, or a changed value under the checksum', async () => {
    const flipped = Buffer.from(archive);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    await refused(flipped, /damaged/);
    const edited = lines.map((l) => l.replace('"Improvement plan v2"', '"Improvement plan v3"'));
    expect(edited).not.toEqual(lines);
    await refused(gzipLines(edited), /damaged: its checksum does not match/);
  });

  it('refuses a backup from a newer Waymark: a newer format, or migrations this Waymark does not have', async () => {
    const header = JSON.parse(lines[0]) as Record<string, unknown>;
    const body = lines.slice(1, -1);
    const { tables, rows } = JSON.parse(lines[lines.length - 1]) as { tables: number; rows: number };
    await refused(
      craft([JSON.stringify({ ...header, formatVersion: 2, waymarkVersion: '9.0.0' }), ...body], tables, rows),
      /newer Waymark \(9\.0\.0, backup format 2\).*Upgrade Waymark/,
    );
    const migrations = [...(header.migrations as string[]), '999_future_feature'];
    await refused(
      craft([JSON.stringify({ ...header, migrations }), ...body], tables, rows),
      /newer Waymark.*999_future_feature.*Upgrade Waymark/,
    );
  });

  it('refuses a database that already holds records, unless told to replace them', async () => {
    const target = await createTestServices();
    try {
      await createOrg(target, 'gamma');
      await refused(
        archive,
        /already holds 1 organisation and their records; nothing has been changed.*--replace/,
        target,
      );
      const result = await restoreArchive(target.db, fromBuffer(archive), { replace: true });
      expect(result.replaced).toBe(true);
      expect(await contents(target)).toBe(await contents(source));
      const slugs = (await target.db.selectFrom('organisations').select('slug').orderBy('slug').execute()).map(
        (o) => o.slug,
      );
      expect(slugs).toEqual(['alpha', 'beta']);
    } finally {
      await target.close();
    }
  });

  it('rolls the whole restore back when a row cannot be loaded', async () => {
    // A well-formed archive (correct checksum) whose user belongs to an organisation it does not contain.
    const header = lines[0];
    const usersStart = lines.findIndex((l) => l.startsWith('{"table":"users"'));
    const usersEnd = lines.findIndex((l) => l.startsWith('{"end":"users"'));
    const orgStart = lines.findIndex((l) => l.startsWith('{"table":"organisations"'));
    const orgEnd = lines.findIndex((l) => l.startsWith('{"end":"organisations"'));
    const orphan = [
      lines[orgStart],
      '{"end":"organisations","rows":0}',
      lines[usersStart],
      lines[usersStart + 1],
      '{"end":"users","rows":1}',
    ];
    expect(orgEnd).toBeGreaterThan(orgStart);
    expect(usersEnd).toBeGreaterThan(usersStart + 1);
    const broken = craft([header, ...orphan], 2, 1);
    const target = await createTestServices();
    try {
      await createOrg(target, 'gamma');
      await refused(broken, /foreign key|violates/, target, true);
    } finally {
      await target.close();
    }
    await refused(broken, /foreign key|violates/);
    expect(await contents(empty)).toBe('(no tables)');
  });

  it('never leaves a file that looks complete when the backup is cut off', async () => {
    const doomed = await createTestServices();
    await createOrg(doomed, 'delta');
    await sql`insert into audit_events (organisation_id, actor, action, entity_type, entity_id)
      select (select id from organisations limit 1), 'bulk', 'create', 'filler', g::text from generate_series(1, 20000) g`.execute(
      doomed.db,
    );
    const file = path.join(tmp, 'cut-off.jsonl.gz');
    const stop = new AbortController();
    const writing = writeBackupFile(doomed.db, { engine: doomed.engine, waymarkVersion: 'test' }, file, {
      signal: stop.signal,
    });
    // Stopped (as Ctrl-C stops the command line) once the file has begun.
    for (let i = 0; i < 400 && !fs.readdirSync(tmp).some((f) => f.includes('cut-off') && f.includes('.partial')); i++)
      await new Promise((r) => setTimeout(r, 5));
    stop.abort();
    await expect(writing).rejects.toThrow(/abort/i);
    expect(fs.readdirSync(tmp).filter((f) => f.includes('cut-off'))).toEqual([]);
    // The database is left as it was and free for the next query (the snapshot was rolled back).
    expect(
      Number((await sql<{ n: string }>`select count(*) as n from audit_events`.execute(doomed.db)).rows[0].n),
    ).toBeGreaterThanOrEqual(20000);
    await doomed.close();
  });
});
