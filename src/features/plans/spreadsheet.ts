import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getOwned, insertAudited, recordAudit, type Actor } from '../audit/audit.js';
import { BadRequestError, ValidationError } from '../../lib/errors.js';
import { isPlainText } from '../../lib/evidence-file-type.js';
import { uploadLimits, UploadLimitError, type UploadLimits } from '../../lib/upload-limits.js';
import { isXlsx, readCsvRows, readFirstXlsxSheet } from '../uploads/sheet-reader.js';
import { stageSheet } from '../uploads/staging.js';
import { validateImport, type ColumnMapping, type ImportedAction } from '../../lib/plan-values.js';
import { parseIsoDate } from '../../lib/dates.js';
import { assertPlanEditable, refreshRag } from './service.js';
import { computeActionRags } from './status.js';
import { planActionsWithThemeAndOwner } from './queries.js';

/** The most action rows one import takes: a plan has tens or hundreds of actions, never tens of thousands. */
export const MAX_IMPORT_ROWS = 2000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface ParsedSheet {
  headers: string[];
  rows: string[][];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: string;
      hyperlink?: string;
    };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
    return '';
  }
  return String(value);
}

const tooMany = (n: string) =>
  new BadRequestError(
    `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows${n}. An improvement plan import takes up to ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} actions: split the file or remove rows that are not actions`,
    [
      {
        path: 'file',
        message: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows: an import takes up to ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} actions`,
      },
    ],
  );

/**
 * Read the first worksheet of an .xlsx or a .csv, streaming and within the plan import's limits
 * (src/lib/upload-limits.ts): a huge or hostile file is refused as it is read, never loaded whole.
 * Every cell becomes text; dates as YYYY-MM-DD.
 */
export async function readSpreadsheet(
  buffer: Buffer,
  filename: string,
  limits: UploadLimits = uploadLimits('plan-import'),
): Promise<ParsedSheet> {
  const lower = filename.toLowerCase();
  let table: string[][];
  try {
    if (isXlsx(buffer) && lower.endsWith('.xlsx')) {
      table = (await readFirstXlsxSheet(buffer, limits)).map((r) => r.map(cellText));
    } else if (lower.endsWith('.csv') && isPlainText(buffer.subarray(buffer[0] === 0xef ? 3 : 0))) {
      table = await readCsvRows(buffer, limits);
    } else {
      throw new BadRequestError('Upload an Excel (.xlsx) or CSV file', [
        { path: 'file', message: 'The file must be an Excel workbook (.xlsx) or a CSV file' },
      ]);
    }
  } catch (err) {
    if (err instanceof UploadLimitError && err.limit === 'rows') throw tooMany('');
    throw err;
  }
  while (table.length && table[0].every((c) => !c.trim())) table.shift();
  if (!table.length)
    throw new BadRequestError('The file is empty', [
      { path: 'file', message: 'The file is empty: the first row must hold the column headings' },
    ]);
  const headers = table[0].map((h) => h.trim());
  const width = headers.length;
  const rows = table.slice(1).map((r) => Array.from({ length: width }, (_, i) => (r[i] ?? '').trim()));
  return { headers, rows };
}

/** Keep an uploaded sheet until its columns are matched; the audit event says what was staged, not every cell. */
export async function stageImport(
  db: Kysely<Database>,
  actor: Actor,
  planId: string,
  filename: string,
  sheet: ParsedSheet,
) {
  return stageSheet(db, actor, 'planImports', filename, sheet, (trx, staged) =>
    trx
      .insertInto('planImports')
      .values({ ...staged, planId })
      .returning(['id', 'planId', 'filename'])
      .executeTakeFirstOrThrow(),
  );
}

export async function importContext(db: Kysely<Database>, organisationId: string, planId: string) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'displayName'])
    .where('organisationId', '=', organisationId)
    .where('active', '=', true)
    .execute();
  const owners = new Map<string, string>();
  for (const u of users) {
    owners.set(u.email.toLowerCase(), u.id);
    owners.set(u.displayName.toLowerCase(), u.id);
  }
  const refs = await db.selectFrom('actions').select('reference').where('planId', '=', planId).execute();
  return { owners, existingReferences: new Set(refs.map((r) => r.reference.toLowerCase())) };
}

/** Commit every row or none: the whole import runs in one transaction and is re-validated inside it. */
export async function commitImport(
  db: Kysely<Database>,
  actor: Actor,
  planId: string,
  importId: string,
  mapping: ColumnMapping,
  today: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const plan = await getOwned(trx, actor.organisationId, 'plans', planId);
    assertPlanEditable(plan);
    const staged = await getOwned(trx, actor.organisationId, 'planImports', importId);
    if (staged.planId !== planId) throw new BadRequestError('This import belongs to another plan');
    if (staged.committedAt) throw new BadRequestError('This file has already been imported');
    const ctx = await importContext(trx as unknown as Kysely<Database>, actor.organisationId, planId);
    const { actions, errors } = validateImport(staged.headers, staged.rows, mapping, ctx);
    if (errors.length)
      throw new ValidationError(
        errors.map((e) => ({ path: `row ${e.row}, column ${e.column}`, message: e.message })),
        'The file has problems: nothing has been imported',
      );
    const themes = await trx
      .selectFrom('planThemes')
      .select(['id', 'name', 'position'])
      .where('planId', '=', planId)
      .execute();
    const themeIds = new Map(themes.map((t) => [t.name.toLowerCase(), t.id]));
    let position = themes.length;
    const ensureTheme = async (name: string | null) => {
      if (!name) return null;
      const existing = themeIds.get(name.toLowerCase());
      if (existing) return existing;
      const created = await insertAudited(trx, actor, 'planThemes', { planId, name, position: position++ });
      themeIds.set(name.toLowerCase(), created.id);
      return created.id;
    };
    const ids: string[] = [];
    for (const a of actions as ImportedAction[]) {
      const row = await insertAudited(trx, actor, 'actions', {
        planId,
        reference: a.reference,
        title: a.title,
        description: a.description,
        themeId: await ensureTheme(a.theme),
        ownerId: a.ownerId,
        startDate: a.startDate,
        dueDate: a.dueDate,
        status: a.status,
        successMeasures: a.successMeasures,
      });
      ids.push(row.id);
    }
    await trx
      .updateTable('planImports')
      .set({ committedAt: new Date() })
      .where('id', '=', importId)
      .where('organisationId', '=', actor.organisationId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'update',
      entityType: 'planImports',
      entityId: importId,
      before: { committedAt: null },
      after: { committed: true, actions: ids.length },
    });
    await refreshRag(trx, actor.organisationId, { actionIds: ids }, today);
    return ids.length;
  });
}

const excelDate = (iso: string | null) => (iso ? parseIsoDate(iso) : null);

/** The plan as a workbook: one row per action (with both RAGs) and a sheet of milestones. Its headings import back in. */
export async function exportPlan(
  db: Kysely<Database>,
  organisationId: string,
  planId: string,
  today: string,
): Promise<{ filename: string; buffer: Buffer }> {
  const plan = await getOwned(db, organisationId, 'plans', planId);
  const states = await computeActionRags(db, organisationId, { planId }, today);
  const actions = await planActionsWithThemeAndOwner(db, organisationId, planId)
    .select([
      'actions.id',
      'actions.description',
      'actions.successMeasures',
      'planThemes.name as theme',
      'users.displayName as owner',
      'users.email as ownerEmail',
    ])
    .execute();
  const byId = new Map(actions.map((a) => [a.id, a]));
  const findings = await db
    .selectFrom('actionFindings')
    .innerJoin('findings', 'findings.id', 'actionFindings.findingId')
    .innerJoin('actions', 'actions.id', 'actionFindings.actionId')
    .select(['actionFindings.actionId', 'findings.reference', 'findings.text'])
    .where('actions.planId', '=', planId)
    .execute();
  const milestones = await db
    .selectFrom('milestones')
    .innerJoin('actions', 'actions.id', 'milestones.actionId')
    .select([
      'actions.reference',
      'milestones.title',
      'milestones.dueDate',
      'milestones.completedDate',
      'milestones.evidenceNote',
    ])
    .where('actions.planId', '=', planId)
    .where('milestones.organisationId', '=', organisationId)
    .orderBy('milestones.dueDate')
    .execute();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Waymark';
  wb.created = new Date(0);
  const sheet = wb.addWorksheet('Actions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Reference', key: 'reference', width: 10 },
    { header: 'Title', key: 'title', width: 50 },
    { header: 'Description', key: 'description', width: 50 },
    { header: 'Theme', key: 'theme', width: 20 },
    { header: 'Owner', key: 'owner', width: 24 },
    { header: 'Start date', key: 'startDate', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Due date', key: 'dueDate', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Status', key: 'status', width: 12 },
    { header: 'Evidence RAG', key: 'evidenceRag', width: 12 },
    { header: 'Owner RAG', key: 'ownerRag', width: 12 },
    { header: 'Challenged', key: 'challenged', width: 10 },
    { header: 'Owner’s reason', key: 'reason', width: 40 },
    { header: 'Overdue milestones', key: 'overdue', width: 10 },
    { header: 'Success measures', key: 'successMeasures', width: 40 },
    { header: 'Findings answered', key: 'findings', width: 50 },
  ];
  sheet.getRow(1).font = { bold: true };
  const statusLabel: Record<string, string> = {
    'not-started': 'Not started',
    'in-progress': 'In progress',
    complete: 'Complete',
    closed: 'Closed',
  };
  const ragLabel = (r: string | null) => (r ? r[0].toUpperCase() + r.slice(1).replace('-', ' ') : '');
  for (const st of states) {
    const a = byId.get(st.actionId)!;
    sheet.addRow({
      reference: st.reference,
      title: st.title,
      description: a.description,
      theme: a.theme ?? '',
      owner: a.ownerEmail ?? '',
      startDate: excelDate(st.startDate),
      dueDate: excelDate(st.dueDate),
      status: statusLabel[st.status],
      evidenceRag: ragLabel(st.evidenceRag),
      ownerRag: ragLabel(st.ownerRag),
      challenged: st.challenged ? 'Yes' : 'No',
      reason: st.challenged ? (st.ownerRagReason ?? '') : '',
      overdue: st.overdueMilestones,
      successMeasures: a.successMeasures,
      findings: findings
        .filter((f) => f.actionId === st.actionId)
        .map((f) => (f.reference ? `${f.reference}: ${f.text}` : f.text))
        .join('\n'),
    });
  }
  const ms = wb.addWorksheet('Milestones', { views: [{ state: 'frozen', ySplit: 1 }] });
  ms.columns = [
    { header: 'Action reference', key: 'reference', width: 12 },
    { header: 'Milestone', key: 'title', width: 50 },
    { header: 'Due date', key: 'dueDate', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Completed date', key: 'completedDate', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Evidence note', key: 'evidenceNote', width: 50 },
  ];
  ms.getRow(1).font = { bold: true };
  const refOrder = new Map(states.map((st, i) => [st.reference, i]));
  milestones.sort(
    (x, y) => (refOrder.get(x.reference) ?? 0) - (refOrder.get(y.reference) ?? 0) || x.dueDate.localeCompare(y.dueDate),
  );
  for (const m of milestones)
    ms.addRow({
      reference: m.reference,
      title: m.title,
      dueDate: excelDate(m.dueDate),
      completedDate: excelDate(m.completedDate),
      evidenceNote: m.evidenceNote,
    });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const slug =
    plan.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'plan';
  return { filename: `${slug}-v${plan.planVersion}.xlsx`, buffer };
}
