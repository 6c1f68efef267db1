/* eslint-disable @typescript-eslint/no-explicit-any -- the one place that handles tables by name */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { fieldName, idsIn, valueWords } from '../../lib/history-words.js';
import { inspectionName } from '../../lib/labels.js';
import { formatGovukDate } from '../../lib/dates.js';

/** Who is acting: every write carries it so the audit trail can say who did what. */
export interface Actor {
  organisationId: string;
  userId: string | null;
  label: string;
}

export type Executor = Kysely<Database> | Transaction<Database>;

/** Tables whose rows are organisation-owned records: they have id, organisation_id, version, updated_at. */
export type RecordTable = {
  [K in keyof Database]: Database[K] extends { id: unknown; organisationId: unknown; version: unknown } ? K : never;
}[keyof Database];

type Row<T extends keyof Database> = Selectable<Database[T]>;

function snapshot(row: unknown): string | null {
  return row == null ? null : JSON.stringify(row);
}

export async function recordAudit(
  db: Executor,
  actor: Actor,
  event: {
    action: 'create' | 'update' | 'delete';
    entityType: string;
    entityId: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await db
    .insertInto('auditEvents')
    .values({
      organisationId: actor.organisationId,
      userId: actor.userId,
      actor: actor.label,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: snapshot(event.before),
      after: snapshot(event.after),
    })
    .execute();
}

/** Insert a record owned by the actor's organisation and write its audit event in the same transaction. */
export async function insertAudited<T extends RecordTable>(
  db: Executor,
  actor: Actor,
  table: T,
  values: Record<string, unknown>,
): Promise<Row<T>> {
  const row = (await (db as Kysely<any>)
    .insertInto(table as string)
    .values({ ...values, organisationId: actor.organisationId })
    .returningAll()
    .executeTakeFirstOrThrow()) as Row<T> & { id: string };
  await recordAudit(db, actor, { action: 'create', entityType: table, entityId: row.id, after: row });
  return row;
}

/**
 * Insert many records of the actor's organisation (a revision's copies, demo data) with one audit
 * event each, in batches, so bulk writes are audited like single ones without a round trip per row.
 */
export async function insertManyAudited<T extends RecordTable>(
  db: Executor,
  actor: Actor,
  table: T,
  rows: Record<string, unknown>[],
  batchSize = 200,
): Promise<Row<T>[]> {
  const inserted: Row<T>[] = [];
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize).map((values) => ({ ...values, organisationId: actor.organisationId }));
    const written = (await (db as Kysely<any>)
      .insertInto(table as string)
      .values(batch)
      .returningAll()
      .execute()) as (Row<T> & { id: string })[];
    await db
      .insertInto('auditEvents')
      .values(
        written.map((row) => ({
          organisationId: actor.organisationId,
          userId: actor.userId,
          actor: actor.label,
          action: 'create' as const,
          entityType: table,
          entityId: row.id,
          before: null,
          after: snapshot(row),
        })),
      )
      .execute();
    inserted.push(...written);
  }
  return inserted;
}

export async function findOwned<T extends RecordTable>(
  db: Executor,
  organisationId: string,
  table: T,
  id: string,
): Promise<Row<T> | undefined> {
  if (!isUuid(id)) return undefined;
  return (await (db as Kysely<any>)
    .selectFrom(table as string)
    .selectAll()
    .where('id', '=', id)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst()) as Row<T> | undefined;
}

export async function getOwned<T extends RecordTable>(
  db: Executor,
  organisationId: string,
  table: T,
  id: string,
): Promise<Row<T>> {
  const row = await findOwned(db, organisationId, table, id);
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Update a record of the actor's organisation. With `expectedVersion`, an edit based on an older version
 * is refused (409) so one person's change never silently overwrites another's.
 */
export async function updateAudited<T extends RecordTable>(
  db: Executor,
  actor: Actor,
  table: T,
  id: string,
  patch: Record<string, unknown>,
  expectedVersion?: number,
): Promise<Row<T>> {
  const before = (await getOwned(db, actor.organisationId, table, id)) as Row<T> & { version: number };
  if (expectedVersion !== undefined && before.version !== expectedVersion) {
    throw new ConflictError(
      'Someone else changed this record while you were editing it. Their change has been kept: review it and make your edit again.',
      [{ path: 'version', message: `You edited version ${expectedVersion}; the current version is ${before.version}` }],
    );
  }
  const after = (await (db as Kysely<any>)
    .updateTable(table as string)
    .set({ ...patch, version: sql`version + 1`, updatedAt: sql`now()` })
    .where('id', '=', id)
    .where('organisationId', '=', actor.organisationId)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst()) as Row<T> | undefined;
  if (!after) throw new ConflictError('Someone else changed this record at the same moment. Reload it and try again.');
  await recordAudit(db, actor, { action: 'update', entityType: table, entityId: id, before, after });
  return after;
}

export async function deleteAudited<T extends RecordTable>(
  db: Executor,
  actor: Actor,
  table: T,
  id: string,
): Promise<Row<T>> {
  const before = await getOwned(db, actor.organisationId, table, id);
  await (db as Kysely<any>)
    .deleteFrom(table as string)
    .where('id', '=', id)
    .where('organisationId', '=', actor.organisationId)
    .execute();
  await recordAudit(db, actor, { action: 'delete', entityType: table, entityId: id, before });
  return before;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export interface HistoryEntry {
  at: Date;
  actor: string;
  action: 'create' | 'update' | 'delete';
  /** `label`, `beforeText` and `afterText` are the change in words (src/lib/history-words.ts). */
  changes: {
    field: string;
    before: unknown;
    after: unknown;
    label?: string;
    beforeText?: string;
    afterText?: string;
  }[];
}

const HIDDEN_FIELDS = new Set([
  'passwordHash',
  'version',
  'updatedAt',
  'createdAt',
  'organisationId',
  'pseudonymSecret',
  'tokenHash',
  'id',
  'lineageId',
  'content',
  'sha256',
  // A pseudonymised case identifier: still a key to a child's record, so never put on a page.
  'caseHash',
]);

/** Field-by-field differences between before and after, leaving out bookkeeping and secrets. */
export function diffSnapshots(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): HistoryEntry['changes'] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: HistoryEntry['changes'] = [];
  for (const key of keys) {
    if (HIDDEN_FIELDS.has(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field: key, before: b, after: a });
  }
  return changes;
}

/** The audit events of one record of the organisation, newest first: select the columns wanted. */
export function recordEvents(db: Executor, organisationId: string, entityType: string, entityId: string) {
  return db
    .selectFrom('auditEvents')
    .where('organisationId', '=', organisationId)
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .orderBy('id', 'desc');
}

export async function loadHistory(
  db: Executor,
  organisationId: string,
  entityType: string,
  entityId: string,
): Promise<HistoryEntry[]> {
  const rows = await recordEvents(db, organisationId, entityType, entityId)
    .select(['at', 'actor', 'action', 'before', 'after'])
    .execute();
  const entries = rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    action: r.action,
    changes: diffSnapshots(r.before as Record<string, unknown> | null, r.after as Record<string, unknown> | null),
  }));
  const names = await namesOf(
    db,
    organisationId,
    entries.flatMap((e) => e.changes.flatMap((c) => [...idsIn(c.before), ...idsIn(c.after)])),
  );
  for (const e of entries) {
    e.changes = e.changes.map((c) => ({
      ...c,
      label: fieldName(c.field),
      beforeText: valueWords(c.field, c.before, names),
      afterText: valueWords(c.field, c.after, names),
    }));
  }
  return entries;
}

/** What people call the records these ids point to, so a history never shows an id. */
const NAMED_TABLES: { table: string; name: (r: any) => string; columns: string[] }[] = [
  { table: 'users', columns: ['displayName'], name: (r) => r.displayName },
  {
    table: 'plans',
    columns: ['title', 'planVersion', 'status'],
    name: (r) => `${r.title}, version ${r.planVersion} (${r.status})`,
  },
  { table: 'planThemes', columns: ['name'], name: (r) => r.name },
  { table: 'actions', columns: ['reference', 'title'], name: (r) => `Action ${r.reference} ${r.title}` },
  { table: 'milestones', columns: ['title'], name: (r) => `Milestone “${r.title}”` },
  { table: 'indicators', columns: ['name'], name: (r) => r.name },
  { table: 'inspections', columns: ['typeKey', 'startDate'], name: (r) => inspectionName(r) },
  { table: 'findings', columns: ['text'], name: (r) => (r.text.length > 80 ? `${r.text.slice(0, 80)}…` : r.text) },
  { table: 'bodies', columns: ['name'], name: (r) => r.name },
  { table: 'meetings', columns: ['meetingDate'], name: (r) => `Meeting of ${formatGovukDate(r.meetingDate)}` },
  { table: 'risks', columns: ['reference', 'title'], name: (r) => `Risk ${r.reference} ${r.title}` },
];

async function namesOf(db: Executor, organisationId: string, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  const names = new Map<string, string>();
  if (!wanted.length) return names;
  for (const t of NAMED_TABLES) {
    const missing = wanted.filter((id) => !names.has(id));
    if (!missing.length) break;
    const rows = await (db as Kysely<any>)
      .selectFrom(t.table)
      .select(['id', ...t.columns])
      .where('organisationId', '=', organisationId)
      .where('id', 'in', missing)
      .execute();
    for (const r of rows) names.set(r.id, t.name(r));
  }
  return names;
}
