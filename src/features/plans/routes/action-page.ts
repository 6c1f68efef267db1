import { signedIn } from '../../../middleware/auth.js';
import { getOwned } from '../../audit/audit.js';
import { hasRole } from '../../../lib/roles.js';
import { evidenceRag, ragMovement } from '../../../lib/rag.js';
import { awaitsAcceptance } from '../../../lib/rebaseline.js';
import { loadControlNotes } from '../../council/control.js';
import { loadHolidays } from '../../calendar/holidays.js';
import { loadActionIndicators } from '../links.js';
import { actionPageData } from '../queries.js';
import { canWorkOnAction, refreshRag } from '../service.js';
import type { PlansRouteContext } from './common.js';

/** An action's page: its RAG, milestones, progress updates with evidence, history and re-baselining. */
export function actionPageRoutes({ router, db, today }: PlansRouteContext): void {
  router.get('/actions/:id', async (req, res) => {
    const { user } = signedIn(req);
    const action = await getOwned(db, user.organisationId, 'actions', String(req.params.id));
    const plan = await getOwned(db, user.organisationId, 'plans', action.planId);
    const [state] = await refreshRag(db, user.organisationId, { actionIds: [action.id] }, today());
    const [data, indicators, holidays] = await Promise.all([
      actionPageData(db, user.organisationId, action),
      loadActionIndicators(db, user.organisationId, [action.id], today()),
      loadHolidays(db, user.organisationId),
    ]);
    const { milestones, updates, files, history, moves } = data;
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
      findings: data.findings,
      sources: data.sources,
      theme: data.theme?.name,
      owner: data.owner?.displayName,
      indicators: indicators.get(action.id) ?? [],
      moves,
      actionPending: awaitsAcceptance(action),
      isEditor: hasRole(user.role, 'editor'),
      canEdit: hasRole(user.role, 'editor') && plan.status !== 'superseded',
      canWork: canWorkOnAction(user, action) && plan.status !== 'superseded',
      controlNote,
    });
  });
}
