import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getOwned, insertAudited, recordAudit, type Actor, type Executor } from '../audit/audit.js';
import { BadRequestError, ConflictError, ValidationError } from '../../lib/errors.js';
import { safeCell } from '../../lib/spreadsheet-safe.js';
import { allStandards, gradeLabel } from '../../lib/case-audit-framework.js';
import { CASE_LIST_LABELS } from '../../lib/case-audit-sampling.js';
import {
  findIdentifierColumn,
  validateAuditRows,
  type ImportContext,
  type ImportMapping,
} from '../../lib/case-audit-import.js';
import { finalGrades } from '../../lib/case-audit-summary.js';
import { parseIsoDate } from '../../lib/dates.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { caseHasher, caseInSnapshot, caseReference, latestSnapshot } from './annex-source.js';
import { allocate, gradeAudit, readNotes } from './audits.js';
import { moderationChanges } from './summary-view.js';
import { loadCycle, toGrades, type CycleView } from './cycles.js';
import { listAuditors } from './auditors.js';
import { syncIndicators } from './results.js';
import type { ParsedSheet } from '../plans/spreadsheet.js';
import { stageSheet } from '../uploads/staging.js';

/**
 * Keep an uploaded sheet until its preview is checked, with the case identifier column already
 * replaced by keyed hashes: the identifiers themselves are never stored, not even for a moment.
 */
export async function stageImport(
  db: Kysely<Database>,
  actor: Actor,
  cycleId: string,
  filename: string,
  sheet: ParsedSheet,
) {
  const idColumn = findIdentifierColumn(sheet.headers);
  const hash = await caseHasher(db, actor.organisationId);
  const rows =
    idColumn === null ? sheet.rows : sheet.rows.map((r) => r.map((c, i) => (i === idColumn && c.trim() ? hash(c) : c)));
  return stageSheet(db, actor, 'caseAuditImports', filename, { headers: sheet.headers, rows }, (trx, staged) =>
    trx
      .insertInto('caseAuditImports')
      .values({ ...staged, cycleId, idColumn })
      .returning(['id', 'cycleId', 'filename'])
      .executeTakeFirstOrThrow(),
  );
}

export async function importContext(
  db: Executor,
  organisationId: string,
  view: CycleView,
  today: string,
): Promise<ImportContext> {
  const auditors = new Map<string, string>();
  for (const a of await listAuditors(db, organisationId)) {
    auditors.set(a.email.toLowerCase(), a.userId);
    auditors.set(a.displayName.toLowerCase(), a.userId);
  }
  return {
    scale: view.version.scale,
    themes: view.version.themes,
    auditors,
    cases: new Map(
      view.audits.map((a) => [
        a.caseHash,
        {
          id: a.id,
          auditorId: a.auditorId,
          graded: !!a.overallGrade,
          moderated: !!a.moderatedOverallGrade,
          reference: a.reference,
        },
      ]),
    ),
    references: new Map(view.audits.map((a) => [a.reference, a.caseHash])),
    today,
  };
}

export async function loadStaged(db: Executor, organisationId: string, cycleId: string, importId: string) {
  const staged = await getOwned(db, organisationId, 'caseAuditImports', importId);
  if (staged.cycleId !== cycleId) throw new BadRequestError('This import belongs to another cycle');
  return staged;
}

/**
 * Save every row or none: the rows are checked again inside one transaction, new cases are added
 * (flagged when the latest Annex A import does not have them), and each audit is graded as the
 * spreadsheet says. The staged rows (with their notes) are then cleared.
 */
export async function commitImport(
  db: Kysely<Database>,
  actor: Actor,
  user: Pick<CurrentUser, 'id' | 'role' | 'displayName'>,
  cycleId: string,
  importId: string,
  mapping: ImportMapping,
  today: string,
) {
  const snapshot = await latestSnapshot(db, actor.organisationId);
  return db.transaction().execute(async (trx) => {
    const view = await loadCycle(trx, actor.organisationId, cycleId);
    const staged = await loadStaged(trx, actor.organisationId, cycleId, importId);
    if (staged.committedAt) throw new ConflictError('This file has already been imported');
    const ctx = await importContext(trx, actor.organisationId, view, today);
    const { audits, errors } = validateAuditRows(staged.headers, staged.rows, staged.idColumn, mapping, ctx);
    if (errors.length)
      throw new ValidationError(
        errors.map((e) => ({ path: `row ${e.row}${e.column ? `, column ${e.column}` : ''}`, message: e.message })),
        'The file has problems: nothing has been imported',
      );
    let added = 0;
    let flagged = 0;
    for (const a of audits) {
      let row = a.existingId ? view.audits.find((x) => x.id === a.existingId)! : undefined;
      if (!row) {
        const found = caseInSnapshot(snapshot, a.caseHash);
        const inserted = await insertAudited(trx, actor, 'caseAudits', {
          cycleId,
          caseHash: a.caseHash,
          ...found,
          origin: 'import',
          auditorId: a.auditorId,
        });
        row = {
          ...inserted,
          reference: caseReference(a.caseHash),
          auditorName: null,
          moderatorName: null,
          status: 'allocated',
        };
        added++;
        if (!found.inLatestImport) flagged++;
      }
      const allocated =
        row.auditorId === a.auditorId ? row : await allocate(trx, actor, row, { auditorId: a.auditorId });
      await gradeAudit(
        trx,
        actor,
        user,
        allocated,
        { grades: a.grades, overall: a.overall, note: a.note, auditedOn: a.auditedOn },
        `${user.displayName} (imported from ${staged.filename})`,
      );
    }
    // The staged rows (with their notes) go; the event records the commit, not the rows.
    const committedAt = new Date();
    await trx
      .updateTable('caseAuditImports')
      .set((eb) => ({ committedAt, rows: '[]', version: eb('version', '+', 1), updatedAt: committedAt }))
      .where('id', '=', staged.id)
      .where('organisationId', '=', actor.organisationId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'update',
      entityType: 'caseAuditImports',
      entityId: staged.id,
      before: { committedAt: null },
      after: { committedAt, graded: audits.length },
    });
    await syncIndicators(trx, actor, cycleId);
    return { graded: audits.length, added, flagged };
  });
}

const xlsxDate = (iso: string | null) => (iso ? parseIsoDate(iso) : null);

/** A column as [header, key, width], or in full. */
type Col = [header: string, key: string, width: number] | Partial<ExcelJS.Column>;

/** A worksheet with its columns, the header row in bold. */
function sheetOf(wb: ExcelJS.Workbook, name: string, columns: Col[]): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name);
  sheet.columns = columns.map((c) => (Array.isArray(c) ? { header: c[0], key: c[1], width: c[2] } : c));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/**
 * The cycle as a workbook: one row per audit (headed so that it imports back in), the summary with
 * counts beside every percentage, and what moderation changed. Notes only for people who read them.
 */
export async function exportCycle(
  db: Executor,
  organisationId: string,
  cycleId: string,
  withNotes: boolean,
): Promise<{ filename: string; buffer: Buffer }> {
  const view = await loadCycle(db, organisationId, cycleId);
  const { scale, themes } = view.version;
  const standards = allStandards(themes);
  const notes = withNotes
    ? await readNotes(
        db,
        organisationId,
        view.audits.map((a) => a.id),
      )
    : new Map();
  const emails = new Map(
    (await db.selectFrom('users').select(['id', 'email']).where('organisationId', '=', organisationId).execute()).map(
      (u) => [u.id, u.email],
    ),
  );
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Waymark';
  wb.created = new Date(0);
  const sheet = sheetOf(wb, 'Audits', [
    ['Waymark reference', 'reference', 14],
    ['List', 'list', 18],
    ['Team', 'team', 24],
    ['Annex A list and row', 'source', 16],
    ['In the latest Annex A import', 'inLatest', 12],
    ['Auditor', 'auditor', 28],
    ['Moderator', 'moderator', 28],
    ['Status', 'status', 18],
    { header: 'Date audited', key: 'auditedOn', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    ['Overall grade', 'overall', 18],
    ['Moderated overall grade', 'moderated', 18],
    ...standards.map((s): Col => [`${s.code} ${s.text}`.slice(0, 250), `s-${s.key}`, 16]),
    ...(withNotes
      ? ([
          ['Evidence note', 'note', 60],
          ['Moderation note', 'moderationNote', 60],
        ] as Col[])
      : []),
  ]);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const a of view.audits) {
    const final = finalGrades(toGrades(a));
    const n = notes.get(a.id) ?? {};
    sheet.addRow({
      reference: a.reference,
      list: a.listKey ? CASE_LIST_LABELS[a.listKey] : '',
      team: safeCell(a.team ?? ''),
      source: a.sourceList ? `List ${a.sourceList}, row ${a.sourceRow}` : '',
      inLatest: a.inLatestImport ? 'Yes' : 'No',
      auditor: a.auditorId ? (emails.get(a.auditorId) ?? '') : '',
      moderator: a.moderatorId ? (emails.get(a.moderatorId) ?? '') : '',
      status: a.status.replace(/-/g, ' '),
      auditedOn: xlsxDate(a.auditedOn),
      overall: a.overallGrade ? gradeLabel(scale, a.overallGrade) : '',
      moderated: a.moderatedOverallGrade ? gradeLabel(scale, a.moderatedOverallGrade) : '',
      ...Object.fromEntries(
        standards.map((s) => [
          `s-${s.key}`,
          final[s.key] ? (final[s.key] === 'n-a' ? 'N/A' : gradeLabel(scale, final[s.key])) : '',
        ]),
      ),
      ...(withNotes ? { note: safeCell(n.evidence ?? ''), moderationNote: safeCell(n.moderation ?? '') } : {}),
    });
  }
  const summary = sheetOf(wb, 'Summary', [
    ['Scope', 'scope', 40],
    ['Counted', 'graded', 10],
    ['Good or better', 'good', 14],
    ['Good or better (%)', 'goodPct', 16],
    ['Inadequate', 'bad', 12],
    ['Inadequate (%)', 'badPct', 14],
    ...scale.map((g) => ({ header: g.label, key: `g-${g.key}`, width: 14 })),
  ]);
  const s = view.summary;
  const line = (scope: string, x: typeof s.overall) =>
    summary.addRow({
      scope: safeCell(scope),
      graded: x.graded,
      good: x.goodOrBetterCount,
      goodPct: x.goodOrBetter,
      bad: x.inadequateCount,
      badPct: x.inadequate,
      ...Object.fromEntries(scale.map((g) => [`g-${g.key}`, x.counts[g.key] ?? 0])),
    });
  line('All audits (overall grade)', s.overall);
  for (const t of s.themes) line(`Theme: ${t.name} (standard grades)`, t);
  for (const t of s.teams) line(`Team: ${t.team} (overall grade)`, t);
  summary.addRow({});
  summary.addRow({ scope: 'Moderated audits', graded: s.agreement.moderated });
  summary.addRow({ scope: 'Moderator kept the overall grade', graded: s.agreement.agreed, goodPct: s.agreement.rate });
  const mod = sheetOf(wb, 'Moderation changes', [
    ['Waymark reference', 'reference', 14],
    ['What', 'what', 50],
    ['Before', 'before', 22],
    ['After', 'after', 22],
  ]);
  for (const c of moderationChanges(view))
    mod.addRow({ reference: c.reference, what: safeCell(c.what), before: c.before, after: c.after });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const slug =
    view.cycle.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'audit-cycle';
  return { filename: `${slug}-${view.cycle.period}.xlsx`, buffer };
}
