import type { Request, Response, Router } from 'express';
import type { Feature } from '../feature.js';
import { loadForecast } from '../council/forecast.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { multipartForm } from '../../middleware/csrf.js';
import { requireVersion, toFormErrors } from '../../lib/validation.js';
import { AppError, BadRequestError, type ErrorDetail } from '../../lib/errors.js';
import { isIsoDate, todayInLondon } from '../../lib/dates.js';
import {
  FINDING_KINDS,
  FINDING_KIND_LABELS,
  FRAMEWORK_VERSIONS,
  GRADES,
  GRADE_LABELS,
  INSPECTION_TYPES,
  frameworkFor,
  inspectionType,
  judgedAreas,
  type Grade,
} from '../../lib/frameworks.js';
import { parsePastedFindings } from '../../lib/paste-findings.js';
import type { ReportDraft } from '../../lib/ofsted-report-parser.js';
import { deleteAudited, getOwned, loadHistory } from '../audit/audit.js';
import { loadHolidays } from '../calendar/holidays.js';
import { formDate, linkAuthority, readReport } from './helpers.js';
import { receiveUpload } from '../uploads/receive.js';
import { checkReport, saveReport, type ReportChecks } from './report-import.js';
import { findingKindName } from '../../lib/labels.js';
import { historyChartSvg, historyPoints, historyTable } from './history-chart.js';
import {
  addFindings,
  createInspection,
  describeInspection,
  inspectionTitle,
  listFindings,
  listInspections,
  recurringThemes,
  similarEarlier,
  updateInspection,
  validateInspection,
  type InspectionInput,
  type InspectionRow,
} from './service.js';
import { registerInspectionApi } from './api.js';
import { selfEvaluationRoutes } from './self-evaluation-routes.js';
import { nationalRecordFor } from '../national/prefill.js';

function inputFromForm(body: Record<string, unknown>): InspectionInput {
  const judgements = (typeof body.judgements === 'object' && body.judgements ? body.judgements : {}) as Record<
    string,
    string
  >;
  return {
    type: String(body.type ?? ''),
    startDate: formDate(body.startDate) ?? '',
    endDate: formDate(body.endDate),
    publishedDate: formDate(body.publishedDate),
    receivedDate: formDate(body.receivedDate),
    reportUrl: String(body.reportUrl ?? '').trim() || null,
    priorityActions: body.priorityActions === 'yes',
    judgements: Object.fromEntries(Object.entries(judgements).filter(([, g]) => g)),
    notes: String(body.notes ?? '').trim() || null,
  };
}

/** Form field ids for error links: judgements.leaders → judgements-leaders. */
function formErrors(details: ErrorDetail[]) {
  return toFormErrors(details);
}

const typeItems = (selected?: string) =>
  INSPECTION_TYPES.map((t) => ({ value: t.key, text: t.label, checked: t.key === selected }));

/** Judgement fields for every framework version the form might need, so the form works without JavaScript. */
function judgementSections(values: { type?: string; startDate?: string; judgements?: Record<string, string> }) {
  const type = inspectionType(values.type ?? '') ?? INSPECTION_TYPES[0];
  const version = frameworkFor(
    type.key,
    values.startDate && isIsoDate(values.startDate) ? values.startDate : todayInLondon(),
  );
  const versionKey = version?.key;
  return FRAMEWORK_VERSIONS.filter((v) => v.areas.length && v.family !== 'jtai').map((v) => ({
    key: v.key,
    label: v.label,
    current: v.key === versionKey,
    areas: v.areas.map((a) => ({
      key: a.key,
      label: a.label,
      parent: a.parent,
      items: [
        { value: '', text: 'Not judged (or not yet known)' },
        ...GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g] })),
      ].map((i) => ({
        ...i,
        selected: v.key === versionKey && (values.judgements?.[a.key] ?? '') === i.value,
      })),
    })),
  }));
}

function routes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/inspections', async (req, res) => {
    const { user } = signedIn(req);
    const inspections = await listInspections(db, user.organisationId);
    const holidays = await loadHolidays(db, user.organisationId);
    const points = historyPoints(inspections);
    res.render('inspections/views/list.njk', {
      title: 'Inspections',
      items: inspections.map((i) => describeInspection(i, holidays, services.now())),
      chart: historyChartSvg(points, `Ofsted judgements for ${user.organisationName} over time`),
      table: historyTable(points),
      national: await nationalRecordFor(db, user.organisationId),
      gradeLabels: GRADE_LABELS,
      forecast: await loadForecast(db, user.organisationId, todayInLondon(services.now())),
    });
  });

  const renderForm = (
    res: Response,
    opts: {
      title: string;
      values: Record<string, unknown>;
      errors?: unknown;
      inspection?: InspectionRow;
      status?: number;
    },
  ) => {
    const values = opts.values as { type?: string; startDate?: string; judgements?: Record<string, string> };
    res.status(opts.status ?? 200).render('inspections/views/form.njk', {
      title: opts.title,
      values: opts.values,
      errors: opts.errors,
      inspection: opts.inspection,
      typeItems: typeItems(values.type),
      sections: judgementSections(values),
    });
  };

  router.get('/inspections/new', editor, (_req, res) => renderForm(res, { title: 'Record an inspection', values: {} }));

  router.post('/inspections/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const input = inputFromForm(req.body ?? {});
    const values = { ...req.body, judgements: pickCurrentJudgements(req.body) };
    input.judgements = values.judgements;
    const { details } = validateInspection(input);
    if (details.length)
      return renderForm(res, { title: 'Record an inspection', values, errors: formErrors(details), status: 400 });
    const created = await db.transaction().execute((trx) => createInspection(trx, actor, input));
    req.session.flash = { text: `${inspectionTitle(created)} has been recorded.` };
    res.redirect(`/inspections/${created.id}`);
  });

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
    let draft: ReportDraft;
    try {
      draft = JSON.parse(String(req.body?.draft ?? '')) as ReportDraft;
      if (!draft || typeof draft !== 'object' || !Array.isArray(draft.findings)) throw new Error('bad draft');
    } catch {
      throw new BadRequestError('The imported report was lost: upload it again');
    }
    // The authority is matched again here: the draft comes back from the browser.
    draft = { ...draft, area: linkAuthority(draft).area };
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
    const rerender = async (details: ErrorDetail[]) => {
      const checks = await checkReport(db, user.organisationId, draft, {
        startDate: input.startDate || null,
        endDate: input.endDate ?? null,
      });
      return res.status(400).render('inspections/views/import-preview.njk', {
        title: 'Check the imported report',
        draft,
        draftJson: JSON.stringify(draft),
        errors: formErrors(details),
        ...previewExtras(draft, req.body, checks, user.role),
      });
    };
    const { details } = validateInspection(input);
    if (details.length) return rerender(details);
    let saved: Awaited<ReturnType<typeof saveReport>>;
    try {
      saved = await db.transaction().execute(async (trx) => {
        const result = await saveReport(trx, actor, {
          draft,
          input,
          updateOf,
          confirmOtherAuthority: req.body.confirmOtherAuthority === 'yes',
          isAdmin: user.role === 'admin',
        });
        if (!result.updated && draft.lscbJudgement && input.type === 'sif') {
          await createInspection(
            trx,
            actor,
            {
              type: 'lscb-review',
              startDate: input.startDate,
              endDate: input.endDate,
              publishedDate: input.publishedDate,
              judgements: { 'overall-effectiveness': draft.lscbJudgement },
            },
            'report-import',
          );
        }
        return result;
      });
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.details.length) return rerender(err.details);
      throw err;
    }
    const n = saved.added;
    req.session.flash = {
      text: saved.updated
        ? `${inspectionTitle(saved.inspection)} has been updated from the report, with ${n} new finding${n === 1 ? '' : 's'}.`
        : `${inspectionTitle(saved.inspection)} has been imported with ${n} finding${n === 1 ? '' : 's'}.`,
    };
    res.redirect(`/inspections/${saved.inspection.id}`);
  });

  router.get('/inspections/recurring', async (req, res) => {
    const { user } = signedIn(req);
    res.render('inspections/views/recurring.njk', {
      title: 'Recurring findings',
      themes: await recurringThemes(db, user.organisationId),
    });
  });

  router.get('/inspections/:id', async (req, res) => {
    const { user } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    const holidays = await loadHolidays(db, user.organisationId);
    const findings = await listFindings(db, user.organisationId, inspection.id);
    const similar = await similarEarlier(db, user.organisationId, inspection, findings);
    res.render('inspections/views/show.njk', {
      title: inspectionTitle(inspection),
      view: describeInspection(inspection, holidays, services.now()),
      groups: FINDING_KINDS.map((kind) => {
        const items = findings.filter((f) => f.kind === kind).map((f) => ({ ...f, similar: similar.get(f.id) ?? [] }));
        // "Areas for improvement (4)", in Ofsted's words, never "Area for improvements".
        return { kind, label: findingKindName(kind, items.length), items };
      }).filter((g) => g.items.length),
      findingCount: findings.length,
      history: await loadHistory(db, user.organisationId, 'inspections', inspection.id),
    });
  });

  router.get('/inspections/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    renderForm(res, {
      title: `Edit ${inspectionTitle(inspection)}`,
      inspection,
      values: {
        type: inspection.typeKey,
        startDate: inspection.startDate,
        endDate: inspection.endDate ?? '',
        publishedDate: inspection.publishedDate ?? '',
        receivedDate: inspection.receivedDate ?? '',
        reportUrl: inspection.reportUrl ?? '',
        priorityActions: inspection.priorityActions ? 'yes' : '',
        judgements: inspection.judgements,
        notes: inspection.notes ?? '',
        version: inspection.version,
      },
    });
  });

  router.post('/inspections/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    const input = inputFromForm(req.body ?? {});
    const values = { ...req.body, judgements: pickCurrentJudgements(req.body) };
    input.judgements = values.judgements;
    input.frameworkVersion =
      input.type === inspection.typeKey && input.startDate === inspection.startDate
        ? inspection.frameworkVersionKey
        : null;
    const title = `Edit ${inspectionTitle(inspection)}`;
    const { details } = validateInspection(input);
    if (details.length) return renderForm(res, { title, inspection, values, errors: formErrors(details), status: 400 });
    try {
      await db
        .transaction()
        .execute((trx) => updateInspection(trx, actor, inspection.id, input, requireVersion(req.body?.version)));
    } catch (err) {
      if (err instanceof AppError && err.status === 409)
        return renderForm(res, {
          title,
          inspection,
          values,
          errors: formErrors([{ path: 'type', message: err.message }]),
          status: 409,
        });
      throw err;
    }
    req.session.flash = { text: 'The inspection has been updated.' };
    res.redirect(`/inspections/${inspection.id}`);
  });

  const pastePage = async (
    req: Request,
    res: Response,
    inspection: InspectionRow,
    extra: Record<string, unknown>,
    status = 200,
  ) => {
    res.status(status).render('inspections/views/paste.njk', {
      title: 'Add findings',
      inspection,
      inspectionTitle: inspectionTitle(inspection),
      kindItems: FINDING_KINDS.map((k) => ({
        value: k,
        text: FINDING_KIND_LABELS[k],
        checked: k === (extra.values as { kind?: string } | undefined)?.kind,
      })),
      areaItems: [
        { value: '', text: 'No particular area' },
        ...inspectionAreas(inspection).map((a) => ({
          value: a.key,
          text: a.label,
          selected: a.key === (extra.values as { area?: string } | undefined)?.area,
        })),
      ],
      ...extra,
    });
  };

  router.get('/inspections/:id/findings/add', editor, async (req, res) => {
    const { user } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    await pastePage(req, res, inspection, { values: { kind: 'area-for-improvement' } });
  });

  router.post('/inspections/:id/findings/add', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    const values = {
      kind: String(req.body?.kind ?? ''),
      area: String(req.body?.area ?? ''),
      text: String(req.body?.text ?? ''),
    };
    const pasted = parsePastedFindings(values.text);
    const details: ErrorDetail[] = [];
    if (!(FINDING_KINDS as readonly string[]).includes(values.kind))
      details.push({ path: 'kind', message: 'Select the kind of finding' });
    if (!pasted.length) details.push({ path: 'text', message: 'Paste or type at least one finding' });
    if (pasted.some((p) => p.text.length > 2000))
      details.push({ path: 'text', message: 'Each finding must be 2000 characters or fewer' });
    if (details.length) return pastePage(req, res, inspection, { values, errors: formErrors(details) }, 400);
    const inputs = pasted.map((p) => ({
      kind: values.kind,
      text: p.text,
      reference: p.reference,
      area: values.area || null,
    }));
    if (req.body.action !== 'save') {
      return pastePage(req, res, inspection, { values, preview: inputs });
    }
    await db.transaction().execute((trx) => addFindings(trx, actor, inspection, inputs, 400));
    req.session.flash = { text: `${inputs.length} finding${inputs.length === 1 ? ' has' : 's have'} been added.` };
    res.redirect(`/inspections/${inspection.id}`);
  });

  router.post('/inspections/:id/findings/:findingId/delete', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    const finding = await getOwned(db, user.organisationId, 'findings', String(req.params.findingId));
    if (finding.inspectionId !== inspection.id) throw new BadRequestError('That finding belongs to another inspection');
    await db.transaction().execute((trx) => deleteAudited(trx, actor, 'findings', finding.id));
    req.session.flash = { text: 'The finding has been removed.' };
    res.redirect(`/inspections/${inspection.id}`);
  });

  selfEvaluationRoutes(router, services);
}

/** Only the judgement fields of the framework version the form was showing are kept. */
function pickCurrentJudgements(body: Record<string, unknown>): Record<string, string> {
  const all = (body?.judgements ?? {}) as Record<string, unknown>;
  const type = inspectionType(String(body?.type ?? ''));
  const start = formDate(body?.startDate);
  if (!type || !start || !isIsoDate(start)) return {};
  const version = frameworkFor(type.key, start)!;
  const section = (all[version.key] ?? {}) as Record<string, string>;
  return Object.fromEntries(Object.entries(section).filter(([, g]) => typeof g === 'string' && g));
}

function inspectionAreas(inspection: InspectionRow) {
  return FRAMEWORK_VERSIONS.find((v) => v.key === inspection.frameworkVersionKey)?.areas ?? [];
}

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

export const inspectionsFeature: Feature = {
  name: 'inspections',
  nav: [
    { text: 'Inspections', href: '/inspections' },
    { text: 'Self-evaluation', href: '/self-evaluation' },
  ],
  web: routes,
  api: registerInspectionApi,
  async homeCards(services, user) {
    const inspections = await listInspections(services.db, user.organisationId);
    const holidays = await loadHolidays(services.db, user.organisationId);
    const due = inspections
      .map((i) => describeInspection(i, holidays, services.now()))
      .find((v) => v.actionPlan && !v.actionPlan.overdue);
    const latest = inspections.find((i) => (i.judgements as Record<string, string>)['overall-effectiveness']);
    const cards = [];
    if (latest)
      cards.push({
        title: 'Latest Ofsted judgement',
        href: `/inspections/${latest.id}`,
        value: GRADE_LABELS[(latest.judgements as Record<string, Grade>)['overall-effectiveness']],
        text: inspectionTitle(latest),
      });
    if (due?.actionPlan)
      cards.push({
        title: 'Action plan due',
        href: `/inspections/${due.inspection.id}`,
        value: due.actionPlan.text,
        text: inspectionTitle(due.inspection),
      });
    return cards;
  },
};
