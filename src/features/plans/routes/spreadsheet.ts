import type { Request, Response } from 'express';
import { signedIn } from '../../../middleware/auth.js';
import { multipartForm } from '../../../middleware/csrf.js';
import { toFormErrors } from '../../../lib/validation.js';
import { formFailure } from '../../../lib/forms/failure.js';
import { AppError, NotFoundError } from '../../../lib/errors.js';
import { getOwned } from '../../audit/audit.js';
import {
  columnLetter,
  guessMapping,
  IMPORT_FIELDS,
  validateImport,
  type ColumnMapping,
} from '../../../lib/plan-values.js';
import { assertPlanEditable } from '../service.js';
import {
  commitImport,
  exportPlan,
  importContext,
  MAX_IMPORT_ROWS,
  readSpreadsheet,
  stageImport,
} from '../spreadsheet.js';
import { receiveUpload } from '../../uploads/receive.js';
import { refusalMessage, uploadLimits, type UploadLimits } from '../../../lib/upload-limits.js';
import { uploadSettings } from '../../../config.js';
import type { PlansRouteContext } from './common.js';

const PREVIEW_ROWS = 50;
const MAX_ERRORS_SHOWN = 200;

/** Exporting a plan to Excel, and importing actions from a spreadsheet: upload, match the columns, commit. */
export function spreadsheetRoutes({ router, db, services, editor, today }: PlansRouteContext): void {
  const limitMb = Math.round(uploadLimits('plan-import', uploadSettings(services.config)).maxBytes / 1024 / 1024);

  router.get('/plans/:id/export.xlsx', async (req, res) => {
    const { user } = signedIn(req);
    const { filename, buffer } = await exportPlan(db, user.organisationId, String(req.params.id), today());
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    });
    res.end(buffer);
  });

  const uploadPage = (res: Response, plan: { id: string; title: string }, errors?: unknown, status = 200) =>
    res.status(status).render('plans/views/import-upload.njk', {
      title: `Import actions into ${plan.title}`,
      plan,
      errors,
      maxRows: MAX_IMPORT_ROWS.toLocaleString('en-GB'),
      limitMb,
      fields: IMPORT_FIELDS,
    });

  router.get('/plans/:id/import', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    uploadPage(res, plan);
  });

  router.post(
    '/plans/:id/import',
    editor,
    multipartForm((req, res) => receiveUpload(req, res, services.config, 'plan-import', { field: 'file' })),
    async (req, res) => {
      const { user, actor } = signedIn(req);
      const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
      try {
        assertPlanEditable(plan);
      } catch (err) {
        const { status, details } = formFailure(err, { field: 'file' });
        return uploadPage(res, plan, toFormErrors(details), status);
      }
      const { limits, refused } = req.upload as { limits: UploadLimits; refused?: AppError };
      if (refused)
        return uploadPage(
          res,
          plan,
          toFormErrors([
            {
              path: 'file',
              message: refusalMessage(refused, {
                tooLarge: `The file must be smaller than ${limitMb} MB: an import takes up to ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} actions`,
              }),
            },
          ]),
          refused.status,
        );
      const file = req.file;
      if (!file || !file.size)
        return uploadPage(
          res,
          plan,
          toFormErrors([{ path: 'file', message: 'Select an Excel (.xlsx) or CSV file' }]),
          400,
        );
      try {
        const sheet = await readSpreadsheet(file.buffer, file.originalname, limits);
        const staged = await stageImport(db, actor, plan.id, file.originalname, sheet);
        res.redirect(`/plans/${plan.id}/import/${staged.id}`);
      } catch (err) {
        const { details } = formFailure(err, { field: 'file' });
        // The reader's own status: a file it cannot read is a 400, a limit met while reading a 422.
        return uploadPage(res, plan, toFormErrors(details), (err as AppError).status);
      }
    },
  );

  async function loadStaged(req: Request) {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const staged = await getOwned(db, user.organisationId, 'planImports', String(req.params.importId));
    if (staged.planId !== plan.id) throw new NotFoundError();
    return { user, plan, staged };
  }

  function mappingFrom(source: Record<string, unknown>, headers: string[]): ColumnMapping {
    const guessed = guessMapping(headers);
    if (!Object.keys(source).some((k) => k.startsWith('col-'))) return guessed;
    const mapping = {} as ColumnMapping;
    for (const f of IMPORT_FIELDS) {
      const raw = source[`col-${f.key}`];
      const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : null;
      mapping[f.key] = n !== null && n < headers.length ? n : null;
    }
    return mapping;
  }

  async function previewPage(
    req: Request,
    res: Response,
    mappingSource: Record<string, unknown>,
    extraErrors?: { path: string; message: string }[],
    status = 200,
  ) {
    const { user, plan, staged } = await loadStaged(req);
    const mapping = mappingFrom(mappingSource, staged.headers);
    const ctx = await importContext(db, user.organisationId, plan.id);
    const { actions, errors } = validateImport(staged.headers, staged.rows, mapping, ctx);
    const columnItems = (selected: number | null) => [
      { value: '', text: 'Not in this file', selected: selected === null },
      ...staged.headers.map((h, i) => ({
        value: String(i),
        text: `${columnLetter(i)}: ${h || '(no heading)'}`,
        selected: selected === i,
      })),
    ];
    res.status(status).render('plans/views/import-preview.njk', {
      title: `Check the import into ${plan.title}`,
      plan,
      staged,
      fields: IMPORT_FIELDS.map((f) => ({ ...f, items: columnItems(mapping[f.key]), value: mapping[f.key] })),
      mapping,
      actions: actions.slice(0, PREVIEW_ROWS),
      actionCount: actions.length,
      rowErrors: errors.slice(0, MAX_ERRORS_SHOWN),
      errorCount: errors.length,
      errors: extraErrors ? toFormErrors(extraErrors) : undefined,
      previewRows: PREVIEW_ROWS,
    });
  }

  router.get('/plans/:id/import/:importId', editor, async (req, res) => {
    await previewPage(req, res, req.query as Record<string, unknown>);
  });

  router.post('/plans/:id/import/:importId', editor, async (req, res) => {
    const { actor, plan, staged } = await loadStaged(req).then((r) => ({ ...r, actor: signedIn(req).actor }));
    const mapping = mappingFrom(req.body ?? {}, staged.headers);
    try {
      const n = await commitImport(db, actor, plan.id, staged.id, mapping, today());
      req.session.flash = { text: `${n} action${n === 1 ? ' has' : 's have'} been imported from ${staged.filename}.` };
      res.redirect(`/plans/${plan.id}`);
    } catch (err) {
      const { status, details } = formFailure(err, { field: 'import' });
      // Row problems are listed on the page already: the summary says only that nothing was imported.
      const rows = (err as AppError).status === 422;
      const summary = rows
        ? [
            {
              path: 'import',
              message:
                'The file has problems: nothing has been imported. Fix the rows listed below and upload the file again',
            },
          ]
        : details;
      return previewPage(req, res, req.body ?? {}, summary, status);
    }
  });
}
