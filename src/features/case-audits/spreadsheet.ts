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
import { loadCycle, toGrades, type CycleView } from './cycles.js';
import { listAuditors } from './auditors.js';
import { syncIndicators } from './results.js';
import type { ParsedSheet } from '../plans/spreadsheet.js';

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
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('caseAuditImports')
      .values({
        organisationId: actor.organisationId,
        cycleId,
        filename: filename.slice(0, 200),
        headers: JSON.stringify(sheet.headers),
        rows: JSON.stringify(rows),
        idColumn,
        createdBy: actor.userId,
      })
      .returning(['id', 'cycleId', 'filename'])
      .executeTakeFirstOrThrow();
    // The event says what was staged, not its cells (they hold evidence notes).
    await recordAudit(trx, actor, {
      action: 'create',
      entityType: 'caseAuditImports',
      entityId: row.id,
      after: { ...row, columns: sheet.headers.length, rows: rows.length },
    });
    return row;
  });
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
  const sheet = wb.addWorksheet('Audits', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Waymark reference', key: 'reference', width: 14 },
    { header: 'List', key: 'list', width: 18 },
    { header: 'Team', key: 'team', width: 24 },
    { header: 'Annex A list and row', key: 'source', width: 16 },
    { header: 'In the latest Annex A import', key: 'inLatest', width: 12 },
    { header: 'Auditor', key: 'auditor', width: 28 },
    { header: 'Moderator', key: 'moderator', width: 28 },
    { header: 'Status', key: 'status', width: 18 },
    { header: 'Date audited', key: 'auditedOn', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Overall grade', key: 'overall', width: 18 },
    { header: 'Moderated overall grade', key: 'moderated', width: 18 },
    ...standards.map((s) => ({ header: `${s.code} ${s.text}`.slice(0, 250), key: `s-${s.key}`, width: 16 })),
    ...(withNotes
      ? [
          { header: 'Evidence note', key: 'note', width: 60 },
          { header: 'Moderation note', key: 'moderationNote', width: 60 },
        ]
      : []),
  ];
  sheet.getRow(1).font = { bold: true };
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
  const summary = wb.addWorksheet('Summary');
  summary.columns = [
    { header: 'Scope', key: 'scope', width: 40 },
    { header: 'Counted', key: 'graded', width: 10 },
    { header: 'Good or better', key: 'good', width: 14 },
    { header: 'Good or better (%)', key: 'goodPct', width: 16 },
    { header: 'Inadequate', key: 'bad', width: 12 },
    { header: 'Inadequate (%)', key: 'badPct', width: 14 },
    ...scale.map((g) => ({ header: g.label, key: `g-${g.key}`, width: 14 })),
  ];
  summary.getRow(1).font = { bold: true };
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
  const mod = wb.addWorksheet('Moderation changes');
  mod.columns = [
    { header: 'Waymark reference', key: 'reference', width: 14 },
    { header: 'What', key: 'what', width: 50 },
    { header: 'Before', key: 'before', width: 22 },
    { header: 'After', key: 'after', width: 22 },
  ];
  mod.getRow(1).font = { bold: true };
  const codeOf = new Map(standards.map((x) => [x.key, `${x.code} ${x.text}`]));
  for (const c of s.changes) {
    if (c.overallBefore !== c.overallAfter)
      mod.addRow({
        reference: c.reference,
        what: 'Overall grade',
        before: gradeLabel(scale, c.overallBefore),
        after: gradeLabel(scale, c.overallAfter),
      });
    for (const st of c.standards)
      mod.addRow({
        reference: c.reference,
        what: safeCell(codeOf.get(st.key) ?? st.key),
        before: gradeLabel(scale, st.before),
        after: gradeLabel(scale, st.after),
      });
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const slug =
    view.cycle.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'audit-cycle';
  return { filename: `${slug}-${view.cycle.period}.xlsx`, buffer };
}
