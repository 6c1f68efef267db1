import type { Response, Router } from 'express';
import type { Services } from '../../../container.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { multipartForm } from '../../../middleware/csrf.js';
import { toFormErrors, type FormErrors } from '../../../lib/validation.js';
import type { AppError } from '../../../lib/errors.js';
import { formFailure } from '../../../lib/forms/failure.js';
import { periodLabel } from '../../../lib/periods.js';
import { percentWithCount } from '../../../lib/percent-count.js';
import { readIndicatorSheet } from '../../../lib/indicator-import.js';
import { uploadLimits, type UploadLimits } from '../../../lib/upload-limits.js';
import { uploadSettings } from '../../../config.js';
import { getOwned } from '../../audit/audit.js';
import { receiveUpload } from '../../uploads/receive.js';
import { listIndicators } from '../service.js';
import { readUploadedSheet } from '../import-file.js';
import { commitImport, commitRefusal, importMeta, stageImport } from '../imports.js';
import { recentImports } from '../queries.js';
import type { StagedImportRow } from '../tables.js';

const valueText = (r: StagedImportRow) =>
  r.value === null
    ? 'No value'
    : r.numerator !== undefined
      ? percentWithCount(r.value, r.numerator, r.denominator)
      : r.value.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/** Upload a sheet of values, check every value and problem in a preview, then save it all or nothing. */
export function importRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const limitMb = () =>
    Math.round(uploadLimits('indicator-import', uploadSettings(services.config)).maxBytes / 1024 / 1024);
  const importPage = (res: Response, errors?: FormErrors, status = 200) =>
    res
      .status(status)
      .render('indicators/views/import.njk', { title: 'Import indicator values', errors, limitMb: limitMb() });
  const fileError = (message: string) => toFormErrors([{ path: 'file', message }]);

  router.get('/indicators/import', editor, async (req, res) => {
    const { user } = signedIn(req);
    res.render('indicators/views/import.njk', {
      title: 'Import indicator values',
      recent: await recentImports(db, user.organisationId),
      limitMb: limitMb(),
    });
  });

  router.post(
    '/indicators/import',
    editor,
    multipartForm((req, res) => receiveUpload(req, res, services.config, 'indicator-import', { field: 'file' })),
    async (req, res) => {
      const { user, actor } = signedIn(req);
      const { limits, refused } = req.upload as { limits: UploadLimits; refused?: AppError };
      if (refused) return importPage(res, fileError(refused.message), refused.status);
      const file = req.file;
      if (!file || !file.size) return importPage(res, fileError('Select a .csv or .xlsx file'), 400);
      let sheet: unknown[][];
      try {
        sheet = await readUploadedSheet(file.originalname, file.buffer, limits);
      } catch (err) {
        const { status, details } = formFailure(err, { field: 'file' });
        // A file over a limit keeps its 422, as the API answers it; other unreadable files are a 400.
        return importPage(res, toFormErrors(details), (err as AppError).status === 422 ? 422 : status);
      }
      const result = readIndicatorSheet(sheet, importMeta(await listIndicators(db, user.organisationId)));
      // Without a heading row there is nothing to preview: say so on the form rather than stage an empty import.
      if (result.layout === 'unknown')
        return importPage(
          res,
          toFormErrors(result.errors.slice(0, 1).map((e) => ({ path: 'file', message: e.message }))),
          400,
        );
      const created = await db.transaction().execute((trx) => stageImport(trx, actor, file.originalname, result));
      res.redirect(`/indicators/import/${created.id}`);
    },
  );

  router.get('/indicators/import/:id', editor, async (req, res) => {
    const { user } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'indicatorImports', String(req.params.id));
    const rows = imp.rows as StagedImportRow[];
    const indicators = await listIndicators(db, user.organisationId);
    res.render('indicators/views/import-preview.njk', {
      title: 'Check the import',
      imp,
      rows: rows.slice(0, 500).map((r) => ({ ...r, periodText: periodLabel(r.period), valueText: valueText(r) })),
      total: rows.length,
      names: Object.fromEntries(indicators.map((i) => [i.key, i.name])),
      errors: (imp.errors as unknown[]).length ? imp.errors : null,
      problems: imp.errors,
    });
  });

  router.post('/indicators/import/:id', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'indicatorImports', String(req.params.id));
    const refusal = commitRefusal(imp);
    if (refusal) {
      req.session.flash = { text: refusal };
      return res.redirect(`/indicators/import/${imp.id}`);
    }
    const counts = await db.transaction().execute((trx) => commitImport(trx, actor, imp));
    req.session.flash = {
      text: `Import saved: ${counts.created} new values, ${counts.corrected} corrected, ${counts.unchanged} unchanged.`,
    };
    res.redirect('/indicators');
  });
}
