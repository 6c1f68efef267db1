import { formatGovukDate } from '../../lib/dates.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../audit/audit.js';
import { getOwned, recordAudit } from '../audit/audit.js';
import { ConflictError } from '../../lib/errors.js';
import { AnnexAImporter, type Finding, type FindingGroup, type ImportResult } from '../../lib/annex-a/importer.js';
import { pseudonymiser } from '../../lib/annex-a/pseudonym.js';
import {
  availability,
  INDICATOR_BY_KEY,
  INDICATORS,
  listsOf,
  type IndicatorResult,
} from '../../lib/annex-a/indicators.js';
import { compareWithPrevious } from '../../lib/annex-a/snapshot-compare.js';
import type { CellValue } from '../../lib/annex-a/values.js';
import { LIST_BY_NUMBER } from '../../lib/annex-a/spec.js';
import { loadHolidays } from '../calendar/holidays.js';
import { recordComputedValues } from '../indicators/computed.js';
import { AnnexAFileError, readUpload, type UploadSource } from './reader.js';
import type { UploadLimits } from '../../lib/upload-limits.js';
import { ownArea, previousSnapshot } from './queries.js';
import { insertChunks, packChunks, type PackedChunk } from './row-store.js';
import type { ImportReport, ImportStatus, StoredIndicator } from './tables.js';

export { drillDown, latestCommitted, listImports, loadFindings, ownArea, type StoredFinding } from './queries.js';

export const UPLOAD_DIR = path.join(os.tmpdir(), 'waymark-annex-a');

export interface ImportRequest {
  source: UploadSource;
  filename: string;
  referenceDate: string;
  /** dry-run: validate only, store nothing. preview: keep the report (and the file) for a later commit. commit: store. */
  mode: 'dry-run' | 'preview' | 'commit';
  /** When committing a previewed import, its id. */
  previewId?: string;
  /** The deployment's Annex A upload limits (`uploadLimits('annex-a', settings)`); the defaults otherwise. */
  limits?: UploadLimits;
}

export interface ImportOutcome {
  id: string | null;
  status: ImportStatus | 'validated';
  referenceDate: string;
  rows: Record<string, number>;
  quality: { errors: number; warnings: number };
  indicators: { key: string; value: number | null }[];
  report: ImportReport;
  findings: Finding[];
  durationMs: number;
}

async function hashSource(source: UploadSource): Promise<{ hash: string; bytes: number }> {
  const h = crypto.createHash('sha256');
  if ('buffer' in source) return { hash: h.update(source.buffer).digest('hex'), bytes: source.buffer.length };
  let bytes = 0;
  for await (const chunk of fs.createReadStream(source.path)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hash: h.digest('hex'), bytes };
}

function rowCounts(result: ImportResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ls of result.lists) counts[LIST_BY_NUMBER.get(ls.list)!.key] = ls.rows;
  return counts;
}

function storedIndicators(results: IndicatorResult[]): StoredIndicator[] {
  return results.map((r) => {
    const def = INDICATOR_BY_KEY.get(r.key)!;
    return {
      key: r.key,
      name: def.name,
      unit: def.unit,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      breakdown: r.breakdown,
    };
  });
}

/** Add findings made outside the importer (the comparison with the previous snapshot) to the result and its groups. */
function addFindings(result: ImportResult, extra: Finding[]): void {
  for (const f of extra) {
    result.findings.push(f);
    if (f.severity === 'error') result.errors++;
    else result.warnings++;
    const group: FindingGroup = {
      severity: f.severity,
      check: f.check,
      list: f.list,
      sheet: f.sheet,
      column: f.column,
      count: 1,
      reason: f.reason,
      examples: [],
    };
    result.groups.push(group);
  }
}

/** Parse, check and pseudonymise an upload; then, unless it is a dry run, store it (all or nothing). */
export async function runImport(
  db: Kysely<Database>,
  actor: Actor,
  userName: string,
  req: ImportRequest,
): Promise<ImportOutcome> {
  const started = Date.now();
  const org = await db
    .selectFrom('organisations')
    .select(['pseudonymSecret'])
    .where('id', '=', actor.organisationId)
    .executeTakeFirstOrThrow();
  const area = await ownArea(db, actor.organisationId);
  const { hash, bytes } = await hashSource(req.source);
  // Lists no figure reads are checked and counted, but their rows are not kept even in memory.
  const importer = new AnnexAImporter({
    referenceDate: req.referenceDate,
    pseudonymise: pseudonymiser(org.pseudonymSecret),
    keep: STORED_LISTS,
  });
  // When committing, each stored list is packed and compressed as soon as its sheet has been read, so
  // the compression (on libuv's thread pool) runs while the next sheet is parsed.
  const packing: Promise<PackedChunk[]>[] = [];
  const sink =
    req.mode === 'commit'
      ? {
          startSheet: (name: string) => importer.startSheet(name),
          row: (n: number, cells: CellValue[]) => importer.row(n, cells),
          endSheet: () => {
            const list = importer.endSheet();
            if (list !== undefined && STORED_LISTS.has(list))
              packing.push(packChunks(new Map([[list, importer.recordsOf(list)]])));
          },
        }
      : importer;
  const kind = await readUpload(req.source, req.filename, sink, req.limits);
  const result = importer.finish();
  // A file with no Annex A list in it at all is refused like a file that is not a workbook: nothing is
  // stored, and the upload page says so at once instead of keeping a report of nothing.
  if (result.lists.length === 0)
    throw new AnnexAFileError(
      result.findings.find((f) => f.check === 'nothing-read')?.reason ?? 'No Annex A list could be read from this file',
    );
  const rows = rowCounts(result);
  const { comparison, findings: changes } = compareWithPrevious(
    rows,
    await previousSnapshot(db, actor.organisationId, req.referenceDate),
  );
  addFindings(result, changes);
  const rejected = result.errors > 0;
  const available = availability(result.lists);
  const unavailable = INDICATORS.filter((d) => available.get(d.key)).map((d) => ({
    key: d.key,
    name: d.name,
    reason: available.get(d.key)!,
  }));
  const computed: IndicatorResult[] = [];
  if (!rejected) {
    const holidays = await loadHolidays(db, actor.organisationId);
    // One indicator at a time, yielding between them, so other requests are served meanwhile.
    const ctx = {
      referenceDate: req.referenceDate,
      holidays,
      childPopulation: area.childPopulation,
      lists: result.records,
      ownArea: area,
    };
    for (const def of INDICATORS) {
      if (available.get(def.key)) continue;
      // The rows behind a figure are for the drill-down, which recomputes them: not kept here.
      const { rows: _rows, ...figure } = def.compute(ctx);
      computed.push({ ...figure, rows: [] });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const report: ImportReport = {
    templateVersion: result.templateVersion,
    groups: result.groups,
    unavailable,
    comparison,
  };
  const outcome = (id: string | null, status: ImportOutcome['status']): ImportOutcome => ({
    id,
    status,
    referenceDate: req.referenceDate,
    rows,
    quality: { errors: result.errors, warnings: result.warnings },
    indicators: computed.map((c) => ({ key: c.key, value: c.value })),
    report,
    findings: result.findings,
    durationMs: Date.now() - started,
  });
  if (req.mode === 'dry-run') return outcome(null, rejected ? 'rejected' : 'validated');

  const status: ImportStatus = rejected ? 'rejected' : req.mode === 'preview' ? 'previewed' : 'committed';
  // Packed and compressed before the transaction, so PGlite's one connection is held only to store.
  const chunks: PackedChunk[] = status === 'committed' ? (await Promise.all(packing)).flat() : [];
  const id = await db
    .transaction()
    .execute(async (trx) => {
      let importId: string;
      const values = {
        referenceDate: req.referenceDate,
        status,
        filename: req.filename.slice(0, 200),
        fileHash: hash,
        fileBytes: bytes,
        fileKind: kind,
        rowCounts: JSON.stringify(rows),
        totalRows: result.totalRows,
        errors: result.errors,
        warnings: result.warnings,
        listStats: JSON.stringify(result.lists),
        indicators: rejected ? null : JSON.stringify(storedIndicators(computed)),
        report: JSON.stringify(report),
        committedAt: status === 'committed' ? new Date() : null,
        durationMs: Date.now() - started,
      };
      if (status === 'committed') await replaceEarlier(trx, actor, req.referenceDate, req.previewId);
      if (req.previewId) {
        const before = await getOwned(trx, actor.organisationId, 'annexImports', req.previewId);
        if (before.status !== 'previewed')
          throw new ConflictError('This import has already been committed or discarded');
        await trx.deleteFrom('annexFindings').where('importId', '=', req.previewId).execute();
        await trx
          .updateTable('annexImports')
          .set({ ...values, version: sql`version + 1`, updatedAt: new Date() })
          .where('id', '=', req.previewId)
          .where('organisationId', '=', actor.organisationId)
          .execute();
        importId = req.previewId;
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'annexImports',
          entityId: importId,
          before: { status: before.status },
          after: { status, totalRows: result.totalRows },
        });
      } else {
        const row = await trx
          .insertInto('annexImports')
          .values({
            ...values,
            organisationId: actor.organisationId,
            importedBy: actor.userId,
            importedByName: userName,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        importId = row.id;
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'annexImports',
          entityId: importId,
          after: {
            referenceDate: req.referenceDate,
            status,
            filename: values.filename,
            fileHash: hash,
            totalRows: result.totalRows,
          },
        });
      }
      await insertFindings(trx, actor.organisationId, importId, result.findings);
      if (status === 'committed') {
        await insertChunks(trx, actor.organisationId, importId, chunks);
        await recordComputedValues(
          trx,
          actor,
          computed.map((c) => {
            const def = INDICATOR_BY_KEY.get(c.key)!;
            return {
              key: c.key,
              name: def.name,
              unit: def.unit,
              polarity: def.polarity,
              definition: def.definition,
              nationalMeasure: def.national?.measure ?? null,
              period: req.referenceDate.slice(0, 7),
              value: c.value,
              note: `Annex A snapshot at ${formatGovukDate(req.referenceDate)}`,
              provenance: {
                source: 'annex-a',
                importId,
                referenceDate: req.referenceDate,
                numerator: c.numerator,
                denominator: c.denominator,
              },
            };
          }),
        );
      }
      return importId;
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === '23505')
        throw new ConflictError(
          'Another import for this reference date was committed at the same moment. Reload the import history and try again.',
        );
      throw err;
    });
  return outcome(id, status);
}

/** Only the lists some figure reads are stored: the others were checked and counted, and are dropped. */
const STORED_LISTS = new Set(INDICATORS.flatMap(listsOf));

/** Importing the same reference date again replaces the earlier snapshot: its rows go, its record stays as history. */
async function replaceEarlier(
  trx: Transaction<Database>,
  actor: Actor,
  referenceDate: string,
  keepId?: string,
): Promise<void> {
  const earlier = await trx
    .selectFrom('annexImports')
    .select(['id'])
    .where('organisationId', '=', actor.organisationId)
    .where('referenceDate', '=', referenceDate)
    .where('status', '=', 'committed')
    .execute();
  for (const e of earlier) {
    if (e.id === keepId) continue;
    await trx
      .deleteFrom('annexRowChunks')
      .where('importId', '=', e.id)
      .where('organisationId', '=', actor.organisationId)
      .execute();
    await setImportStatus(trx, actor, e.id, 'committed', 'replaced');
  }
}

/** Move an import from one status to the next; the audit keeps only the two statuses, not the whole report. */
async function setImportStatus(
  trx: Transaction<Database>,
  actor: Actor,
  importId: string,
  from: ImportStatus,
  to: ImportStatus,
): Promise<void> {
  await trx
    .updateTable('annexImports')
    .set({ status: to, version: sql`version + 1`, updatedAt: new Date() })
    .where('id', '=', importId)
    .execute();
  await recordAudit(trx, actor, {
    action: 'update',
    entityType: 'annexImports',
    entityId: importId,
    before: { status: from },
    after: { status: to },
  });
}

/** Findings per insert: small enough that one statement never holds the event loop (PGlite runs in-process) for long. */
const BATCH = 2000;

async function insertFindings(
  trx: Transaction<Database>,
  organisationId: string,
  importId: string,
  findings: Finding[],
): Promise<void> {
  for (let i = 0; i < findings.length; i += BATCH) {
    const b = findings.slice(i, i + BATCH);
    await sql`insert into annex_findings (organisation_id, import_id, severity, check_name, list_number, sheet, row_number, column_name, value, reason)
      select ${organisationId}::uuid, ${importId}::uuid, s, k, l, sh, r, c, v, re
      from unnest(${b.map((f) => f.severity)}::text[], ${b.map((f) => f.check)}::text[], ${b.map((f) => f.list)}::smallint[], ${b.map((f) => f.sheet)}::text[],
                  ${b.map((f) => f.row)}::int[], ${b.map((f) => f.column)}::text[], ${b.map((f) => f.value)}::text[], ${b.map((f) => f.reason)}::text[]) as x(s, k, l, sh, r, c, v, re)`.execute(
      trx,
    );
  }
}

export async function discardPreview(db: Kysely<Database>, actor: Actor, importId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const imp = await getOwned(trx, actor.organisationId, 'annexImports', importId);
    if (imp.status !== 'previewed') throw new ConflictError('Only an import waiting to be committed can be discarded');
    await setImportStatus(trx, actor, importId, 'previewed', 'discarded');
  });
  await fs.promises.rm(uploadPath(importId), { force: true });
}

export function uploadPath(importId: string): string {
  return path.join(UPLOAD_DIR, `${importId}.upload`);
}

export { INDICATORS, LIST_BY_NUMBER };
