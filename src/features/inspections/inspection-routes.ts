import type { Response, Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { requireVersion, type FormErrors } from '../../lib/validation.js';
import { submitForm } from '../../lib/forms/submit.js';
import { todayInLondon } from '../../lib/dates.js';
import { FINDING_KINDS, GRADE_LABELS } from '../../lib/frameworks.js';
import { findingKindName } from '../../lib/labels.js';
import { getOwned, loadHistory } from '../audit/audit.js';
import { loadHolidays } from '../calendar/holidays.js';
import { loadForecast } from '../council/forecast.js';
import { nationalRecordFor } from '../national/prefill.js';
import { historyChartSvg, historyPoints, historyTable } from './history-chart.js';
import { checkInspection, judgementSections, readInspectionForm, typeItems } from './inspection-form.js';
import {
  createInspection,
  describeInspection,
  inspectionTitle,
  listFindings,
  listInspections,
  updateInspection,
  type InspectionRow,
} from './service.js';
import { recurringThemes, similarEarlier } from './similar-findings.js';

/** Inspections: the list with its history chart, recording one, one inspection's page, and editing it. */
export function inspectionRoutes(router: Router, services: Services) {
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
      errors?: FormErrors;
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
    const { input, values } = readInspectionForm(req.body ?? {});
    await submitForm(req, res, {
      parse: () => checkInspection(input),
      save: (data) => db.transaction().execute((trx) => createInspection(trx, actor, data)),
      done: (created) => ({
        flash: `${inspectionTitle(created)} has been recorded.`,
        redirect: `/inspections/${created.id}`,
      }),
      render: (status, errors) => renderForm(res, { title: 'Record an inspection', values, errors, status }),
      failure: { field: 'type' },
    });
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
    const { input, values } = readInspectionForm(req.body ?? {});
    input.frameworkVersion =
      input.type === inspection.typeKey && input.startDate === inspection.startDate
        ? inspection.frameworkVersionKey
        : null;
    const title = `Edit ${inspectionTitle(inspection)}`;
    await submitForm(req, res, {
      parse: () => {
        const checked = checkInspection(input);
        // A missing version is a broken request, not something to correct on the form: it goes to the error page.
        return checked.ok ? { ok: true, data: { input, version: requireVersion(req.body?.version) } } : checked;
      },
      save: ({ version }) =>
        db.transaction().execute((trx) => updateInspection(trx, actor, inspection.id, input, version)),
      done: () => ({ flash: 'The inspection has been updated.', redirect: `/inspections/${inspection.id}` }),
      render: (status, errors) => renderForm(res, { title, inspection, values, errors, status }),
      failure: { field: 'type' },
    });
  });
}
