import type { Request, Response, Router } from 'express';
import type { Feature } from '../feature.js';
import { loadControlNotes, loadPlanControlNotes } from '../council/control.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { multipartForm } from '../../middleware/csrf.js';
import { parseForm, requireVersion, toFormErrors } from '../../lib/validation.js';
import { AppError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { getOwned } from '../audit/audit.js';
import { formatGovukDate, todayInLondon } from '../../lib/dates.js';
import { hasRole } from '../../lib/roles.js';
import { diffPlans, type ActionSnapshot } from '../../lib/plan-diff.js';
import { ACCEPTED_EVIDENCE, detectEvidenceType, safeFilename } from '../../lib/evidence-file-type.js';
import { evidenceRag, ownerRatingProblem, OWNER_RAGS, ACTION_STATUSES } from '../../lib/rag.js';
import { plansApi } from './api.js';
import * as s from './schemas.js';
import { planOverview, sortRows, type ActionRow } from './queries.js';
import { byReference, computeActionRags } from './status.js';
import {
  acceptRebaseline,
  approvePlan,
  canWorkOnAction,
  completeMilestone,
  createAction,
  createMilestone,
  createPlan,
  createUpdate,
  refreshRag,
  revisePlan,
  saveFindingReason,
  setReadyToSubmit,
  updateAction,
  updateMilestone,
  updatePlan,
  type EvidenceUpload,
} from './service.js';
import { awaitsAcceptance } from '../../lib/rebaseline.js';
import {
  ACTION_STATUS_LABELS,
  FINDING_SOURCE_LABELS,
  findingKindName,
  inspectionName,
  ragLabel,
} from '../../lib/labels.js';
import { planCoverage } from './coverage.js';
import { loadHolidays } from '../calendar/holidays.js';
import { spreadsheetRoutes } from './spreadsheet-routes.js';
import { groupChoices } from '../../lib/choices.js';
import { composeDateInputs } from '../../lib/date-input.js';
import { loadActionIndicators } from './links.js';
import { ragMovement } from '../../lib/rag.js';
import { receiveUpload } from '../uploads/receive.js';
import { uploadLimits } from '../../lib/upload-limits.js';
import { uploadSettings } from '../../config.js';

export const PAGE_SIZE = 100;
export const EVIDENCE_LIMIT_BYTES = 10 * 1024 * 1024;
/** The same tags as wm.ragTag, looked up rather than rendered by a macro 800 times on a large plan. */
const TAGS = Object.fromEntries(
  Object.entries({
    red: 'govuk-tag--red',
    amber: 'govuk-tag--orange',
    green: 'govuk-tag--green',
    complete: 'govuk-tag--blue',
    'not-started': 'govuk-tag--grey',
  }).map(([k, cls]) => [k, { cls, label: ragLabel(k), lower: ragLabel(k).toLowerCase() }]),
);
/** Re-render a form with the service's details (400), or its conflict message (409); rethrow anything else. */
function formFailure(err: unknown, rerender: (errors: unknown, status: number) => unknown, conflictField: string) {
  if (err instanceof AppError && err.status === 409)
    return rerender(toFormErrors([{ path: conflictField, message: err.message }]), 409);
  if (err instanceof AppError && err.status === 422 && err.details.length)
    return rerender(toFormErrors(err.details.map((d) => ({ ...d, path: d.path.replace(/\.\d+$/, '') }))), 400);
  // A refusal by role (re-baselining an approved plan) is shown on the form, not as a dead end.
  if (err instanceof AppError && err.status === 403)
    return rerender(toFormErrors([{ path: 'dueDate', message: err.message }]), 403);
  throw err;
}

function routes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());
  const uploadLimit = uploadLimits('evidence', uploadSettings(services.config)).maxBytes;

  const orgUsers = (organisationId: string) =>
    db
      .selectFrom('users')
      .select(['id', 'displayName', 'role'])
      .where('organisationId', '=', organisationId)
      .where('active', '=', true)
      .orderBy('displayName')
      .execute();
  const orgInspections = (organisationId: string) =>
    db
      .selectFrom('inspections')
      .select(['id', 'typeKey', 'startDate', 'publishedDate'])
      .where('organisationId', '=', organisationId)
      .orderBy('startDate', 'desc')
      .execute();

  // ---------- plans ----------
  router.get('/plans', async (req, res) => {
    const { user } = signedIn(req);
    const plans = await db
      .selectFrom('plans')
      .selectAll()
      .where('organisationId', '=', user.organisationId)
      .orderBy('startDate', 'desc')
      .orderBy('planVersion', 'desc')
      .execute();
    res.render('plans/views/index.njk', {
      title: 'Improvement plans',
      plans,
      canEdit: hasRole(user.role, 'editor'),
    });
  });

  const planFormPage = async (
    req: Request,
    res: Response,
    opts: { plan?: { id: string; title: string }; values: Record<string, unknown>; errors?: unknown; status?: number },
  ) => {
    const { user } = signedIn(req);
    const inspections = await orgInspections(user.organisationId);
    const chosen = new Set(([] as unknown[]).concat(opts.values.inspectionIds ?? []).map(String));
    res.status(opts.status ?? 200).render('plans/views/plan-form.njk', {
      title: opts.plan ? `Edit ${opts.plan.title}` : 'Create an improvement plan',
      plan: opts.plan,
      values: opts.values,
      errors: opts.errors,
      inspectionItems: inspections.map((i) => ({
        value: i.id,
        text: inspectionName(i),
        hint: {
          text: i.publishedDate ? `Report published ${formatGovukDate(i.publishedDate)}` : 'Report not yet published',
        },
        checked: chosen.has(i.id),
      })),
    });
  };

  router.get('/plans/new', editor, (req, res) =>
    planFormPage(req, res, { values: { toleranceWorkingDays: 10, themes: '' } }),
  );
  router.post('/plans/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const parsed = parseForm(s.planForm, req.body);
    if (!parsed.ok) return planFormPage(req, res, { values: req.body, errors: parsed.errors, status: 400 });
    try {
      const plan = await createPlan(db, actor, parsed.data);
      req.session.flash = { text: `${plan.title} has been created as a draft.` };
      res.redirect(`/plans/${plan.id}`);
    } catch (err) {
      formFailure(err, (errors, status) => planFormPage(req, res, { values: req.body, errors, status }), 'title');
    }
  });

  router.get('/plans/:id', async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const q = req.query as Record<string, string | undefined>;
    // The "movement since" date comes as GOV.UK date boxes (since-day, since-month, since-year) or as since=YYYY-MM-DD in a link.
    const sinceInput = composeDateInputs({ ...q } as Record<string, unknown>).since;
    const filters = {
      theme: str(q.theme),
      rag: str(q.rag),
      owner: str(q.owner),
      challenged: str(q.challenged),
      sort: str(q.sort),
      order: str(q.order),
      since: str(sinceInput),
    };
    const lastReport = await db
      .selectFrom('issuedReports')
      .select(['issuedOn', 'title'])
      .where('organisationId', '=', user.organisationId)
      .where('planLineageId', '=', plan.lineageId)
      .orderBy('issuedAt', 'desc')
      .executeTakeFirst();
    const overview = await planOverview(db, user.organisationId, plan.id, today(), filters, lastReport?.issuedOn);
    // Large plans are paged (without JavaScript: plain links keeping the filters and sort).
    const pages = Math.max(1, Math.ceil(overview.rows.length / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(str(q.page) ?? '1', 10) || 1));
    const matching = overview.rows.length;
    overview.rows = overview.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const pageHref = (n: number) => {
      const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
      params.set('page', String(n));
      return `/plans/${plan.id}?${params.toString()}#actions`;
    };
    const pagination =
      pages > 1
        ? {
            previous: page > 1 ? { href: pageHref(page - 1) } : undefined,
            next: page < pages ? { href: pageHref(page + 1) } : undefined,
            items: Array.from({ length: pages }, (_, i) => ({
              number: i + 1,
              href: pageHref(i + 1),
              current: i + 1 === page,
            })),
          }
        : null;
    const versions = await db
      .selectFrom('plans')
      .select(['id', 'planVersion', 'status'])
      .where('lineageId', '=', plan.lineageId)
      .where('organisationId', '=', user.organisationId)
      .orderBy('planVersion')
      .execute();
    const sortLink = (key: string) => {
      const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
      const active = (filters.sort ?? 'reference') === key;
      params.set('sort', key);
      params.set('order', active && filters.order !== 'desc' ? 'desc' : 'asc');
      return {
        href: `/plans/${plan.id}?${params.toString()}#actions`,
        active,
        order: active ? (filters.order === 'desc' ? 'descending' : 'ascending') : 'none',
      };
    };
    res.render('plans/views/plan.njk', {
      title: plan.title,
      plan,
      o: overview,
      controlNotes: Object.fromEntries(await loadPlanControlNotes(db, user.organisationId, plan.id)),
      filters,
      versions,
      themeItems: [
        { value: '', text: 'All themes' },
        ...overview.themes.map((t) => ({ value: t.id, text: t.name, selected: filters.theme === t.id })),
        { value: 'none', text: 'No theme', selected: filters.theme === 'none' },
      ],
      ownerItems: [
        { value: '', text: 'Anyone' },
        ...overview.owners.map((u) => ({ value: u.id, text: u.displayName, selected: filters.owner === u.id })),
        { value: 'none', text: 'No owner', selected: filters.owner === 'none' },
      ],
      pagination,
      matching,
      firstRow: (page - 1) * PAGE_SIZE + 1,
      lastReport: !filters.since && lastReport && lastReport.issuedOn === overview.since ? lastReport : null,
      sortLinks: Object.fromEntries(
        ['reference', 'ownerName', 'due', 'evidence', 'owner'].map((k) => [k, sortLink(k)]),
      ),
      TAGS,
      today: today(),
      canEdit: hasRole(user.role, 'editor') && plan.status !== 'superseded',
    });
  });

  router.get('/plans/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const inspections = await db
      .selectFrom('planInspections')
      .select('inspectionId')
      .where('planId', '=', plan.id)
      .execute();
    await planFormPage(req, res, {
      plan,
      values: { ...plan, themes: '', inspectionIds: inspections.map((i) => i.inspectionId) },
    });
  });
  router.post('/plans/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const parsed = parseForm(s.planEditForm, req.body);
    if (!parsed.ok) return planFormPage(req, res, { plan, values: req.body, errors: parsed.errors, status: 400 });
    const { version, ...input } = parsed.data;
    try {
      await updatePlan(db, actor, plan.id, input, version);
      req.session.flash = { text: 'The plan has been saved.' };
      res.redirect(`/plans/${plan.id}`);
    } catch (err) {
      formFailure(err, (errors, status) => planFormPage(req, res, { plan, values: req.body, errors, status }), 'title');
    }
  });

  router.get('/plans/:id/approve', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    res.render('plans/views/approve.njk', {
      title: `Record approval of ${plan.title}`,
      plan,
      values: { version: plan.version, approvalBody: 'Cabinet' },
    });
  });
  router.post('/plans/:id/approve', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const rerender = (errors: unknown, status = 400) =>
      res.status(status).render('plans/views/approve.njk', {
        title: `Record approval of ${plan.title}`,
        plan,
        values: req.body,
        errors,
      });
    const parsed = parseForm(s.approveForm, req.body);
    if (!parsed.ok) return rerender(parsed.errors);
    const { version, ...approval } = parsed.data;
    try {
      await approvePlan(db, actor, plan.id, approval, version);
      req.session.flash = { text: `Version ${plan.planVersion} is recorded as approved by ${approval.approvalBody}.` };
      res.redirect(`/plans/${plan.id}`);
    } catch (err) {
      formFailure(err, rerender, 'approvalBody');
    }
  });

  router.post('/plans/:id/revise', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    try {
      const copy = await revisePlan(db, actor, plan.id);
      req.session.flash = {
        text: `Version ${copy.planVersion} has been started as a draft. Version ${plan.planVersion} stays in force until this one is approved.`,
      };
      res.redirect(`/plans/${copy.id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) {
        req.session.flash = { type: 'info', text: err.message };
        return res.redirect(`/plans/${plan.id}`);
      }
      throw err;
    }
  });

  router.post('/plans/:id/ready', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const ready = req.body?.ready !== 'no';
    try {
      await setReadyToSubmit(db, actor, plan.id, ready, Number(req.body?.version));
      req.session.flash = {
        text: ready ? 'The plan is marked ready to submit.' : 'The plan is no longer marked ready to submit.',
      };
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 422 && err.status !== 409)) throw err;
      req.session.flash = {
        type: 'info',
        heading: err.status === 409 ? 'The plan was changed by someone else' : 'The plan is not ready to submit',
        text: err.details[0]?.message ?? err.message,
      };
    }
    res.redirect(`/plans/${plan.id}`);
  });

  router.get('/plans/:id/coverage/:findingId', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const finding = (await planCoverage(db, user.organisationId, plan.id)).find(
      (f) => f.id === String(req.params.findingId),
    );
    if (!finding) throw new NotFoundError();
    res.render('plans/views/coverage-reason.njk', {
      title: 'Record why this finding has no action',
      plan,
      finding,
      values: { reason: finding.reason ?? '' },
    });
  });
  router.post('/plans/:id/coverage/:findingId', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const finding = (await planCoverage(db, user.organisationId, plan.id)).find(
      (f) => f.id === String(req.params.findingId),
    );
    if (!finding) throw new NotFoundError();
    const reason = String(req.body?.reason ?? '').trim();
    if (reason.length > 2000) {
      return res.status(400).render('plans/views/coverage-reason.njk', {
        title: 'Record why this finding has no action',
        plan,
        finding,
        values: req.body,
        errors: toFormErrors([{ path: 'reason', message: 'Reason must be 2000 characters or fewer' }]),
      });
    }
    try {
      await saveFindingReason(db, actor, plan.id, finding.id, reason, requireVersion(req.body?.version, 0));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      const errors = toFormErrors([{ path: 'reason', message: err.message }]);
      return res.status(409).render('plans/views/coverage-reason.njk', {
        title: 'Record why this finding has no action',
        plan,
        finding,
        values: req.body,
        errors,
      });
    }
    req.session.flash = { text: reason ? 'The reason has been recorded.' : 'The reason has been removed.' };
    res.redirect(`/plans/${plan.id}#coverage`);
  });

  router.get('/plans/:id/compare', async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const versions = await db
      .selectFrom('plans')
      .select(['id', 'planVersion', 'status'])
      .where('lineageId', '=', plan.lineageId)
      .where('organisationId', '=', user.organisationId)
      .orderBy('planVersion')
      .execute();
    const withId = str(req.query.with) ?? plan.previousPlanId ?? undefined;
    const other = withId ? versions.find((v) => v.id === withId) : undefined;
    let diff = null;
    if (other) {
      const [older, newer] = other.planVersion < plan.planVersion ? [other.id, plan.id] : [plan.id, other.id];
      diff = diffPlans(await snapshots(older, user.organisationId), await snapshots(newer, user.organisationId));
    }
    res.render('plans/views/compare.njk', {
      title: `Compare versions of ${plan.title}`,
      plan,
      other,
      diff,
      fromVersion: Math.min(plan.planVersion, other?.planVersion ?? plan.planVersion),
      toVersion: Math.max(plan.planVersion, other?.planVersion ?? plan.planVersion),
      others: versions
        .filter((v) => v.id !== plan.id)
        .map((v) => ({ value: v.id, text: `Version ${v.planVersion} (${v.status})`, selected: v.id === other?.id })),
    });
  });

  async function snapshots(planId: string, organisationId: string): Promise<ActionSnapshot[]> {
    const rows = await db
      .selectFrom('actions')
      .leftJoin('planThemes', 'planThemes.id', 'actions.themeId')
      .leftJoin('users', 'users.id', 'actions.ownerId')
      .select([
        'actions.id',
        'actions.reference',
        'actions.title',
        'planThemes.name as theme',
        'users.displayName as owner',
        'actions.startDate',
        'actions.dueDate',
        'actions.status',
        'actions.successMeasures',
      ])
      .where('actions.planId', '=', planId)
      .where('actions.organisationId', '=', organisationId)
      .execute();
    const ms = rows.length
      ? await db
          .selectFrom('milestones')
          .select(['actionId', 'title', 'dueDate'])
          .where(
            'actionId',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    return rows.map(({ id, ...r }) => ({
      ...r,
      status: ACTION_STATUS_LABELS[r.status],
      milestones: ms.filter((m) => m.actionId === id),
    }));
  }

  // ---------- actions ----------
  const actionFormPage = async (
    req: Request,
    res: Response,
    opts: {
      plan: { id: string; title: string };
      action?: { id: string; reference: string };
      values: Record<string, unknown>;
      errors?: unknown;
      status?: number;
    },
  ) => {
    const { user } = signedIn(req);
    const [themes, users, coverage, indicators] = await Promise.all([
      db
        .selectFrom('planThemes')
        .select(['id', 'name'])
        .where('planId', '=', opts.plan.id)
        .orderBy('position')
        .execute(),
      orgUsers(user.organisationId),
      planCoverage(db, user.organisationId, opts.plan.id),
      db
        .selectFrom('indicators')
        .select(['id', 'name', 'theme', 'frequency', 'unit'])
        .where('organisationId', '=', user.organisationId)
        .orderBy('name')
        .execute(),
    ]);
    const chosen = new Set(([] as unknown[]).concat(opts.values.findingIds ?? []).map(String));
    const chosenIndicators = new Set(([] as unknown[]).concat(opts.values.indicatorIds ?? []).map(String));
    res.status(opts.status ?? 200).render('plans/views/action-form.njk', {
      title: opts.action ? `Edit action ${opts.action.reference}` : 'Add an action',
      plan: opts.plan,
      action: opts.action,
      values: opts.values,
      errors: opts.errors,
      themeItems: [
        { value: '', text: 'No theme' },
        ...themes.map((t) => ({ value: t.id, text: t.name, selected: t.id === opts.values.themeId })),
      ],
      ownerItems: [
        { value: '', text: 'No owner yet' },
        ...users.map((u) => ({ value: u.id, text: u.displayName, selected: u.id === opts.values.ownerId })),
      ],
      statusItems: ACTION_STATUSES.map((v) => ({
        value: v,
        text: ACTION_STATUS_LABELS[v],
        checked: v === (opts.values.status ?? 'not-started'),
      })),
      findingItems: coverage.map((f) => ({
        value: f.id,
        text: `${findingKindName(f.kind)}${f.reference ? ` ${f.reference}` : ''}: ${f.text.length > 160 ? `${f.text.slice(0, 160)}…` : f.text}`,
        checked: chosen.has(f.id),
      })),
      // Many indicators: grouped by theme, sorted, and told apart where two share a name.
      indicatorGroups: groupChoices(
        indicators.map((i) => ({
          value: i.id,
          text: i.name,
          group: i.theme || 'Other indicators',
          detail: `${FREQUENCY_WORDS[i.frequency] ?? i.frequency}, ${UNIT_WORDS[i.unit] ?? i.unit}`,
        })),
        chosenIndicators,
      ),
      sourceItems: [
        { value: '', text: 'None' },
        ...Object.entries(FINDING_SOURCE_LABELS).map(([value, text]) => ({
          value,
          text,
          selected: value === opts.values.sourceKind,
        })),
      ],
    });
  };

  const toActionInput = (d: ReturnType<typeof s.actionForm.parse>) => ({
    reference: d.reference,
    title: d.title,
    description: d.description,
    themeId: d.themeId || null,
    ownerId: d.ownerId || null,
    startDate: d.startDate,
    dueDate: d.dueDate,
    successMeasures: d.successMeasures,
    status: d.status,
    findingIds: d.findingIds,
    indicatorIds: d.indicatorIds,
    sources: d.sourceKind
      ? [{ source: d.sourceKind, description: d.sourceDescription || FINDING_SOURCE_LABELS[d.sourceKind] }]
      : [],
  });

  router.get('/plans/:id/actions/new', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    await actionFormPage(req, res, {
      plan,
      values: {
        status: 'not-started',
        startDate: '',
        findingIds: str(req.query.finding) ? [str(req.query.finding)] : [],
      },
    });
  });
  router.post('/plans/:id/actions/new', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const parsed = parseForm(s.actionForm, req.body);
    if (!parsed.ok) return actionFormPage(req, res, { plan, values: req.body, errors: parsed.errors, status: 400 });
    try {
      const action = await createAction(db, actor, plan.id, toActionInput(parsed.data), today());
      req.session.flash = { text: `Action ${action.reference} has been added.` };
      res.redirect(`/actions/${action.id}`);
    } catch (err) {
      formFailure(
        err,
        (errors, status) => actionFormPage(req, res, { plan, values: req.body, errors, status }),
        'reference',
      );
    }
  });

  router.get('/actions/:id', async (req, res) => {
    const { user } = signedIn(req);
    const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
    const plan = await getOwned(db, user.organisationId, 'plans', action.planId);
    const [state] = await refreshRag(db, user.organisationId, { actionIds: [action.id] }, today());
    const [milestones, updates, files, history, findings, sources, theme, owner, indicators, holidays, moves] =
      await Promise.all([
        db.selectFrom('milestones').selectAll().where('actionId', '=', action.id).orderBy('dueDate').execute(),
        db
          .selectFrom('actionUpdates')
          .leftJoin('users', 'users.id', 'actionUpdates.authorId')
          .selectAll('actionUpdates')
          .select('users.displayName as author')
          .where('actionId', '=', action.id)
          .orderBy('updateDate', 'desc')
          .orderBy('actionUpdates.createdAt', 'desc')
          .execute(),
        db
          .selectFrom('actionUpdateFiles')
          .innerJoin('actionUpdates', 'actionUpdates.id', 'actionUpdateFiles.updateId')
          .select([
            'actionUpdateFiles.id',
            'actionUpdateFiles.updateId',
            'actionUpdateFiles.filename',
            'actionUpdateFiles.sizeBytes',
          ])
          .where('actionUpdates.actionId', '=', action.id)
          .execute(),
        db
          .selectFrom('actionRagHistory')
          .select(['recordedOn', 'evidenceRag', 'ownerRag', 'challenged'])
          .where('actionId', '=', action.id)
          .orderBy('recordedOn', 'desc')
          .execute(),
        db
          .selectFrom('actionFindings')
          .innerJoin('findings', 'findings.id', 'actionFindings.findingId')
          .select(['findings.id', 'findings.kind', 'findings.text', 'findings.reference'])
          .where('actionFindings.actionId', '=', action.id)
          .execute(),
        db.selectFrom('actionSources').select(['source', 'description']).where('actionId', '=', action.id).execute(),
        action.themeId
          ? db.selectFrom('planThemes').select('name').where('id', '=', action.themeId).executeTakeFirst()
          : undefined,
        action.ownerId
          ? db.selectFrom('users').select('displayName').where('id', '=', action.ownerId).executeTakeFirst()
          : undefined,
        loadActionIndicators(db, user.organisationId, [action.id], today()),
        loadHolidays(db, user.organisationId),
        db
          .selectFrom('rebaselines')
          .leftJoin('milestones', 'milestones.id', 'rebaselines.milestoneId')
          .selectAll('rebaselines')
          .select('milestones.title as milestoneTitle')
          .where('rebaselines.actionId', '=', action.id)
          .where('rebaselines.organisationId', '=', user.organisationId)
          .orderBy('rebaselines.createdAt', 'desc')
          .execute(),
      ]);
    const controlNote = (await loadControlNotes(db, user.organisationId, [action.id])).get(action.id) ?? null;
    // Milestone-by-milestone colours, from the same rule.
    const milestoneRows = milestones.map((m) => ({
      ...m,
      rag: evidenceRag({
        status: 'in-progress',
        milestones: [m],
        today: today(),
        holidays,
        toleranceWorkingDays: plan.toleranceWorkingDays,
      }).rag,
      pending: awaitsAcceptance(m),
      moves: moves.filter((r) => r.milestoneId === m.id).length,
    }));
    const historyRows = history.map((h, i) => ({
      ...h,
      movement: ragMovement(history[i + 1]?.evidenceRag, h.evidenceRag),
    }));
    res.render('plans/views/action.njk', {
      title: `Action ${action.reference}: ${action.title}`,
      action,
      plan,
      state,
      milestones: milestoneRows,
      updates: updates.map((u) => ({ ...u, files: files.filter((f) => f.updateId === u.id) })),
      history: historyRows,
      findings,
      sources,
      theme: theme?.name,
      owner: owner?.displayName,
      indicators: indicators.get(action.id) ?? [],
      moves,
      actionPending: awaitsAcceptance(action),
      isEditor: hasRole(user.role, 'editor'),
      canEdit: hasRole(user.role, 'editor') && plan.status !== 'superseded',
      canWork: canWorkOnAction(user, action) && plan.status !== 'superseded',
      controlNote,
    });
  });

  router.get('/actions/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
    const plan = await getOwned(db, user.organisationId, 'plans', action.planId);
    const links = await db.selectFrom('actionFindings').select('findingId').where('actionId', '=', action.id).execute();
    const indicatorLinks = await db
      .selectFrom('actionIndicators')
      .select('indicatorId')
      .where('actionId', '=', action.id)
      .execute();
    const source = await db
      .selectFrom('actionSources')
      .select(['source', 'description'])
      .where('actionId', '=', action.id)
      .executeTakeFirst();
    await actionFormPage(req, res, {
      plan,
      action,
      values: {
        ...action,
        rebaselineReason: '',
        themeId: action.themeId ?? '',
        ownerId: action.ownerId ?? '',
        findingIds: links.map((l) => l.findingId),
        indicatorIds: indicatorLinks.map((l) => l.indicatorId),
        sourceKind: source?.source ?? '',
        sourceDescription: source?.description ?? '',
      },
    });
  });
  router.post('/actions/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
    const plan = await getOwned(db, user.organisationId, 'plans', action.planId);
    const parsed = parseForm(s.actionEditForm, req.body);
    if (!parsed.ok)
      return actionFormPage(req, res, { plan, action, values: req.body, errors: parsed.errors, status: 400 });
    try {
      const { rebaselineReason, acceptRebaseline: accept } = parsed.data;
      await updateAction(db, actor, action.id, toActionInput(parsed.data), parsed.data.version, today(), {
        isEditor: true,
        rebaselineReason,
        acceptRebaseline: accept,
      });
      const moved = parsed.data.dueDate > action.dueDate;
      req.session.flash = {
        text: moved
          ? `Action ${parsed.data.reference} has been re-baselined to ${formatGovukDate(parsed.data.dueDate)}. The reason is recorded in its history.`
          : `Action ${parsed.data.reference} has been saved.`,
      };
      res.redirect(`/actions/${action.id}`);
    } catch (err) {
      formFailure(
        err,
        (errors, status) => actionFormPage(req, res, { plan, action, values: req.body, errors, status }),
        'title',
      );
    }
  });

  // ---------- milestones ----------
  type MilestonePageAction = {
    id: string;
    reference: string;
    title: string;
    startDate: string;
    dueDate: string;
    planId: string;
  };
  const milestonePage = async (
    req: Request,
    res: Response,
    opts: {
      action: MilestonePageAction;
      milestone?: { id: string; dueDate: string; originalDueDate: string | null; agreedDueDate: string | null };
      values: Record<string, unknown>;
      errors?: unknown;
      status?: number;
    },
  ) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', opts.action.planId);
    const isEditor = hasRole(user.role, 'editor');
    res.status(opts.status ?? 200).render('plans/views/milestone-form.njk', {
      title: opts.milestone ? 'Change a milestone' : 'Add a milestone',
      ...opts,
      isEditor,
      // On an approved plan only an editor may move a due date later (ADR 0860): others see it as text.
      canMoveDate: !opts.milestone || isEditor || plan.status !== 'approved',
      pending: opts.milestone ? awaitsAcceptance(opts.milestone) : false,
    });
  };

  const ownedActionFor = async (req: Request) => {
    const { user } = signedIn(req);
    const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
    if (!canWorkOnAction(user, action))
      throw new ForbiddenError('Only the action’s owner or an editor can do that', 'contributor');
    return action;
  };

  router.get('/actions/:id/milestones/new', requireRole('contributor'), async (req, res) => {
    const action = await ownedActionFor(req);
    await milestonePage(req, res, { action, values: {} });
  });
  router.post('/actions/:id/milestones/new', requireRole('contributor'), async (req, res) => {
    const { actor } = signedIn(req);
    const action = await ownedActionFor(req);
    const parsed = parseForm(s.milestoneForm, req.body);
    if (!parsed.ok) return milestonePage(req, res, { action, values: req.body, errors: parsed.errors, status: 400 });
    try {
      await createMilestone(db, actor, action.id, parsed.data, today());
      req.session.flash = { text: `Milestone “${parsed.data.title}” has been added.` };
      res.redirect(`/actions/${action.id}#milestones`);
    } catch (err) {
      await formFailure(
        err,
        (errors, status) => milestonePage(req, res, { action, values: req.body, errors, status }),
        'title',
      );
    }
  });

  const milestoneWithAction = async (req: Request) => {
    const { user } = signedIn(req);
    const milestone = await getOwned(db, user.organisationId, 'milestones', String(req.params.id));
    const action = await getOwned(db, user.organisationId, 'actions', milestone.actionId);
    if (!canWorkOnAction(user, action))
      throw new ForbiddenError('Only the action’s owner or an editor can do that', 'contributor');
    return { milestone, action };
  };
  router.get('/milestones/:id/edit', requireRole('contributor'), async (req, res) => {
    const { milestone, action } = await milestoneWithAction(req);
    // Completing is its own confirmed step: the edit form never fills in a completed date.
    if (req.query.complete === 'yes') return res.redirect(`/milestones/${milestone.id}/complete`);
    await milestonePage(req, res, { action, milestone, values: { ...milestone, rebaselineReason: '' } });
  });
  router.post('/milestones/:id/edit', requireRole('contributor'), async (req, res) => {
    const { user, actor } = signedIn(req);
    const { milestone, action } = await milestoneWithAction(req);
    const parsed = parseForm(s.milestoneEditForm, req.body);
    if (!parsed.ok)
      return milestonePage(req, res, { action, milestone, values: req.body, errors: parsed.errors, status: 400 });
    const { version, rebaselineReason, acceptRebaseline: accept, ...input } = parsed.data;
    try {
      await updateMilestone(db, actor, milestone.id, input, version, today(), {
        isEditor: hasRole(user.role, 'editor'),
        rebaselineReason,
        acceptRebaseline: accept,
      });
      const moved = input.dueDate > milestone.dueDate;
      req.session.flash = {
        text: moved
          ? `Milestone “${input.title}” has been re-baselined to ${formatGovukDate(input.dueDate)}. The reason is recorded in the action’s history.`
          : `Milestone “${input.title}” has been saved.`,
      };
      res.redirect(`/actions/${action.id}#milestones`);
    } catch (err) {
      await formFailure(
        err,
        (errors, status) => milestonePage(req, res, { action, milestone, values: req.body, errors, status }),
        'title',
      );
    }
  });

  const completePage = (
    res: Response,
    opts: {
      milestone: { id: string; title: string; dueDate: string; completedDate: string | null };
      action: { id: string; reference: string; title: string };
      values: Record<string, unknown>;
      errors?: unknown;
      status?: number;
    },
  ) =>
    res
      .status(opts.status ?? 200)
      .render('plans/views/milestone-complete.njk', { title: `Mark “${opts.milestone.title}” as complete`, ...opts });
  router.get('/milestones/:id/complete', requireRole('contributor'), async (req, res) => {
    const { milestone, action } = await milestoneWithAction(req);
    if (milestone.completedDate) {
      req.session.flash = {
        type: 'info',
        text: `“${milestone.title}” was marked complete on ${formatGovukDate(milestone.completedDate)}.`,
      };
      return res.redirect(`/actions/${action.id}#milestones`);
    }
    completePage(res, { milestone, action, values: { version: milestone.version } });
  });
  router.post('/milestones/:id/complete', requireRole('contributor'), async (req, res) => {
    const { actor } = signedIn(req);
    const { milestone, action } = await milestoneWithAction(req);
    const parsed = parseForm(s.completeForm, req.body);
    if (!parsed.ok)
      return completePage(res, { milestone, action, values: req.body, errors: parsed.errors, status: 400 });
    const { version, ...input } = parsed.data;
    try {
      await completeMilestone(db, actor, milestone.id, input, version, today());
      req.session.flash = {
        text: `Milestone “${milestone.title}” is marked complete on ${formatGovukDate(input.completedDate)}.`,
      };
      res.redirect(`/actions/${action.id}#milestones`);
    } catch (err) {
      formFailure(
        err,
        (errors, status) => completePage(res, { milestone, action, values: req.body, errors, status }),
        'completedDate',
      );
    }
  });

  // An editor accepts a moved due date: the evidence RAG counts from it from now on.
  router.post('/rebaselines/:id/accept', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const move = await getOwned(db, user.organisationId, 'rebaselines', String(req.params.id));
    try {
      await acceptRebaseline(db, actor, move.id, today());
      req.session.flash = {
        text: `The due date of ${formatGovukDate(move.toDate)} is accepted: the evidence RAG now counts from it.`,
      };
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      req.session.flash = { type: 'info', text: err.message };
    }
    res.redirect(`/actions/${move.actionId}#rebaselining`);
  });

  // ---------- progress updates with evidence ----------
  const updatePage = async (
    req: Request,
    res: Response,
    action: { id: string; reference: string; title: string },
    values: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) => {
    const { user } = signedIn(req);
    const [state] = await computeActionRags(db, user.organisationId, { actionIds: [action.id] }, today());
    res.status(status).render('plans/views/update-form.njk', {
      title: `Post an update on action ${action.reference}`,
      action,
      state,
      values,
      errors,
      ACCEPTED_EVIDENCE,
      limitMb: Math.round(uploadLimit / 1024 / 1024),
      ragItems: OWNER_RAGS.map((r) => ({ value: r, text: ragLabel(r), checked: r === values.ownerRag })),
    });
  };
  router.get('/actions/:id/updates/new', requireRole('contributor'), async (req, res) => {
    const action = await ownedActionFor(req);
    await updatePage(req, res, action, { date: today() });
  });
  router.post(
    '/actions/:id/updates/new',
    requireRole('contributor'),
    multipartForm((req, res) => receiveUpload(req, res, services.config, 'evidence', { field: 'files' })),
    async (req, res) => {
      const { actor } = signedIn(req);
      const action = await ownedActionFor(req);
      const { refused } = req.upload ?? {};
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (refused) {
        const message =
          refused.status === 413
            ? `Each evidence file must be smaller than ${Math.round(uploadLimit / 1024 / 1024)} MB, and at most 5 can be attached`
            : refused.status === 429
              ? refused.message
              : 'The evidence files could not be read: attach up to 5 files and try again';
        return updatePage(req, res, action, body, toFormErrors([{ path: 'files', message }]), refused.status);
      }
      const parsed = parseForm(s.updateForm, body);
      const uploads: EvidenceUpload[] = [];
      const fileErrors: { path: string; message: string }[] = [];
      for (const f of (req.files as Express.Multer.File[] | undefined) ?? []) {
        if (!f.size) continue;
        const type = detectEvidenceType(f.buffer, f.originalname);
        if (!type)
          fileErrors.push({
            path: 'files',
            message: `${safeFilename(f.originalname)} is not an accepted file: attach ${ACCEPTED_EVIDENCE}`,
          });
        else uploads.push({ filename: safeFilename(f.originalname), contentType: type.contentType, content: f.buffer });
      }
      const challenge: { path: string; message: string }[] = [];
      if (parsed.ok) {
        const [state] = await computeActionRags(db, actor.organisationId, { actionIds: [action.id] }, today());
        const problem = ownerRatingProblem(state.evidenceRag, parsed.data.ownerRag, parsed.data.challengeReason);
        if (problem) challenge.push({ path: 'challengeReason', message: problem });
      }
      if (!parsed.ok || fileErrors.length || challenge.length) {
        const details = [...(parsed.ok ? [] : parsed.details), ...challenge, ...fileErrors];
        return updatePage(req, res, action, body, toFormErrors(details), 400);
      }
      try {
        await createUpdate(
          db,
          actor,
          action.id,
          { ...parsed.data, challengeReason: parsed.data.challengeReason || null },
          uploads,
          today(),
        );
        req.session.flash = { text: 'Your update has been posted.' };
        res.redirect(`/actions/${action.id}#updates`);
      } catch (err) {
        formFailure(err, (errors, status) => updatePage(req, res, action, body, errors, status), 'narrative');
      }
    },
  );

  router.get('/evidence/:id', async (req, res) => {
    const { user } = signedIn(req);
    const file = await getOwned(db, user.organisationId, 'actionUpdateFiles', String(req.params.id));
    res.set({
      'Content-Type': file.contentType,
      'Content-Length': String(file.sizeBytes),
      'Content-Disposition': `attachment; filename="${safeFilename(file.filename)}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(file.content);
  });

  // ---------- my actions ----------
  router.get('/my-actions', async (req, res) => {
    const { user } = signedIn(req);
    const states = await refreshRag(db, user.organisationId, { ownerId: user.id }, today());
    const plans = await db
      .selectFrom('plans')
      .select(['id', 'title', 'status', 'planVersion', 'lineageId'])
      .where('organisationId', '=', user.organisationId)
      .execute();
    // The version in force for each plan: the approved one, or the latest draft where none is approved yet.
    const live = new Set<string>();
    const byLineage = new Map<string, typeof plans>();
    for (const p of plans) byLineage.set(p.lineageId, [...(byLineage.get(p.lineageId) ?? []), p]);
    for (const versions of byLineage.values()) {
      const current =
        versions.find((p) => p.status === 'approved') ??
        versions.filter((p) => p.status === 'draft').sort((a, b) => b.planVersion - a.planVersion)[0];
      if (current) live.add(current.id);
    }
    const planTitle = new Map(plans.map((p) => [p.id, `${p.title} (version ${p.planVersion})`]));
    const rows = states
      .filter((st) => live.has(st.planId))
      .map((st) => ({
        ...st,
        ownerName: user.displayName,
        themeName: null,
        movement: 'same',
        before: null,
        planTitle: planTitle.get(st.planId),
      })) as (ActionRow & { planTitle: string })[];
    const milestones = rows.length
      ? await db
          .selectFrom('milestones')
          .innerJoin('actions', 'actions.id', 'milestones.actionId')
          .select([
            'milestones.id',
            'milestones.title',
            'milestones.dueDate',
            'actions.reference',
            'actions.id as actionId',
          ])
          .where(
            'actions.id',
            'in',
            rows.map((r) => r.actionId),
          )
          .where('milestones.completedDate', 'is', null)
          .orderBy('milestones.dueDate')
          .limit(20)
          .execute()
      : [];
    const sort = str(req.query.sort) ?? 'due';
    res.render('plans/views/my-actions.njk', {
      title: 'My actions',
      rows: sortRows(rows, sort, str(req.query.order)),
      milestones,
      sort,
      today: today(),
    });
  });

  spreadsheetRoutes(router, services);
}

const FREQUENCY_WORDS: Record<string, string> = { monthly: 'monthly', quarterly: 'quarterly', annual: 'yearly' };
const UNIT_WORDS: Record<string, string> = {
  count: 'number',
  percent: 'percent',
  'rate-per-10k': 'rate per 10,000 children',
  days: 'days',
  ratio: 'ratio',
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

export { byReference };

export const plansFeature: Feature = {
  name: 'plans',
  nav: [
    { text: 'Plans', href: '/plans' },
    { text: 'My actions', href: '/my-actions', role: 'contributor' },
  ],
  web: routes,
  api: plansApi,
  async homeCards(services, user) {
    const plan = await services.db
      .selectFrom('plans')
      .select(['id', 'title'])
      .where('organisationId', '=', user.organisationId)
      .where('status', '!=', 'superseded')
      .orderBy('status')
      .orderBy('startDate', 'desc')
      .executeTakeFirst();
    if (!plan) return [];
    const states = await computeActionRags(
      services.db,
      user.organisationId,
      { planId: plan.id },
      todayInLondon(services.now()),
    );
    const red = states.filter((s) => s.evidenceRag === 'red').length;
    const challenged = states.filter((s) => s.challenged).length;
    const notes = await loadPlanControlNotes(services.db, user.organisationId, plan.id);
    const outside = states.filter(
      (s) => (s.evidenceRag === 'red' || s.evidenceRag === 'amber') && notes.has(s.actionId),
    ).length;
    return [
      {
        title: plan.title,
        href: `/plans/${plan.id}`,
        value: `${red} red`,
        text: `${states.length} actions; ${challenged} challenged; ${outside} red or amber outside our control`,
      },
    ];
  },
};
