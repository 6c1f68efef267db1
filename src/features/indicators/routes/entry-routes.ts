import type { Router } from 'express';
import type { Services } from '../../../container.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { toFormErrors } from '../../../lib/validation.js';
import { isPeriod, lastCompletePeriod, parsePeriod, periodKindOf, periodLabel } from '../../../lib/periods.js';
import { todayInLondon } from '../../../lib/dates.js';
import { listIndicators } from '../service.js';
import { UNIT_LABELS } from '../detail.js';
import { periodValues } from '../queries.js';
import { readGrid, saveGrid } from '../value-service.js';

/** One row of the entry grid as posted: `v[<indicator id>][value]` and so on. */
interface PostedRow {
  value?: string;
  numerator?: string;
  denominator?: string;
  note?: string;
}

const PERIOD_ERROR = toFormErrors([
  { path: 'period', message: 'Period must be a month like 2024-03, a quarter like 2024-Q1 or a year like 2024' },
]);

/** Monthly (or quarterly, or annual) values for every indicator of that frequency, on one page. */
export function entryRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const lastMonth = () => lastCompletePeriod('month', todayInLondon(services.now()));

  async function gridModel(organisationId: string, period: string, posted?: Record<string, PostedRow>) {
    const kind = parsePeriod(period)!.kind;
    const indicators = (await listIndicators(db, organisationId)).filter((i) => periodKindOf(i.frequency) === kind);
    const existing = await periodValues(
      db,
      organisationId,
      period,
      indicators.map((i) => i.id),
    );
    const by = new Map(existing.map((e) => [e.indicatorId, e]));
    return {
      period,
      periodLabel: periodLabel(period),
      rows: indicators.map((i) => {
        const stored = by.get(i.id);
        const typed = (field: keyof PostedRow) => (posted ? (posted[i.id]?.[field] ?? '') : (stored?.[field] ?? ''));
        return {
          indicator: i,
          unitLabel: UNIT_LABELS[i.unit],
          value: typed('value'),
          numerator: typed('numerator'),
          denominator: typed('denominator'),
          note: typed('note'),
          recorded: Boolean(stored),
          withCounts: i.unit === 'percent',
        };
      }),
    };
  }

  router.get('/indicators/entry', editor, async (req, res) => {
    const { user } = signedIn(req);
    const requested = typeof req.query.period === 'string' ? req.query.period.trim() : '';
    const period = requested && isPeriod(requested) ? requested : lastMonth();
    const errors = requested && !isPeriod(requested) ? PERIOD_ERROR : undefined;
    res.status(errors ? 400 : 200).render('indicators/views/entry.njk', {
      title: 'Enter values',
      ...(await gridModel(user.organisationId, period)),
      requested: requested || period,
      errors,
    });
  });

  router.post('/indicators/entry', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const period = String(req.body?.period ?? '').trim();
    if (!isPeriod(period)) {
      return res.status(400).render('indicators/views/entry.njk', {
        title: 'Enter values',
        ...(await gridModel(user.organisationId, lastMonth())),
        requested: period,
        errors: PERIOD_ERROR,
      });
    }
    const model = await gridModel(user.organisationId, period, (req.body?.v ?? {}) as Record<string, PostedRow>);
    const { details, writes } = readGrid(model.rows);
    if (details.length) {
      return res.status(400).render('indicators/views/entry.njk', {
        title: 'Enter values',
        ...model,
        requested: period,
        errors: toFormErrors(details),
      });
    }
    const counts = await db.transaction().execute((trx) => saveGrid(trx, actor, period, writes));
    req.session.flash = {
      text: `Values for ${periodLabel(period)} saved: ${counts.created} new, ${counts.corrected} corrected, ${counts.unchanged} unchanged.`,
    };
    res.redirect(`/indicators/entry?period=${encodeURIComponent(period)}`);
  });
}
