import type { Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { multipartForm } from '../../middleware/csrf.js';
import { toFormErrors } from '../../lib/validation.js';
import { formFailure } from '../../lib/forms/failure.js';
import { AppError, BadRequestError, type ErrorDetail } from '../../lib/errors.js';
import { FINDING_KIND_LABELS, GRADE_LABELS, inspectionType, judgedAreas, type Grade } from '../../lib/frameworks.js';
import type { ReportDraft } from '../../lib/ofsted-report-parser.js';
import { receiveUpload } from '../uploads/receive.js';
import { formDate, linkAuthority, readReport } from './helpers.js';
import { checkReport, importReport, type ReportChecks } from './report-import.js';
import { inspectionTitle, validateInspection, type InspectionInput } from './service.js';

function previewExtras(draft: ReportDraft, values: Record<string, unknown>, checks: ReportChecks, role: string) {
  const areas = judgedAreas(draft.type, draft.frameworkVersion);
  return {
    checks,
    isAdmin: role === 'admin',
    updateItems: checks.overlaps.map((o) => ({
      value: o.id,
      text: `Update ${inspectionTitle(o)} (started ${o.startDate})`,
      checked: String(values.updateOf ?? '') === o.id,
    })),
    values: { type: draft.type, startDate: draft.startDate ?? '', endDate: draft.endDate ?? '', ...values },
    typeLabel: inspectionType(draft.type)?.label,
    judgementRows: areas.map((a) => ({
      label: a.label,
      grade: draft.judgements[a.key] ? GRADE_LABELS[draft.judgements[a.key] as Grade] : 'Not read',
    })),
    lscbLabel: draft.lscbJudgement ? GRADE_LABELS[draft.lscbJudgement] : null,
    kindLabels: FINDING_KIND_LABELS,
  };
}

/** The draft read from the report, as it came back from the browser: anything else is refused. */
function draftFromForm(body: Record<string, unknown> | undefined): ReportDraft {
  let draft: ReportDraft;
  try {
    draft = JSON.parse(String(body?.draft ?? '')) as ReportDraft;
    if (!draft || typeof draft !== 'object' || !Array.isArray(draft.findings)) throw new Error('bad draft');
  } catch {
    throw new BadRequestError('The imported report was lost: upload it again');
  }
  // The authority is matched again: what the browser sent back is not trusted.
  return { ...draft, area: linkAuthority(draft).area };
}

/** Importing an Ofsted report: upload the PDF, check what was read, then save it. */
export function importRoutes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/inspections/import', editor, (_req, res) => {
    res.render('inspections/views/import.njk', { title: 'Import an Ofsted report' });
  });

  router.post(
    '/inspections/import',
    editor,
    multipartForm((req, res) => receiveUpload(req, res, services.config, 'report-pdf', { field: 'file' })),
    async (req, res) => {
      const { user } = signedIn(req);
      const rerender = (message: string, status = 400) =>
        res.status(status).render('inspections/views/import.njk', {
          title: 'Import an Ofsted report',
          errors: toFormErrors([{ path: 'file', message }]),
        });
      const { refused } = req.upload ?? {};
      if (refused) return rerender(refused.message, refused.status);
      if (!req.file) return rerender('Select the report’s PDF file');
      let draft: ReportDraft;
      try {
        draft = await readReport(req.file.buffer);
      } catch (err) {
        // Unlike formFailure, an unreadable file keeps its 422, and a file past a reading limit its own status.
        if (err instanceof AppError && err.status < 500)
          return rerender(err.details[0]?.message ?? err.message, err.status === 422 ? 422 : 400);
        throw err;
      }
      const checks = await checkReport(db, user.organisationId, draft);
      const values: Record<string, unknown> = {
        publishedDate: draft.publishedDate ?? checks.overlaps[0]?.publishedDate ?? '',
        updateOf: checks.overlaps[0]?.id ?? '',
      };
      res.render('inspections/views/import-preview.njk', {
        title: 'Check the imported report',
        draft,
        draftJson: JSON.stringify(draft),
        ...previewExtras(draft, values, checks, user.role),
      });
    },
  );

  router.post('/inspections/import/confirm', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const draft = draftFromForm(req.body);
    const input: InspectionInput = {
      type: String(req.body.type ?? draft.type),
      frameworkVersion: draft.frameworkVersion,
      startDate: formDate(req.body.startDate) ?? '',
      endDate: formDate(req.body.endDate),
      publishedDate: formDate(req.body.publishedDate),
      reportUrl: String(req.body.reportUrl ?? '').trim() || null,
      judgements: draft.judgements,
    };
    const updateOf = String(req.body.updateOf ?? '').trim() || null;
    const rerender = async (details: ErrorDetail[], status = 400) => {
      const checks = await checkReport(db, user.organisationId, draft, {
        startDate: input.startDate || null,
        endDate: input.endDate ?? null,
      });
      return res.status(status).render('inspections/views/import-preview.njk', {
        title: 'Check the imported report',
        draft,
        draftJson: JSON.stringify(draft),
        errors: toFormErrors(details),
        ...previewExtras(draft, req.body, checks, user.role),
      });
    };
    const { details } = validateInspection(input);
    if (details.length) return rerender(details);
    let saved: Awaited<ReturnType<typeof importReport>>;
    try {
      saved = await importReport(db, actor, {
        draft,
        input,
        updateOf,
        confirmOtherAuthority: req.body.confirmOtherAuthority === 'yes',
        isAdmin: user.role === 'admin',
      });
    } catch (err) {
      const failed = formFailure(err, { field: 'updateOf' });
      return rerender(failed.details, failed.status);
    }
    const n = saved.added;
    req.session.flash = {
      text: saved.updated
        ? `${inspectionTitle(saved.inspection)} has been updated from the report, with ${n} new finding${n === 1 ? '' : 's'}.`
        : `${inspectionTitle(saved.inspection)} has been imported with ${n} finding${n === 1 ? '' : 's'}.`,
    };
    res.redirect(`/inspections/${saved.inspection.id}`);
  });
}
