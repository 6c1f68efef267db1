import type { Request, Response, Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { multipartForm } from '../../middleware/csrf.js';
import { toFormErrors } from '../../lib/validation.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { getOwned, recordAudit } from '../audit/audit.js';
import { todayInLondon } from '../../lib/dates.js';
import {
  columnLetter,
  guessMapping,
  IMPORT_FIELDS,
  validateImport,
  type ColumnMapping,
} from '../../lib/plan-values.js';
import { assertPlanEditable } from './service.js';
import { commitImport, exportPlan, importContext, MAX_IMPORT_ROWS, readSpreadsheet } from './spreadsheet.js';
import { receiveUpload } from '../uploads/receive.js';
import { uploadLimits, type UploadLimits } from '../../lib/upload-limits.js';
import { uploadSettings } from '../../config.js';

const PREVIEW_ROWS = 50;
const MAX_ERRORS_SHOWN = 200;

export function spreadsheetRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());
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
        return uploadPage(res, plan, toFormErrors([{ path: 'file', message: (err as Error).message }]), 409);
      }
      const { limits, refused } = req.upload as { limits: UploadLimits; refused?: AppError };
      if (refused)
        return uploadPage(
          res,
          plan,
          toFormErrors([
            {
              path: 'file',
              message:
                refused.status === 413
                  ? `The file must be smaller than ${limitMb} MB: an import takes up to ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} actions`
                  : refused.message,
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
        const staged = await db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('planImports')
            .values({
              organisationId: user.organisationId,
              planId: plan.id,
              filename: file.originalname.slice(0, 200),
              headers: JSON.stringify(sheet.headers),
              rows: JSON.stringify(sheet.rows),
              createdBy: user.id,
            })
            .returning(['id', 'planId', 'filename'])
            .executeTakeFirstOrThrow();
          // The event says what was staged, not the file's every cell (the staged rows stay in the import).
          await recordAudit(trx, actor, {
            action: 'create',
            entityType: 'planImports',
            entityId: row.id,
            after: { ...row, columns: sheet.headers.length, rows: sheet.rows.length },
          });
          return row;
        });
        res.redirect(`/plans/${plan.id}/import/${staged.id}`);
      } catch (err) {
        if (err instanceof AppError && (err.status === 400 || err.status === 422))
          return uploadPage(
            res,
            plan,
            toFormErrors(err.details.length ? err.details : [{ path: 'file', message: err.message }]),
            err.status,
          );
        throw err;
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
      if (err instanceof AppError && (err.status === 422 || err.status === 400 || err.status === 409)) {
        return previewPage(
          req,
          res,
          req.body ?? {},
          [
            {
              path: 'import',
              message:
                err.status === 422
                  ? 'The file has problems: nothing has been imported. Fix the rows listed below and upload the file again'
                  : err.message,
            },
          ],
          err.status === 409 ? 409 : 400,
        );
      }
      throw err;
    }
  });
}
