import { sql, type Kysely, type Transaction } from 'kysely';
import type { Readable } from 'node:stream';
import type { Database } from '../../db/schema.js';
import { migrations } from '../../db/migrations/index.js';
import { BackupRefusedError, readArchive, type ArchiveHeader } from './archive.js';
import { useCanonicalText } from './backup.js';
import { quoteIdent, readCatalogue, type Catalogue } from './catalogue.js';

const KNOWN_MIGRATIONS: ReadonlySet<string> = new Set(Object.keys(migrations));
const BATCH_ROWS = 500;
const BATCH_CHARS = 8 * 1024 * 1024;

/** Opens the archive afresh each time it is read (a restore reads it twice: to verify, then to load). */
export type ArchiveSource = () => Readable;

export interface ArchiveSummary {
  header: ArchiveHeader;
  tables: { name: string; rows: number }[];
  rows: number;
}

/** Read the whole archive and check it (format, version, shape, checksum) without touching any database. */
export async function verifyArchive(open: ArchiveSource): Promise<ArchiveSummary> {
  let header: ArchiveHeader | undefined;
  const tables: ArchiveSummary['tables'] = [];
  for await (const event of readArchive(open(), KNOWN_MIGRATIONS)) {
    if (event.kind === 'header') header = event.header;
    else if (event.kind === 'end') tables.push({ name: event.table, rows: event.rows });
  }
  return { header: header!, tables, rows: tables.reduce((n, t) => n + t.rows, 0) };
}

export interface RestoreResult extends ArchiveSummary {
  /** Migrations of this Waymark that the backup's database had not had, applied after the load. */
  broughtForward: string[];
  /** True when the database held records that --replace removed. */
  replaced: boolean;
}

/**
 * Refuse, before anything changes, a database that already holds a council's records (unless
 * `replace`), or a schema holding tables Waymark did not create.
 */
async function checkTarget(db: Kysely<Database>, replace: boolean): Promise<{ holdsRecords: boolean }> {
  const catalogue = await readCatalogue(db);
  const names = new Set(catalogue.tables.map((t) => t.name));
  const hasMigrations =
    (
      await sql<{ n: number }>`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relname = 'kysely_migration'`.execute(db)
    ).rows[0].n > 0;
  if (names.size && !hasMigrations) {
    throw new BackupRefusedError(
      `The target schema "${catalogue.schema}" holds tables Waymark did not create (${[...names].slice(0, 5).join(', ')}). ` +
        'Restore into an empty database or schema.',
    );
  }
  if (!names.has('organisations')) return { holdsRecords: false };
  const { n } = (await sql<{ n: number }>`select count(*)::int as n from organisations`.execute(db)).rows[0];
  if (n > 0 && !replace) {
    throw new BackupRefusedError(
      `The target database already holds ${n} organisation${n === 1 ? '' : 's'} and their records; nothing has been changed. ` +
        'Restore into an empty database, or add --replace to delete everything in it and restore the backup in its place.',
    );
  }
  return { holdsRecords: n > 0 };
}

/** Remove every table, view, sequence, function and type in the current schema (one transaction). */
async function dropEverything(trx: Transaction<Database>): Promise<void> {
  const objects = await sql<{ kind: string; name: string }>`
    select case c.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'S' then 'sequence' else 'table' end as kind,
           format('%I', c.relname) as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S') and not c.relispartition
       and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
    union all
    select case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end,
           format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid))
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = current_schema()
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    union all
    select 'type', format('%I', t.typname)
      from pg_type t join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = current_schema() and t.typtype in ('e', 'd')
       and not exists (select 1 from pg_depend d where d.objid = t.oid and d.deptype = 'e')`.execute(trx);
  for (const kind of ['materialized view', 'view', 'table', 'sequence', 'function', 'procedure', 'aggregate', 'type']) {
    const names = objects.rows.filter((o) => o.kind === kind).map((o) => o.name);
    if (names.length) await sql.raw(`drop ${kind} if exists ${names.join(', ')} cascade`).execute(trx);
  }
}

/**
 * Apply migrations inside the restore's transaction (Kysely's Migrator opens its own), recording them
 * in Kysely's own bookkeeping tables, made exactly as its Migrator makes them, so a later start sees
 * them as applied.
 */
async function applyMigrations(trx: Transaction<Database>, names: string[]): Promise<void> {
  await sql`create table if not exists kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(
    trx,
  );
  await sql`create table if not exists kysely_migration_lock (id varchar(255) not null primary key, is_locked integer not null default 0)`.execute(
    trx,
  );
  await sql`insert into kysely_migration_lock (id, is_locked) values ('migration_lock', 0) on conflict (id) do nothing`.execute(
    trx,
  );
  for (const name of [...names].sort()) {
    await migrations[name].up(trx);
    await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(
      trx,
    );
  }
}

function insertStatement(catalogue: Catalogue, table: string, columns: string[]): string {
  const target = catalogue.tables.find((t) => t.name === table);
  if (!target)
    throw new BackupRefusedError(
      `The backup has a table "${table}" that its own migrations do not create: it cannot be restored by this Waymark.`,
    );
  const casts = columns.map((name, i) => {
    const column = target.columns.find((c) => c.name === name);
    if (!column)
      throw new BackupRefusedError(
        `The backup's table "${table}" has a column "${name}" that its own migrations do not create.`,
      );
    return `(r->>${i})::${column.type}`;
  });
  const overriding = target.alwaysIdentity ? ' overriding system value' : '';
  return `insert into ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})${overriding} select ${casts.join(', ')} from json_array_elements($1::json) as r`;
}

/**
 * Load an archive into the database: verify it completely first, check the target, then in ONE
 * transaction drop whatever schema is there, create the backup's schema with its own migrations, load
 * every table in reference order, set sequences past the restored values, and apply this Waymark's
 * later migrations. Any failure rolls the whole restore back: the database is as it was.
 */
export async function restoreArchive(
  db: Kysely<Database>,
  open: ArchiveSource,
  opts: { replace?: boolean } = {},
): Promise<RestoreResult> {
  const summary = await verifyArchive(open);
  const { holdsRecords } = await checkTarget(db, opts.replace ?? false);
  const forward = Object.keys(migrations)
    .filter((m) => !summary.header.migrations.includes(m))
    .sort();

  await db.transaction().execute(async (trx) => {
    await useCanonicalText(trx);
    await dropEverything(trx);
    await applyMigrations(trx, summary.header.migrations);
    const catalogue = await readCatalogue(trx);
    const archived = summary.tables.map((t) => quoteIdent(t.name));
    if (archived.length) await sql.raw(`truncate ${archived.join(', ')} cascade`).execute(trx);

    // References no table order can satisfy (a plan pointing at its previous version) are checked at
    // the end of the load rather than row by row.
    for (const fk of catalogue.cyclicForeignKeys) {
      await sql
        .raw(
          `alter table ${quoteIdent(fk.table)} alter constraint ${quoteIdent(fk.name)} deferrable initially deferred`,
        )
        .execute(trx);
    }

    let statement = '';
    let batch: string[] = [];
    let chars = 0;
    const send = async () => {
      if (!batch.length) return;
      const payload = `[${batch.join(',')}]`;
      await trx.executeQuery({ ...sql.raw(statement).compile(trx), parameters: [payload] });
      batch = [];
      chars = 0;
    };
    for await (const event of readArchive(open(), KNOWN_MIGRATIONS)) {
      if (event.kind === 'table') {
        statement = insertStatement(
          catalogue,
          event.table.table,
          event.table.columns.map(([name]) => name),
        );
      } else if (event.kind === 'row') {
        const json = JSON.stringify(event.values);
        batch.push(json);
        chars += json.length;
        if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await send();
      } else if (event.kind === 'end') {
        await send();
      }
    }

    for (const table of catalogue.tables) {
      for (const column of table.columns) {
        if (!column.sequence) continue;
        await sql`select setval(${column.sequence}::regclass, coalesce((select max(${sql.raw(quoteIdent(column.name))}) from ${sql.raw(quoteIdent(table.name))}), 0) + 1, false)`.execute(
          trx,
        );
      }
    }
    await sql`set constraints all immediate`.execute(trx);
    for (const fk of catalogue.cyclicForeignKeys) {
      await sql
        .raw(`alter table ${quoteIdent(fk.table)} alter constraint ${quoteIdent(fk.name)} not deferrable`)
        .execute(trx);
    }
    // Every row arrived (a mismatch here would be a bug, and rolls everything back).
    for (const table of summary.tables) {
      const { n } = (
        await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(quoteIdent(table.name))}`.execute(trx)
      ).rows[0];
      if (n !== table.rows)
        throw new Error(`Restore check failed: ${table.name} has ${n} rows, the backup ${table.rows}`);
    }
    await applyMigrations(trx, forward);
    // Fresh statistics, so the first queries after a restore are planned as well as they were before it.
    await sql`analyze`.execute(trx);
  });
  return { ...summary, broughtForward: forward, replaced: holdsRecords };
}
