import type { Request, Response, Router } from 'express';
import type { Services } from '../../../container.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { parseForm, type FormErrors } from '../../../lib/validation.js';
import { submitForm } from '../../../lib/forms/submit.js';
import { periodLabel } from '../../../lib/periods.js';
import { deleteAudited, loadHistory } from '../../audit/audit.js';
import { correctionSchema, targetSchema } from '../schemas.js';
import { mayEditIndicators, ownedIndicator, ownedTarget, ownedValue } from '../queries.js';
import { addTarget, correctValue } from '../value-service.js';

/** An indicator's targets (add, remove) and each recorded value (view, correct). */
export function valueRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const load = async (req: Request) => {
    const { user, actor } = signedIn(req);
    const indicator = await ownedIndicator(db, user.organisationId, String(req.params.id));
    return { user, actor, indicator };
  };

  const targetForm = (res: Response, indicator: { id: string; name: string }, values: unknown, errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('indicators/views/target-form.njk', {
      title: `Add a target for ${indicator.name}`,
      indicator,
      values,
      errors,
    });

  router.get('/indicators/:id/targets', editor, async (req, res) => {
    const { indicator } = await load(req);
    targetForm(res, indicator, { kind: 'trajectory' });
  });

  router.post('/indicators/:id/targets', editor, async (req, res) => {
    const { actor, indicator } = await load(req);
    return submitForm(req, res, {
      parse: () => parseForm(targetSchema, req.body),
      save: (t) => db.transaction().execute((trx) => addTarget(trx, actor, indicator, t)),
      done: () => ({ flash: 'Target added.', redirect: `/indicators/${indicator.id}#targets` }),
      render: (_status, errors) => targetForm(res, indicator, req.body ?? {}, errors),
      failure: { field: 'period' },
    });
  });

  router.post('/indicators/:id/targets/:targetId/delete', editor, async (req, res) => {
    const { user, actor, indicator } = await load(req);
    const target = await ownedTarget(db, user.organisationId, indicator, String(req.params.targetId));
    await db.transaction().execute((trx) => deleteAudited(trx, actor, 'indicatorTargets', target.id));
    req.session.flash = { text: 'Target removed.' };
    res.redirect(`/indicators/${indicator.id}#targets`);
  });

  const valuePage = async (req: Request) => {
    const { user, actor, indicator } = await load(req);
    const value = await ownedValue(db, user.organisationId, indicator, String(req.params.valueId));
    return {
      actor,
      indicator,
      value,
      model: {
        title: `${indicator.name}, ${periodLabel(value.period)}`,
        indicator,
        value,
        history: await loadHistory(db, user.organisationId, 'indicatorValues', value.id),
        canEdit: mayEditIndicators(user.role),
        periodText: periodLabel(value.period),
      },
    };
  };

  router.get('/indicators/:id/values/:valueId', async (req, res) => {
    const { value, model } = await valuePage(req);
    res.render('indicators/views/value.njk', {
      ...model,
      values: { value: value.value ?? '', note: '', version: value.version },
    });
  });

  router.post('/indicators/:id/values/:valueId', editor, async (req, res) => {
    const { actor, indicator, value, model } = await valuePage(req);
    return submitForm(req, res, {
      parse: () => parseForm(correctionSchema, req.body),
      save: (input) => db.transaction().execute((trx) => correctValue(trx, actor, indicator, value, input)),
      done: () => ({
        flash: `${periodLabel(value.period)} corrected. The previous value is kept in the history.`,
        redirect: `/indicators/${indicator.id}/values/${value.id}`,
      }),
      render: (status, errors) =>
        res.status(status).render('indicators/views/value.njk', { ...model, values: req.body ?? {}, errors }),
      failure: { field: 'value' },
    });
  });
}
