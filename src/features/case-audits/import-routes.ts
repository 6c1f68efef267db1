import type { Request, Response, Router } from 'express';
import { formFailure } from '../../lib/forms/failure.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { todayInLondon } from '../../lib/dates.js';
import { AppError } from '../../lib/errors.js';
import { allStandards, gradeLabel } from '../../lib/case-audit-framework.js';
import { columnLetter } from '../../lib/plan-values.js';
import {
  guessMapping,
  IDENTIFIER_HEADINGS_TEXT,
  IMPORT_FIELDS,
  validateAuditRows,
  type ImportMapping,
} from '../../lib/case-audit-import.js';
import { getOwned } from '../audit/audit.js';
import { caseReference } from './annex-source.js';
import { loadCycle } from './cycles.js';
import { commitImport, importContext, loadStaged, stageImport } from './spreadsheet.js';
import { auditUploadLimits, readAuditSheet, receiveAuditFile, receiveFile } from './upload.js';
import { multipartForm } from '../../middleware/csrf.js';
import { formErrors, SERVICE_NAMED } from './web-forms.js';

const PREVIEW_ROWS = 50;
const MAX_ERRORS_SHOWN = 200;

export function importRoutes(router: Router, services: Services): void {
  const { db, config } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());
  const limits = auditUploadLimits(config);
  const limitMb = Math.round(limits.maxBytes / 1024 / 1024);

  const uploadPage = async (req: Request, res: Response, status: number, errors?: ReturnType<typeof formErrors>) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    res.status(status).render('case-audits/views/import-upload.njk', {
      title: `Import audits into ${view.cycle.title}`,
      view,
      errors,
      limitMb,
      maxRows: limits.maxRows.toLocaleString('en-GB'),
      idHeadings: IDENTIFIER_HEADINGS_TEXT,
      standards: allStandards(view.version.themes),
      grades: view.version.scale.map((g) => g.label),
    });
  };

  router.get('/case-audits/cycles/:id/import', editor, (req, res) => uploadPage(req, res, 200));
  router.post('/case-audits/cycles/:id/import', editor, multipartForm(receiveAuditFile(config)), async (req, res) => {
    const { user, actor } = signedIn(req);
    const cycle = await getOwned(db, user.organisationId, 'caseAuditCycles', String(req.params.id));
    const received = await receiveFile(req, res, config);
    if (!('file' in received) || !received.file) {
      return uploadPage(
        req,
        res,
        received.status ?? 400,
        formErrors([{ path: 'file', message: received.message ?? 'Select a file' }]),
      );
    }
    const { file } = received;
    try {
      const sheet = await readAuditSheet(file, config);
      const staged = await stageImport(db, actor, cycle.id, file.originalname, sheet);
      res.redirect(`/case-audits/cycles/${cycle.id}/import/${staged.id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 400 || err.status === 422)) {
        const details = err.details.length ? err.details : [{ path: 'file', message: err.message }];
        return uploadPage(req, res, err.status, formErrors(details));
      }
      throw err;
    }
  });

  function mappingFrom(source: Record<string, unknown>, headers: string[], guessed: ImportMapping): ImportMapping {
    if (!Object.keys(source).some((k) => k.startsWith('col-') || k.startsWith('std-'))) return guessed;
    const pick = (raw: unknown) =>
      typeof raw === 'string' && /^\d+$/.test(raw) && Number(raw) < headers.length ? Number(raw) : null;
    return {
      fields: Object.fromEntries(
        IMPORT_FIELDS.map((f) => [f.key, pick(source[`col-${f.key}`])]),
      ) as ImportMapping['fields'],
      standards: Object.fromEntries(Object.keys(guessed.standards).map((k) => [k, pick(source[`std-${k}`])])),
    };
  }

  const previewPage = async (
    req: Request,
    res: Response,
    status: number,
    source: Record<string, unknown>,
    extra?: { path: string; message: string }[],
  ) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const staged = await loadStaged(db, user.organisationId, view.cycle.id, String(req.params.importId));
    const guessed = guessMapping(staged.headers, view.version.themes, staged.idColumn);
    const mapping = mappingFrom(source, staged.headers, guessed);
    const { audits, errors } = staged.committedAt
      ? { audits: [], errors: [] }
      : validateAuditRows(
          staged.headers,
          staged.rows,
          staged.idColumn,
          mapping,
          await importContext(db, user.organisationId, view, today()),
        );
    const items = (selected: number | null) => [
      { value: '', text: 'Not in this file', selected: selected === null },
      ...staged.headers
        .map((h, i) => ({
          value: String(i),
          text: `${columnLetter(i)}: ${h || '(no heading)'}`,
          selected: selected === i,
        }))
        .filter((_, i) => i !== staged.idColumn),
    ];
    const { scale } = view.version;
    res.status(status).render('case-audits/views/import-preview.njk', {
      title: `Check the import into ${view.cycle.title}`,
      view,
      staged: {
        id: staged.id,
        filename: staged.filename,
        rowCount: staged.rows.length,
        committedAt: staged.committedAt,
      },
      idColumn:
        staged.idColumn === null ? null : `${columnLetter(staged.idColumn)}: ${staged.headers[staged.idColumn]}`,
      fields: IMPORT_FIELDS.map((f) => ({
        key: f.key,
        label: f.label,
        items: items(mapping.fields[f.key]),
        value: mapping.fields[f.key],
      })),
      standards: allStandards(view.version.themes).map((s) => ({
        key: s.key,
        label: `${s.code} ${s.text}`,
        items: items(mapping.standards[s.key] ?? null),
        value: mapping.standards[s.key] ?? null,
      })),
      audits: audits.slice(0, PREVIEW_ROWS).map((a) => ({
        row: a.row,
        reference: caseReference(a.caseHash),
        isNew: !a.existingId,
        overall: gradeLabel(scale, a.overall),
        graded: Object.keys(a.grades).length,
        auditedOn: a.auditedOn,
      })),
      auditCount: audits.length,
      newCount: audits.filter((a) => !a.existingId).length,
      rowErrors: errors.slice(0, MAX_ERRORS_SHOWN),
      errorCount: errors.length,
      errors: extra ? formErrors(extra) : undefined,
      previewRows: PREVIEW_ROWS,
    });
  };

  router.get('/case-audits/cycles/:id/import/:importId', editor, (req, res) =>
    previewPage(req, res, 200, req.query as Record<string, unknown>),
  );
  router.post('/case-audits/cycles/:id/import/:importId', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const staged = await loadStaged(db, user.organisationId, view.cycle.id, String(req.params.importId));
    const source = (req.body ?? {}) as Record<string, unknown>;
    const mapping = mappingFrom(
      source,
      staged.headers,
      guessMapping(staged.headers, view.version.themes, staged.idColumn),
    );
    try {
      const r = await commitImport(db, actor, user, view.cycle.id, staged.id, mapping, today());
      const flagged = r.flagged
        ? ` ${r.flagged} of the ${r.added} new cases are not in the latest Annex A import and are flagged.`
        : '';
      req.session.flash = {
        text: `${r.graded} audit${r.graded === 1 ? ' has' : 's have'} been imported from ${staged.filename}.${flagged}`,
      };
      res.redirect(`/case-audits/cycles/${view.cycle.id}`);
    } catch (err) {
      const f = formFailure(err, { field: 'import', ...SERVICE_NAMED });
      const message =
        f.details.length > 1 || f.details[0]?.path.startsWith('row')
          ? 'The file has problems: nothing has been imported. Fix the rows listed below and upload the file again'
          : f.details[0].message;
      await previewPage(req, res, f.status, source, [{ path: 'import', message }]);
    }
  });
}
