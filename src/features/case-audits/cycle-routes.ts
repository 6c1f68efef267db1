import type { Router } from 'express';
import { formFailure } from '../../lib/forms/failure.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm } from '../../lib/validation.js';
import { todayInLondon } from '../../lib/dates.js';
import { periodLabel } from '../../lib/periods.js';
import { gradeLabel } from '../../lib/case-audit-framework.js';
import { CASE_LIST_LABELS } from '../../lib/case-audit-sampling.js';
import { getOwned } from '../audit/audit.js';
import { accessOf, requireNoteReader } from './auditors.js';
import { listFrameworks } from './frameworks.js';
import { AUDIT_STATUS_LABELS, createCycle, CYCLE_KIND_LABELS, loadCycle } from './cycles.js';
import { publishCycle } from './results.js';
import { listLearning } from './learning.js';
import { exportCycle } from './spreadsheet.js';
import { seriesIndicators } from './queries.js';
import { summaryView } from './summary-view.js';
import { cycleSchema } from './schemas.js';
import {
  dateFromForm,
  dateItems,
  formBody,
  formErrors,
  SERVICE_NAMED,
  monthFromForm,
  monthItems,
  saveOrShow,
  type FormPage,
} from './web-forms.js';
import { sampleRoutes } from './sample-routes.js';
import { learningRoutes } from './learning-routes.js';

/** A cycle: starting one, its page, publishing its results and its export; sampling and learning have their own modules. */
export function cycleRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());

  const cycleForm: FormPage = async (req, res, status, values, errors) => {
    const { user } = signedIn(req);
    const frameworks = await listFrameworks(db, user.organisationId);
    res.status(status).render('case-audits/views/cycle-form.njk', {
      title: 'Start an audit cycle',
      frameworks: frameworks.map((f) => ({
        value: f.id,
        text: `${f.name} (version ${f.current?.number ?? 1})`,
        checked: values.frameworkId === f.id || frameworks.length === 1,
      })),
      values,
      errors,
      periodItems: monthItems('period', values, values.period as string | undefined, !!errors?.fields.period),
      dueItems: dateItems('dueDate', values, null, !!errors?.fields.dueDate),
    });
  };

  router.get('/case-audits/cycles/new', editor, async (req, res) => {
    // This month: a month's cases are sampled and audited during it.
    const period = today().slice(0, 7);
    await cycleForm(req, res, 200, { kind: 'monthly', period, title: `${periodLabel(period)} practice audit` });
  });

  router.post('/case-audits/cycles/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const b = formBody(req);
    const period = monthFromForm(b, 'period', 'the month of the audit');
    const due = dateFromForm(b, 'dueDate', 'Due date');
    const parsed = parseForm(cycleSchema, { ...b, period: period.value ?? '2000-01', dueDate: due.value ?? null });
    const details = [
      ...(period.error ? [{ path: 'period', message: period.error }] : []),
      ...(due.error ? [{ path: 'dueDate', message: due.error }] : []),
      ...(parsed.ok ? [] : parsed.details),
    ];
    if (details.length || !parsed.ok) return cycleForm(req, res, 400, b, formErrors(details));
    await saveOrShow(req, res, cycleForm, 'title', async () => {
      const cycle = await createCycle(db, actor, parsed.data);
      req.session.flash = { text: `“${cycle.title}” has been started. Next, choose its cases.` };
      res.redirect(`/case-audits/cycles/${cycle.id}`);
    });
  });

  router.get('/case-audits/cycles/:id', async (req, res) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const access = await accessOf(db, user);
    const learning = await listLearning(db, user.organisationId, [view.cycle.id]);
    const themeName = new Map(view.version.themes.map((t) => [t.key, t.name]));
    res.render('case-audits/views/cycle.njk', {
      title: view.cycle.title,
      view,
      label: periodLabel(view.cycle.period),
      kindLabel: CYCLE_KIND_LABELS[view.cycle.kind],
      summary: summaryView(view),
      access,
      audits: access.readsNotes
        ? view.audits.map((a) => ({
            ...a,
            listLabel: a.listKey ? CASE_LIST_LABELS[a.listKey] : 'Not known',
            statusLabel: AUDIT_STATUS_LABELS[a.status],
            finalGrade: gradeLabel(view.version.scale, a.moderatedOverallGrade ?? a.overallGrade),
          }))
        : [],
      learning: learning.map((l) => ({ ...l, themeName: l.themeKey ? themeName.get(l.themeKey) : null })),
      indicators: await seriesIndicators(db, user.organisationId, view.cycle.seriesKey),
      listLabels: CASE_LIST_LABELS,
    });
  });

  router.post('/case-audits/cycles/:id/publish', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const cycle = await getOwned(db, user.organisationId, 'caseAuditCycles', String(req.params.id));
    try {
      const n = await publishCycle(db, actor, cycle.id, req.body?.version ? Number(req.body.version) : undefined);
      req.session.flash = {
        text:
          `The results of ${cycle.title} are now in the indicator library (${n} figures for ` +
          `${periodLabel(cycle.period)}). Later grades and moderation update them.`,
      };
    } catch (err) {
      const f = formFailure(err, { field: 'publish', ...SERVICE_NAMED });
      req.session.flash = { type: 'info', text: f.details[0].message };
    }
    res.redirect(`/case-audits/cycles/${cycle.id}`);
  });

  router.get('/case-audits/cycles/:id/export.xlsx', async (req, res) => {
    const { user } = signedIn(req);
    const cycle = await getOwned(db, user.organisationId, 'caseAuditCycles', String(req.params.id));
    await requireNoteReader(db, user);
    const { filename, buffer } = await exportCycle(db, user.organisationId, cycle.id, true);
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    });
    res.end(buffer);
  });

  sampleRoutes(router, services);
  learningRoutes(router, services);
}
