import type { Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm } from '../../lib/validation.js';
import { todayInLondon } from '../../lib/dates.js';
import { loadCycle } from './cycles.js';
import { actionChoices, addLearning, linkResult, removeLearning } from './learning.js';
import { seriesIndicators } from './queries.js';
import { learningSchema } from './schemas.js';
import { formBody, saveOrShow, type FormPage } from './web-forms.js';

/** What a cycle teaches: learning points (with a quote from a note) and results linked to plan actions. */
export function learningRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());
  const choose = (text: string, items: { value: string; text: string; selected?: boolean }[]) => [
    { value: '', text },
    ...items,
  ];

  const learningPage: FormPage = async (req, res, status, values, errors) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const actions = await actionChoices(db, user.organisationId);
    const graded = view.audits.filter((a) => a.overallGrade);
    res.status(status).render('case-audits/views/learning-form.njk', {
      title: `Add a learning point from ${view.cycle.title}`,
      view,
      values,
      errors,
      themeItems: choose(
        'No single theme',
        view.version.themes.map((t) => ({ value: t.key, text: t.name, selected: values.themeKey === t.key })),
      ),
      auditItems: choose(
        'No quote',
        graded.map((a) => ({
          value: a.id,
          text: `Case ${a.reference}${a.team ? `, ${a.team}` : ''}`,
          selected: values.auditId === a.id,
        })),
      ),
      actionItems: choose(
        'No action yet',
        actions.map((a) => ({ value: a.id, text: a.label, selected: values.actionId === a.id })),
      ),
    });
  };
  router.get('/case-audits/cycles/:id/learning', editor, (req, res) =>
    learningPage(req, res, 200, { auditId: req.query.auditId }),
  );
  router.post('/case-audits/cycles/:id/learning', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const parsed = parseForm(learningSchema, formBody(req));
    if (!parsed.ok) return learningPage(req, res, 400, formBody(req), parsed.errors);
    await saveOrShow(req, res, learningPage, 'title', async () => {
      await addLearning(db, actor, view.cycle.id, view.version.themes, parsed.data);
      req.session.flash = {
        text: 'The learning point has been added. Reports show it with its quote and the action it feeds.',
      };
      res.redirect(`/case-audits/cycles/${view.cycle.id}#learning`);
    });
  });
  router.post('/case-audits/learning/:id/remove', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const removed = await removeLearning(db, actor, String(req.params.id));
    req.session.flash = { text: `“${removed.title}” has been removed.` };
    res.redirect(`/case-audits/cycles/${removed.cycleId}#learning`);
  });

  // Link a result (an indicator of this cycle's series) to a plan action, so its evidence RAG reflects it.
  const linkPage: FormPage = async (req, res, status, values, errors) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const indicators = await seriesIndicators(db, user.organisationId, view.cycle.seriesKey);
    const actions = await actionChoices(db, user.organisationId);
    res.status(status).render('case-audits/views/link-form.njk', {
      title: 'Link an audit result to a plan action',
      view,
      errors,
      indicatorItems: choose(
        'Choose a result',
        indicators.map((i) => ({ value: i.id, text: i.name, selected: values.indicatorId === i.id })),
      ),
      actionItems: choose(
        'Choose an action',
        actions.map((a) => ({ value: a.id, text: a.label, selected: values.actionId === a.id })),
      ),
    });
  };
  router.get('/case-audits/cycles/:id/link', editor, (req, res) => linkPage(req, res, 200, {}));
  router.post('/case-audits/cycles/:id/link', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const b = formBody(req);
    const choice = { indicatorId: String(b.indicatorId ?? ''), actionId: String(b.actionId ?? '') };
    await saveOrShow(req, res, linkPage, 'indicatorId', async () => {
      const { indicator, action } = await linkResult(db, actor, view.cycle.seriesKey, choice, today());
      req.session.flash = {
        text: `“${indicator.name}” is linked to action ${action.reference}: its evidence RAG now reflects the audit results.`,
      };
      res.redirect(`/actions/${action.id}`);
    });
  });
}
