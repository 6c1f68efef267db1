import crypto from 'node:crypto';
import fs from 'node:fs';
import type { NextFunction, Request, Response, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { multipartForm } from '../../middleware/csrf.js';
import { formatGovukDate } from '../../lib/dates.js';
import { dateField } from '../../lib/validation.js';
import { errorsFor, parseWebForm, type FieldDef } from '../../lib/forms/fields.js';
import type { ErrorDetail } from '../../lib/errors.js';
import { ConflictError } from '../../lib/errors.js';
import { getOwned } from '../audit/audit.js';
import { groupStoredFindings, reportSections, TEMPLATE_VERSION_TEXT } from './quality-view.js';
import { AnnexAFileError } from './reader.js';
import { discardPreview, loadFindings, runImport, UPLOAD_DIR, uploadPath } from './service.js';
import { findingsCsv, writeQualityWorkbook } from './quality-export.js';
import { displayedIndicators } from './display.js';
import { receiveUpload } from '../uploads/receive.js';
import { refusalMessage, UploadLimitError, uploadLimits } from '../../lib/upload-limits.js';
import { uploadSettings } from '../../config.js';
import type { ImportReport } from './tables.js';

// The reference date is a GOV.UK date input like every other date in Waymark: the same messages, and
// the error summary links to its day box.
const UPLOAD_FIELDS: FieldDef[] = [{ kind: 'date', name: 'referenceDate', label: 'Reference date' }];
const uploadSchema = z.object({ referenceDate: dateField('Reference date') });

/** Uploading an Annex A workbook, checking it, and committing or discarding it; the quality report's downloads. */
export function importRoutes(router: Router, services: Services) {
  const { db, config } = services;
  const editor = requireRole('editor');
  fs.mkdirSync(UPLOAD_DIR, { recursive: true });
  // Every limit (size, concurrency, and the reader's expanded size, text table, depth, rows and columns)
  // comes from the one upload-limits module (issue 13).
  const storage = multer.diskStorage({
    destination: UPLOAD_DIR,
    filename: (_req, _file, cb) => cb(null, `incoming-${crypto.randomBytes(12).toString('hex')}`),
  });
  const limits = uploadLimits('annex-a', uploadSettings(config));
  const limitMb = Math.round(limits.maxBytes / 1024 / 1024);

  const renderUpload = (res: Response, status: number, values: Record<string, unknown>, details: ErrorDetail[]) =>
    res.status(status).render('annex-a/views/upload.njk', {
      title: 'Upload an Annex A workbook',
      values,
      errors: details.length ? errorsFor(details, UPLOAD_FIELDS, values) : undefined,
      limitMb,
    });

  router.get('/annex-a/upload', editor, (_req, res) => renderUpload(res, 200, {}, []));

  router.post(
    '/annex-a/upload',
    editor,
    multipartForm((req, res) => receiveUpload(req, res, config, 'annex-a', { field: 'file', storage })),
    (req: Request, res: Response, next: NextFunction) => {
      const refused = req.upload?.refused;
      if (!refused) return next();
      if (req.file?.path) void fs.promises.rm(req.file.path, { force: true });
      const message = refusalMessage(refused, {
        tooLarge: `The selected file must be smaller than ${limitMb} MB`,
        unreadable: 'The file could not be uploaded: select one Annex A workbook and try again',
      });
      const status = refused.status === 413 || refused.status === 429 ? refused.status : 400;
      return renderUpload(res, status, req.body ?? {}, [{ path: 'file', message }]);
    },
    async (req, res) => {
      const { user, actor } = signedIn(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const file = req.file;
      const parsed = parseWebForm(uploadSchema, body, UPLOAD_FIELDS);
      const details = parsed.ok ? [] : [...parsed.details];
      if (!file || file.size === 0)
        details.push({
          path: 'file',
          message: file ? 'The selected file is empty' : 'Select an Annex A workbook (.xlsx) or a zip of CSV files',
        });
      if (!parsed.ok || details.length) {
        if (file) await fs.promises.rm(file.path, { force: true });
        return renderUpload(res, 400, body, details);
      }
      try {
        const outcome = await runImport(db, actor, user.displayName, {
          source: { path: file!.path },
          filename: file!.originalname,
          referenceDate: parsed.data.referenceDate!,
          mode: 'preview',
          limits,
        });
        if (outcome.status === 'previewed') await fs.promises.rename(file!.path, uploadPath(outcome.id!));
        else await fs.promises.rm(file!.path, { force: true });
        res.redirect(`/annex-a/imports/${outcome.id}`);
      } catch (err) {
        await fs.promises.rm(file!.path, { force: true });
        if (err instanceof AnnexAFileError || err instanceof UploadLimitError)
          return renderUpload(res, 422, body, [{ path: 'file', message: err.message }]);
        throw err;
      }
    },
  );

  router.get('/annex-a/imports/:id', editor, async (req, res) => {
    const { user } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'annexImports', String(req.params.id));
    const report = imp.report as ImportReport | null;
    // Imports checked before the grouped report kept only their row findings: group those instead.
    const groups = report?.groups ?? groupStoredFindings(await loadFindings(db, user.organisationId, imp.id));
    const lists = imp.listStats;
    res.render('annex-a/views/import.njk', {
      title: `Annex A import for ${formatGovukDate(imp.referenceDate)}`,
      imp,
      lists,
      sections: reportSections(groups, lists),
      templateText: report
        ? TEMPLATE_VERSION_TEXT[report.templateVersion.version]
        : 'Not recorded (checked before templates were told apart)',
      comparison: report?.comparison ?? null,
      flaggedChanges: (report?.comparison.lists ?? []).filter((l) => l.flagged),
      unavailable: report?.unavailable ?? [],
      indicators: displayedIndicators(imp),
    });
  });

  router.post('/annex-a/imports/:id/commit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'annexImports', String(req.params.id));
    if (imp.status !== 'previewed') throw new ConflictError('This import has already been committed or discarded');
    const file = uploadPath(imp.id);
    if (!fs.existsSync(file)) {
      req.session.flash = {
        type: 'info',
        text: 'The uploaded file is no longer available (the server may have restarted). Upload it again.',
      };
      return res.redirect('/annex-a/upload');
    }
    const outcome = await runImport(db, actor, user.displayName, {
      source: { path: file },
      filename: imp.filename,
      referenceDate: imp.referenceDate,
      mode: 'commit',
      previewId: imp.id,
    });
    await fs.promises.rm(file, { force: true });
    req.session.flash = {
      text: `The Annex A snapshot for ${formatGovukDate(imp.referenceDate)} has been committed: ${outcome.indicators.length} indicators computed from ${Object.values(outcome.rows).reduce((a, b) => a + b, 0)} rows.`,
    };
    res.redirect('/annex-a');
  });

  router.post('/annex-a/imports/:id/discard', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'annexImports', String(req.params.id));
    await discardPreview(db, actor, imp.id);
    req.session.flash = { text: 'The upload was discarded. Nothing was stored.' };
    res.redirect('/annex-a');
  });

  router.get('/annex-a/imports/:id/quality.csv', editor, async (req, res) => {
    const { user } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'annexImports', String(req.params.id));
    const findings = await loadFindings(db, user.organisationId, imp.id);
    res.type('text/csv').attachment(`annex-a-quality-${imp.referenceDate}.csv`).send(findingsCsv(findings));
  });

  router.get('/annex-a/imports/:id/quality.xlsx', editor, async (req, res) => {
    const { user } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'annexImports', String(req.params.id));
    const findings = await loadFindings(db, user.organisationId, imp.id);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`annex-a-quality-${imp.referenceDate}.xlsx`);
    await writeQualityWorkbook(
      res,
      imp.listStats,
      findings,
      (imp.report as ImportReport | null)?.groups ?? groupStoredFindings(findings),
    );
  });
}
