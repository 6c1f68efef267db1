import type { Router } from 'express';
import type { Services } from '../../container.js';
import { signedIn } from '../../middleware/auth.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { hasRole } from '../../lib/roles.js';
import { getOwned, isUuid } from '../audit/audit.js';
import { FORMAT_LABELS, REPORT_FORMATS, REPORT_TYPE_LABELS } from './content.js';
import { REPORT_CSS, renderHtml } from './render/html.js';
import { chromiumAvailable } from './render/pdf.js';
import { getIssuedReport, issuedFile, listIssuedReports } from './service.js';
import { sendFile } from './api.js';
import { bodiesOf, reportPlan } from './queries.js';

/** Issued reports: the list (by board or committee), one report, its print view and its stored files. */
export function issuedRoutes(router: Router, services: Services) {
  const { db, config } = services;

  router.get('/reports/print.css', (_req, res) => {
    res.type('text/css').send(REPORT_CSS);
  });

  router.get('/reports', async (req, res) => {
    const { user } = signedIn(req);
    const bodies = await bodiesOf(db, user.organisationId);
    const bodyId =
      typeof req.query.body === 'string' && isUuid(req.query.body) && bodies.some((b) => b.id === req.query.body)
        ? req.query.body
        : null;
    const reports = await listIssuedReports(db, user.organisationId, { bodyId });
    res.render('reports/views/index.njk', {
      title: 'Reports',
      reports,
      bodies,
      bodyId,
      bodyName: bodies.find((b) => b.id === bodyId)?.name ?? null,
      REPORT_TYPE_LABELS,
      canIssue: hasRole(user.role, 'editor'),
    });
  });

  router.get('/reports/:id', async (req, res) => {
    const { user } = signedIn(req);
    const report = await getIssuedReport(db, user.organisationId, String(req.params.id));
    const plan = await reportPlan(db, user.organisationId, report.planId);
    const stored = new Map(report.files.map((f) => [f.format, f]));
    const downloads = REPORT_FORMATS.filter(
      (f) => stored.has(f) || (f === 'pdf' && chromiumAvailable(config.chromiumPath)),
    ).map((f) => ({
      format: f,
      text: FORMAT_LABELS[f],
      href: `/reports/${report.id}/download/${f}`,
      size: stored.get(f)?.sizeBytes ?? null,
    }));
    res.render('reports/views/show.njk', {
      title: report.title,
      report,
      plan,
      typeLabel: REPORT_TYPE_LABELS[report.type],
      sectionTitles: report.content.sections.map((s) => s.title),
      downloads,
    });
  });

  router.get('/reports/:id/print', async (req, res) => {
    const { user } = signedIn(req);
    const report = await getIssuedReport(db, user.organisationId, String(req.params.id));
    res.type('html').send(
      renderHtml(report.content, {
        cssHref: '/reports/print.css',
        toolbar: [{ href: `/reports/${report.id}`, text: 'Back to the issued report' }],
        issued: { issuedOn: report.issuedOn, issuedByName: report.issuedByName },
      }),
    );
  });

  router.get('/reports/:id/download/:format', async (req, res) => {
    const { user } = signedIn(req);
    const report = await getOwned(db, user.organisationId, 'issuedReports', String(req.params.id));
    const format = REPORT_FORMATS.find((f) => f === req.params.format);
    if (!format) throw new NotFoundError();
    try {
      sendFile(res, await issuedFile(db, config, user.organisationId, report.id, format));
    } catch (err) {
      if (err instanceof AppError && err.status === 503) throw new NotFoundError('PDF is not available on this server');
      throw err;
    }
  });
}
