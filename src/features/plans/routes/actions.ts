import type { Request, Response } from 'express';
import { signedIn } from '../../../middleware/auth.js';
import { parseForm } from '../../../lib/validation.js';
import { submitForm } from '../../../lib/forms/submit.js';
import { getOwned } from '../../audit/audit.js';
import { ACTION_STATUSES } from '../../../lib/rag.js';
import { ACTION_STATUS_LABELS, FINDING_SOURCE_LABELS, findingKindName } from '../../../lib/labels.js';
import { groupChoices } from '../../../lib/choices.js';
import * as s from '../schemas.js';
import { planCoverage } from '../coverage.js';
import { actionLinks, actionSource, orgIndicators, planThemes } from '../queries.js';
import { activeUsers } from '../../admin/users-service.js';
import { createAction, updateAction } from '../service.js';
import { DATED_EDIT_FAILURE, savedFlash, str, type PlansRouteContext } from './common.js';

const FREQUENCY_WORDS: Record<string, string> = { monthly: 'monthly', quarterly: 'quarterly', annual: 'yearly' };
const UNIT_WORDS: Record<string, string> = {
  count: 'number',
  percent: 'percent',
  'rate-per-10k': 'rate per 10,000 children',
  days: 'days',
  ratio: 'ratio',
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

/** Adding and changing an action (its page is in action-page.ts). */
export function actionRoutes({ router, db, editor, today }: PlansRouteContext): void {
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
      planThemes(db, opts.plan.id),
      activeUsers(db, user.organisationId),
      planCoverage(db, user.organisationId, opts.plan.id),
      orgIndicators(db, user.organisationId),
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
    await submitForm(req, res, {
      parse: () => parseForm(s.actionForm, req.body),
      save: (data) => createAction(db, actor, plan.id, toActionInput(data), today()),
      done: (action) => ({ flash: `Action ${action.reference} has been added.`, redirect: `/actions/${action.id}` }),
      render: (status, errors) => actionFormPage(req, res, { plan, values: req.body, errors, status }),
      failure: { field: 'reference' },
    });
  });

  router.get('/actions/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
    const plan = await getOwned(db, user.organisationId, 'plans', action.planId);
    const links = (await actionLinks(db, user.organisationId, { actionId: action.id }))(action.id);
    const source = await actionSource(db, action.id);
    await actionFormPage(req, res, {
      plan,
      action,
      values: {
        ...action,
        rebaselineReason: '',
        themeId: action.themeId ?? '',
        ownerId: action.ownerId ?? '',
        ...links,
        sourceKind: source?.source ?? '',
        sourceDescription: source?.description ?? '',
      },
    });
  });
  router.post('/actions/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
    const plan = await getOwned(db, user.organisationId, 'plans', action.planId);
    await submitForm(req, res, {
      parse: () => parseForm(s.actionEditForm, req.body),
      save: async (data) => {
        const rb = { isEditor: true, rebaselineReason: data.rebaselineReason, acceptRebaseline: data.acceptRebaseline };
        await updateAction(db, actor, action.id, toActionInput(data), data.version, today(), rb);
        return data;
      },
      done: (data) => ({
        flash: savedFlash(`Action ${data.reference}`, 'its history', action.dueDate, data.dueDate),
        redirect: `/actions/${action.id}`,
      }),
      render: (status, errors) => actionFormPage(req, res, { plan, action, values: req.body, errors, status }),
      failure: DATED_EDIT_FAILURE,
    });
  });
}
