import crypto from 'node:crypto';
import fs from 'node:fs';
import type { NextFunction, Request, Response, Router } from 'express';
import multer from 'multer';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { multipartForm } from '../../middleware/csrf.js';
import { hasRole } from '../../lib/roles.js';
import { formatGovukDate, isIsoDate } from '../../lib/dates.js';
import { toFormErrors } from '../../lib/validation.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { getOwned } from '../audit/audit.js';
import { ANNEX_A_LISTS, LIST_BY_NUMBER } from '../../lib/annex-a/spec.js';
import { INDICATOR_BY_KEY } from '../../lib/annex-a/indicators.js';
import { CODE_LISTS } from '../../lib/annex-a/codes.js';
import { MEASURES_BY_KEY } from '../benchmarks/measures.js';
import { findIndicatorByKey } from '../indicators/service.js';
import { groupStoredFindings, reportSections, TEMPLATE_VERSION_TEXT } from './quality-view.js';
import { specificationModel } from './specification.js';
import { shortPseudonym } from '../../lib/annex-a/pseudonym.js';
import { AnnexAFileError } from './reader.js';
import {
  discardPreview,
  drillDown,
  latestCommitted,
  listImports,
  loadFindings,
  runImport,
  UPLOAD_DIR,
  uploadPath,
} from './service.js';
import { findingsCsv, writeQualityWorkbook } from './quality-export.js';
import { annexAApi } from './api.js';
import { receiveUpload } from '../uploads/receive.js';
import { refusalMessage, UploadLimitError, uploadLimits } from '../../lib/upload-limits.js';
import { uploadSettings } from '../../config.js';
import type { ImportReport, StoredIndicator } from './tables.js';

const DRILL_ROWS_ON_PAGE = 1000;

function dateFromParts(body: Record<string, unknown>): { iso?: string; error?: string } {
  const d = String(body['referenceDate-day'] ?? '').trim();
  const m = String(body['referenceDate-month'] ?? '').trim();
  const y = String(body['referenceDate-year'] ?? '').trim();
  if (!d && !m && !y) return { error: 'Enter the reference date (the inspection or snapshot date)' };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y))
    return { error: 'Reference date must be a real date, like 30 6 2024' };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? { iso } : { error: 'Reference date must be a real date, like 30 6 2024' };
}

const numberText = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const formatValue = (unit: string, value: number | null) =>
  value === null ? 'No figure' : unit === 'percent' ? `${numberText.format(value)}%` : numberText.format(value);

function routes(router: Router, services: Services) {
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

  const renderUpload = (
    res: Response,
    status: number,
    values: Record<string, unknown>,
    details: { path: string; message: string }[],
  ) =>
    res.status(status).render('annex-a/views/upload.njk', {
      title: 'Upload an Annex A workbook',
      values,
      errors: details.length ? toFormErrors(details) : undefined,
      limitMb,
    });

  router.get('/annex-a', async (req, res) => {
    const { user } = signedIn(req);
    const latest = await latestCommitted(db, user.organisationId);
    const imports = await listImports(db, user.organisationId);
    const indicators = ((latest?.indicators as StoredIndicator[] | null) ?? []).map((i) => ({
      ...i,
      display: formatValue(i.unit, i.value),
    }));
    const unavailable = (latest?.report as ImportReport | null)?.unavailable ?? [];
    res.render('annex-a/views/index.njk', {
      title: 'Annex A child-level data',
      latest,
      indicators,
      unavailable,
      imports,
      canEdit: hasRole(user.role, 'editor'),
    });
  });

  router.get('/annex-a/specification', (_req, res) => {
    res.render('annex-a/views/specification.njk', {
      title: 'Annex A lists and columns',
      ...specificationModel(ANNEX_A_LISTS, CODE_LISTS),
    });
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
      const details: { path: string; message: string }[] = [];
      const date = dateFromParts(body);
      if (date.error) details.push({ path: 'referenceDate', message: date.error });
      if (!file || file.size === 0)
        details.push({
          path: 'file',
          message: file ? 'The selected file is empty' : 'Select an Annex A workbook (.xlsx) or a zip of CSV files',
        });
      if (details.length) {
        if (file) await fs.promises.rm(file.path, { force: true });
        return renderUpload(res, 400, body, details);
      }
      try {
        const outcome = await runImport(db, actor, user.displayName, {
          source: { path: file!.path },
          filename: file!.originalname,
          referenceDate: date.iso!,
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
      indicators: ((imp.indicators as StoredIndicator[] | null) ?? []).map((i) => ({
        ...i,
        display: formatValue(i.unit, i.value),
      })),
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

  router.get('/annex-a/indicators/:key', async (req, res) => {
    const { user } = signedIn(req);
    const def = INDICATOR_BY_KEY.get(String(req.params.key));
    if (!def) throw new NotFoundError();
    const latest = await latestCommitted(db, user.organisationId);
    const stored = ((latest?.indicators as StoredIndicator[] | null) ?? []).find((i) => i.key === def.key);
    const unavailable = ((latest?.report as ImportReport | null)?.unavailable ?? []).find((u) => u.key === def.key);
    const library = await findIndicatorByKey(db, user.organisationId, def.key);
    const columns = [...def.columns, ...(def.oneOf ?? []).flat()].map((c) => ({
      list: c.list,
      listTitle: LIST_BY_NUMBER.get(c.list)!.title,
      name: LIST_BY_NUMBER.get(c.list)!.columns.find((x) => x.key === c.key)!.name,
    }));
    const measure = def.national ? MEASURES_BY_KEY.get(def.national.measure) : undefined;
    res.render('annex-a/views/indicator.njk', {
      title: def.name,
      def,
      latest,
      stored,
      unavailable,
      columns,
      measure,
      libraryId: library?.id ?? null,
      display: stored ? formatValue(stored.unit, stored.value) : null,
      canDrill: hasRole(user.role, 'editor'),
      byWorker: def.key === 'annex-a-caseload',
    });
  });

  router.get('/annex-a/imports/:id/indicators/:key/rows', editor, async (req, res) => {
    const { user } = signedIn(req);
    const { imp, def, result, stored } = await drillDown(
      db,
      user.organisationId,
      String(req.params.id),
      String(req.params.key),
    );
    const group = typeof req.query.group === 'string' ? req.query.group : '';
    const which = req.query.counted === 'no' ? 'no' : req.query.counted === 'all' ? 'all' : 'yes';
    let rows = result.rows;
    if (group) rows = rows.filter((r) => r.group === group);
    if (which !== 'all') rows = rows.filter((r) => r.counted === (which === 'yes'));
    const total = rows.length;
    const list = (n: number) => LIST_BY_NUMBER.get(n);
    const shown = rows.slice(0, DRILL_ROWS_ON_PAGE).map((r) => {
      const spec = list(r.record.list)!;
      const dates = spec.columns
        .filter((c) => c.type === 'date' && typeof r.record.v[c.key] === 'string')
        .slice(0, 3)
        .map((c) => `${c.name}: ${formatGovukDate(String(r.record.v[c.key]))}`);
      return {
        pseudonym: shortPseudonym(r.record.child),
        list: r.record.list,
        row: r.record.row,
        team: r.record.team,
        worker: r.record.worker,
        birth: r.record.birth,
        dates,
        counted: r.counted,
        note: r.note,
      };
    });
    const groups = [...new Set(result.rows.map((r) => r.group))].sort();
    // A snapshot imported under an earlier definition recomputes to a different figure: say so, never hide it.
    const changed =
      stored.value !== result.value
        ? { stored: formatValue(def.unit, stored.value), now: formatValue(def.unit, result.value) }
        : null;
    res.render('annex-a/views/rows.njk', {
      title: `Rows behind: ${def.name}`,
      imp,
      def,
      rows: shown,
      total,
      group,
      which,
      groups,
      changed,
    });
  });
}

export const annexAFeature: Feature = {
  name: 'annex-a',
  nav: [{ text: 'Annex A', href: '/annex-a' }],
  web: routes,
  api: annexAApi,
  async homeCards(services, user) {
    const latest = await latestCommitted(services.db, user.organisationId);
    const unallocated = ((latest?.indicators as StoredIndicator[] | null) ?? []).find(
      (i) => i.key === 'annex-a-unallocated',
    );
    return [
      {
        title: 'Unallocated cases (Annex A)',
        href: '/annex-a/indicators/annex-a-unallocated',
        value: unallocated?.value ?? undefined,
        text: latest ? `At ${formatGovukDate(latest.referenceDate)}` : 'No Annex A data yet',
      },
    ];
  },
};
