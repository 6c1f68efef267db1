import type { Request, Response, Router } from 'express';
import type { Services } from '../../../container.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { parseForm, type FormErrors } from '../../../lib/validation.js';
import { submitForm } from '../../../lib/forms/submit.js';
import { NATIONAL_MEASURES } from '../../benchmarks/measures.js';
import { editIndicatorSchema, newIndicatorSchema } from '../schemas.js';
import { createIndicator, updateIndicator } from '../service.js';
import { buildScorecard } from '../scorecard.js';
import { FREQUENCY_LABELS, POLARITY_LABELS, UNIT_LABELS } from '../detail.js';
import { ownedIndicator } from '../queries.js';

const choice = <T extends string>(labels: Record<T, string>, selected?: string) =>
  (Object.keys(labels) as T[]).map((value) => ({ value, text: labels[value], checked: value === selected }));
const measureItems = (selected?: string | null) => [
  { value: '', text: 'None (local measure)' },
  ...NATIONAL_MEASURES.map((m) => ({ value: m.key, text: m.label, selected: m.key === selected })),
];

function formModel(values: Record<string, unknown>) {
  return {
    values,
    unitItems: choice(UNIT_LABELS, values.unit as string),
    polarityItems: choice(POLARITY_LABELS, values.polarity as string),
    frequencyItems: choice(FREQUENCY_LABELS, values.frequency as string),
    measureItems: measureItems(values.nationalMeasure as string),
  };
}

const indicatorOf = (services: Services, req: Request) =>
  ownedIndicator(services.db, signedIn(req).user.organisationId, String(req.params.id));

/** The scorecard, and the library's own indicators: add one, change one. */
export function libraryRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/indicators', async (req, res) => {
    const { user } = signedIn(req);
    const theme = typeof req.query.theme === 'string' && req.query.theme ? req.query.theme : undefined;
    const { rows, themes, comparators } = await buildScorecard(db, user.organisationId, services.now(), theme);
    res.render('indicators/views/scorecard.njk', {
      title: 'Performance scorecard',
      rows,
      theme,
      comparators,
      themeItems: [
        { value: '', text: 'All themes' },
        ...themes.map((t) => ({ value: t, text: t, selected: t === theme })),
      ],
      flagged: rows.filter((r) => r.flags.length).length,
    });
  });

  const newForm = (res: Response, values: Record<string, unknown>, status = 200, errors?: FormErrors) =>
    res.status(status).render('indicators/views/indicator-form.njk', {
      title: 'Add an indicator',
      isNew: true,
      ...formModel(values),
      errors,
    });

  router.get('/indicators/new', editor, (_req, res) => newForm(res, { frequency: 'monthly', tolerance: '0' }));

  router.post('/indicators/new', editor, (req, res) => {
    const { actor } = signedIn(req);
    return submitForm(req, res, {
      parse: () => parseForm(newIndicatorSchema, req.body),
      save: (input) => db.transaction().execute((trx) => createIndicator(trx, actor, input)),
      done: (created) => ({
        flash: `${created.name} has been added to the library.`,
        redirect: `/indicators/${created.id}`,
      }),
      render: (status, errors) => newForm(res, req.body ?? {}, status, errors),
      failure: { field: 'key' },
    });
  });

  router.get('/indicators/:id/edit', editor, async (req, res) => {
    const indicator = await indicatorOf(services, req);
    res.render('indicators/views/indicator-form.njk', {
      title: `Edit ${indicator.name}`,
      indicator,
      ...formModel({ ...indicator, tolerance: String(indicator.tolerance) }),
    });
  });

  router.post('/indicators/:id/edit', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const indicator = await indicatorOf(services, req);
    return submitForm(req, res, {
      parse: () => parseForm(editIndicatorSchema, req.body),
      save: ({ version, ...input }) =>
        db.transaction().execute((trx) => updateIndicator(trx, actor, indicator, input, version)),
      done: (saved) => ({ flash: `${saved.name} has been updated.`, redirect: `/indicators/${indicator.id}` }),
      render: (status, errors) =>
        res.status(status).render('indicators/views/indicator-form.njk', {
          title: `Edit ${indicator.name}`,
          indicator,
          ...formModel({ ...req.body, key: indicator.key }),
          errors,
        }),
      // A stale edit is said against the name, the first field.
      failure: { field: 'name' },
    });
  });
}
