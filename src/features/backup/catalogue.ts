import { sql, type QueryExecutorProvider } from 'kysely';

/**
 * The only tables a backup leaves out, each with its reason. Every other table in the schema is backed
 * up, whoever added it and whenever: tables are found in the database catalogue, never listed by hand.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  sessions: 'sign-ins belong to the server they were made on: after a restore people sign in again',
  job_claims: 'which process ran a scheduled job, and when, describes one deployment, not the council’s records',
  form_submissions: 'which forms were just sent, kept a day so a form sent twice is saved once: not records',
  kysely_migration: 'the archive names its migrations in its header; a restore records them itself',
  kysely_migration_lock: 'the migration lock is not data',
};

export interface CatalogueColumn {
  name: string;
  /** The type as PostgreSQL writes it (`timestamp with time zone`, `numeric(6,2)`, `text[]`). */
  type: string;
  /** Filled from a sequence (serial or identity): set past the largest value after a restore. */
  sequence: string | null;
}

export interface CatalogueTable {
  name: string;
  /** Columns a backup carries: generated columns are left out, the database computes them again. */
  columns: CatalogueColumn[];
  /** `generated always as identity`: an insert of the stored value needs OVERRIDING SYSTEM VALUE. */
  alwaysIdentity: boolean;
}

export interface ForeignKey {
  name: string;
  table: string;
  references: string;
}

export interface Catalogue {
  schema: string;
  /** Every table to back up, each after the tables it references. */
  tables: CatalogueTable[];
  /**
   * Foreign keys that no table order can satisfy (a table referencing itself, or tables referencing
   * each other in a cycle): a restore checks these at the end of the load instead of row by row.
   */
  cyclicForeignKeys: ForeignKey[];
}

interface ColumnRow {
  table: string;
  column: string;
  type: string;
  generated: boolean;
  identity: string;
  sequence: string | null;
}

/** Every base table in the connection's current schema (search_path), with its columns and references. */
export async function readCatalogue(db: QueryExecutorProvider): Promise<Catalogue> {
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema;
  const columns = await sql<ColumnRow>`
    select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
           a.attgenerated <> '' as "generated", a.attidentity as "identity",
           pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as "sequence"
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
       and a.attnum > 0 and not a.attisdropped
     order by c.relname, a.attnum`.execute(db);
  const references = await sql<ForeignKey>`
    select con.conname as "name", c.relname as "table", p.relname as "references"
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_class p on p.oid = con.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where con.contype = 'f' and n.nspname = current_schema()
     order by c.relname, con.conname`.execute(db);

  const tables = new Map<string, CatalogueTable>();
  for (const row of columns.rows) {
    if (row.table in EXCLUDED_TABLES) continue;
    let table = tables.get(row.table);
    if (!table) tables.set(row.table, (table = { name: row.table, columns: [], alwaysIdentity: false }));
    if (row.identity === 'a') table.alwaysIdentity = true;
    if (!row.generated) table.columns.push({ name: row.column, type: row.type, sequence: row.sequence });
  }
  const fks = references.rows.filter((fk) => tables.has(fk.table) && tables.has(fk.references));
  const { order, cyclic } = referenceOrder([...tables.keys()], fks);
  return { schema, tables: order.map((name) => tables.get(name)!), cyclicForeignKeys: cyclic };
}

/**
 * Tables ordered so each comes after the tables it references (Kahn's algorithm, alphabetical among
 * equals so two backups of the same database list tables in the same order). Where references form a
 * cycle, the table with the fewest unmet references goes next and those references are reported.
 */
export function referenceOrder(names: string[], fks: ForeignKey[]): { order: string[]; cyclic: ForeignKey[] } {
  const cyclic = fks.filter((fk) => fk.table === fk.references);
  const pending = new Map(names.map((n) => [n, new Set<string>()]));
  for (const fk of fks) if (fk.table !== fk.references) pending.get(fk.table)?.add(fk.references);
  const order: string[] = [];
  while (pending.size) {
    const candidates = [...pending.entries()].sort(
      ([a, da], [b, db]) => da.size - db.size || (a < b ? -1 : a > b ? 1 : 0),
    );
    const [next, unmet] = candidates[0];
    for (const fk of fks) if (fk.table === next && unmet.has(fk.references)) cyclic.push(fk);
    order.push(next);
    pending.delete(next);
    for (const deps of pending.values()) deps.delete(next);
  }
  return { order, cyclic };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
