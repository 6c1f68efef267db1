import type { Request, Response, Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { multipartForm } from '../../middleware/csrf.js';
import { parseForm, toFormErrors } from '../../lib/validation.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { deleteAudited, getOwned, insertAudited, loadHistory, updateAudited } from '../audit/audit.js';
import { isPeriod, lastCompletePeriod, parsePeriod, periodKindOf, periodLabel } from '../../lib/periods.js';
import { todayInLondon } from '../../lib/dates.js';
import { percentWithCount } from '../../lib/percent-count.js';
import { unitError } from '../../lib/indicator-values.js';
import { readTypedValue } from '../../lib/indicator-counts.js';
import { readIndicatorSheet, type IndicatorMeta } from '../../lib/indicator-import.js';
import { NATIONAL_MEASURES } from '../benchmarks/measures.js';
import { correctionSchema, editIndicatorSchema, newIndicatorSchema, targetSchema } from './schemas.js';
import { createIndicator, listIndicators, recordValues, updateIndicator, type Indicator } from './service.js';
import { buildScorecard } from './scorecard.js';
import { statusOf } from './status.js';
import {
  benchmarkModel,
  rankedItems,
  chartRows,
  detailFlags,
  detailTrend,
  FREQUENCY_LABELS,
  POLARITY_LABELS,
  rankingChart,
  seriesChart,
  toCsv,
  UNIT_LABELS,
} from './detail.js';
import { readUploadedSheet } from './import-file.js';
import { loadCurrentVsPublished } from './current-vs-published.js';
import { receiveUpload } from '../uploads/receive.js';
import { uploadLimits, type UploadLimits } from '../../lib/upload-limits.js';
import { uploadSettings } from '../../config.js';
import { indicatorsApi } from './api.js';
import type { StagedImportRow } from './tables.js';

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

async function ownedIndicator(services: Services, req: Request): Promise<Indicator> {
  const { user } = signedIn(req);
  return getOwned(services.db, user.organisationId, 'indicators', String(req.params.id));
}

/** One row of the entry grid as posted: `v[<indicator id>][value]` and so on. */
interface PostedRow {
  value?: string;
  numerator?: string;
  denominator?: string;
  note?: string;
}

function routes(router: Router, services: Services) {
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

  router.get('/indicators/new', editor, (_req, res) => {
    res.render('indicators/views/indicator-form.njk', {
      title: 'Add an indicator',
      isNew: true,
      ...formModel({ frequency: 'monthly', tolerance: '0' }),
    });
  });

  router.post('/indicators/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const parsed = parseForm(newIndicatorSchema, req.body);
    const rerender = (errors: unknown) =>
      res.status(400).render('indicators/views/indicator-form.njk', {
        title: 'Add an indicator',
        isNew: true,
        ...formModel(req.body ?? {}),
        errors,
      });
    if (!parsed.ok) return rerender(parsed.errors);
    try {
      const created = await db.transaction().execute((trx) => createIndicator(trx, actor, parsed.data));
      req.session.flash = { text: `${created.name} has been added to the library.` };
      res.redirect(`/indicators/${created.id}`);
    } catch (err) {
      if (err instanceof AppError && err.details.length) return rerender(toFormErrors(err.details));
      throw err;
    }
  });

  // Monthly (or quarterly, or annual) values for every indicator of that frequency, on one page.
  router.get('/indicators/entry', editor, async (req, res) => {
    const { user } = signedIn(req);
    const requested = typeof req.query.period === 'string' ? req.query.period.trim() : '';
    const period =
      requested && isPeriod(requested) ? requested : lastCompletePeriod('month', todayInLondon(services.now()));
    const errors =
      requested && !isPeriod(requested)
        ? toFormErrors([
            {
              path: 'period',
              message: 'Period must be a month like 2024-03, a quarter like 2024-Q1 or a year like 2024',
            },
          ])
        : undefined;
    res.status(errors ? 400 : 200).render('indicators/views/entry.njk', {
      title: 'Enter values',
      ...(await gridModel(user.organisationId, period)),
      requested: requested || period,
      errors,
    });
  });

  async function gridModel(organisationId: string, period: string, posted?: Record<string, PostedRow>) {
    const kind = parsePeriod(period)!.kind;
    const all = await listIndicators(db, organisationId);
    const indicators = all.filter((i) => periodKindOf(i.frequency) === kind);
    const existing = indicators.length
      ? await db
          .selectFrom('indicatorValues')
          .select(['indicatorId', 'value', 'numerator', 'denominator', 'note'])
          .where('organisationId', '=', organisationId)
          .where('period', '=', period)
          .where(
            'indicatorId',
            'in',
            indicators.map((i) => i.id),
          )
          .execute()
      : [];
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

  router.post('/indicators/entry', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const period = String(req.body?.period ?? '').trim();
    if (!isPeriod(period)) {
      return res.status(400).render('indicators/views/entry.njk', {
        title: 'Enter values',
        ...(await gridModel(user.organisationId, lastCompletePeriod('month', todayInLondon(services.now())))),
        requested: period,
        errors: toFormErrors([
          {
            path: 'period',
            message: 'Period must be a month like 2024-03, a quarter like 2024-Q1 or a year like 2024',
          },
        ]),
      });
    }
    const posted = (req.body?.v ?? {}) as Record<string, PostedRow>;
    const model = await gridModel(user.organisationId, period, posted);
    const details: { path: string; message: string }[] = [];
    const writes: {
      indicator: Indicator;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      note: string;
    }[] = [];
    for (const row of model.rows) {
      // Counts are offered only beside a percentage; anything posted for another unit is not read.
      const cells = {
        value: String(row.value ?? '').trim(),
        numerator: row.withCounts ? String(row.numerator ?? '').trim() : '',
        denominator: row.withCounts ? String(row.denominator ?? '').trim() : '',
      };
      if (!cells.value && !cells.numerator && !cells.denominator) continue;
      const read = readTypedValue(row.indicator.unit, cells);
      if (!read.ok) {
        for (const p of read.problems)
          details.push({ path: `v-${row.indicator.id}-${p.field}`, message: `${row.indicator.name}: ${p.message}` });
        continue;
      }
      writes.push({
        indicator: row.indicator,
        value: read.value,
        numerator: read.numerator,
        denominator: read.denominator,
        note: String(row.note ?? '').trim() || (read.suppressed ? `Suppressed (${read.suppressed})` : ''),
      });
    }
    if (details.length) {
      const errors = toFormErrors(details);
      errors.fields = Object.fromEntries(details.map((d) => [d.path, { text: d.message }]));
      return res
        .status(400)
        .render('indicators/views/entry.njk', { title: 'Enter values', ...model, requested: period, errors });
    }
    let counts = { created: 0, corrected: 0, unchanged: 0 };
    await db.transaction().execute(async (trx) => {
      for (const w of writes) {
        const { indicator, ...value } = w;
        const c = await recordValues(trx, actor, indicator, [{ period, ...value }], 'manual');
        counts = {
          created: counts.created + c.created,
          corrected: counts.corrected + c.corrected,
          unchanged: counts.unchanged + c.unchanged,
        };
      }
    });
    req.session.flash = {
      text: `Values for ${periodLabel(period)} saved: ${counts.created} new, ${counts.corrected} corrected, ${counts.unchanged} unchanged.`,
    };
    res.redirect(`/indicators/entry?period=${encodeURIComponent(period)}`);
  });

  const importPage = (res: Response, errors?: unknown, status = 200) =>
    res.status(status).render('indicators/views/import.njk', {
      title: 'Import indicator values',
      errors,
      limitMb: Math.round(uploadLimits('indicator-import', uploadSettings(services.config)).maxBytes / 1024 / 1024),
    });

  router.get('/indicators/import', editor, async (req, res) => {
    const { user } = signedIn(req);
    const recent = await db
      .selectFrom('indicatorImports')
      .select(['id', 'filename', 'layout', 'status', 'createdAt'])
      .where('organisationId', '=', user.organisationId)
      .orderBy('createdAt', 'desc')
      .limit(10)
      .execute();
    res.render('indicators/views/import.njk', {
      title: 'Import indicator values',
      recent,
      limitMb: Math.round(uploadLimits('indicator-import', uploadSettings(services.config)).maxBytes / 1024 / 1024),
    });
  });

  router.post(
    '/indicators/import',
    editor,
    multipartForm((req, res) => receiveUpload(req, res, services.config, 'indicator-import', { field: 'file' })),
    async (req, res) => {
      const { user, actor } = signedIn(req);
      const { limits, refused } = req.upload as { limits: UploadLimits; refused?: AppError };
      if (refused) return importPage(res, toFormErrors([{ path: 'file', message: refused.message }]), refused.status);
      const file = req.file;
      if (!file || !file.size)
        return importPage(res, toFormErrors([{ path: 'file', message: 'Select a .csv or .xlsx file' }]), 400);
      let sheet: unknown[][];
      try {
        sheet = await readUploadedSheet(file.originalname, file.buffer, limits);
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return importPage(
            res,
            toFormErrors(err.details.length ? err.details : [{ path: 'file', message: err.message }]),
            err.status === 422 ? 422 : 400,
          );
        throw err;
      }
      const indicators = await listIndicators(db, user.organisationId);
      const meta: IndicatorMeta = new Map(
        indicators.map((i) => [i.key, { unit: i.unit, kind: periodKindOf(i.frequency), name: i.name }]),
      );
      const result = readIndicatorSheet(sheet, meta);
      // Without a heading row there is nothing to preview: say so on the form rather than stage an empty import.
      if (result.layout === 'unknown')
        return importPage(
          res,
          toFormErrors(result.errors.slice(0, 1).map((e) => ({ path: 'file', message: e.message }))),
          400,
        );
      const created = await db.transaction().execute((trx) =>
        insertAudited(trx, actor, 'indicatorImports', {
          filename: file.originalname.slice(0, 200),
          layout: result.layout,
          status: 'pending',
          rows: JSON.stringify(result.rows),
          errors: JSON.stringify(result.errors.slice(0, 500)),
        }),
      );
      res.redirect(`/indicators/import/${created.id}`);
    },
  );

  router.get('/indicators/import/:id', editor, async (req, res) => {
    const { user } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'indicatorImports', String(req.params.id));
    const rows = imp.rows as StagedImportRow[];
    const indicators = await listIndicators(db, user.organisationId);
    const names = new Map(indicators.map((i) => [i.key, i.name]));
    res.render('indicators/views/import-preview.njk', {
      title: 'Check the import',
      imp,
      rows: rows.slice(0, 500).map((r) => ({
        ...r,
        periodText: periodLabel(r.period),
        valueText:
          r.value === null
            ? 'No value'
            : r.numerator !== undefined
              ? percentWithCount(r.value, r.numerator, r.denominator)
              : r.value.toLocaleString('en-GB', { maximumFractionDigits: 2 }),
      })),
      total: rows.length,
      names: Object.fromEntries(names),
      errors: (imp.errors as unknown[]).length ? imp.errors : null,
      problems: imp.errors,
    });
  });

  router.post('/indicators/import/:id', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const imp = await getOwned(db, user.organisationId, 'indicatorImports', String(req.params.id));
    if (imp.status !== 'pending' || (imp.errors as unknown[]).length) {
      req.session.flash = {
        text:
          imp.status === 'committed'
            ? 'This import has already been saved.'
            : 'This import has errors: correct the file and upload it again.',
      };
      return res.redirect(`/indicators/import/${imp.id}`);
    }
    const rows = imp.rows as StagedImportRow[];
    const counts = await db.transaction().execute(async (trx) => {
      const indicators = await listIndicators(trx, user.organisationId);
      const byKey = new Map(indicators.map((i) => [i.key, i]));
      const totals = { created: 0, corrected: 0, unchanged: 0 };
      const grouped = new Map<string, StagedImportRow[]>();
      for (const r of rows) grouped.set(r.key, [...(grouped.get(r.key) ?? []), r]);
      for (const [key, list] of grouped) {
        const indicator = byKey.get(key);
        if (!indicator) throw new NotFoundError(`The indicator ${key} is no longer in the library`);
        const c = await recordValues(
          trx,
          actor,
          indicator,
          list.map((r) => ({
            period: r.period,
            value: r.value,
            numerator: r.numerator ?? null,
            denominator: r.denominator ?? null,
            note: r.note,
            provenance: { import: imp.id, file: imp.filename, row: r.row, column: r.column },
          })),
          'import',
        );
        totals.created += c.created;
        totals.corrected += c.corrected;
        totals.unchanged += c.unchanged;
      }
      await updateAudited(trx, actor, 'indicatorImports', imp.id, { status: 'committed' }, imp.version);
      return totals;
    });
    req.session.flash = {
      text: `Import saved: ${counts.created} new values, ${counts.corrected} corrected, ${counts.unchanged} unchanged.`,
    };
    res.redirect('/indicators');
  });

  router.get('/indicators/:id', async (req, res) => {
    const { user } = signedIn(req);
    const indicator = await ownedIndicator(services, req);
    const { rows, points, targets } = await chartRows(db, user.organisationId, indicator);
    const year = Number(req.query.year) || null;
    const bench = await benchmarkModel(db, user.organisationId, indicator, points, year);
    const org = await db
      .selectFrom('organisations')
      .select(['name', 'laCode', 'region'])
      .where('id', '=', user.organisationId)
      .executeTakeFirstOrThrow();
    res.render('indicators/views/indicator.njk', {
      title: indicator.name,
      indicator,
      labels: {
        unit: UNIT_LABELS[indicator.unit],
        polarity: POLARITY_LABELS[indicator.polarity],
        frequency: FREQUENCY_LABELS[indicator.frequency],
      },
      measure: NATIONAL_MEASURES.find((m) => m.key === indicator.nationalMeasure),
      rows: [...rows].reverse(),
      targets,
      chart: seriesChart(indicator, rows.slice(-36), org.name, org.region),
      bench,
      current: await loadCurrentVsPublished(db, user.organisationId, indicator, points),
      ranking: bench ? rankingChart(indicator, bench.summary, org.name, Boolean(org.laCode)) : null,
      rankingItems: bench ? rankedItems(bench.summary.items, indicator.polarity) : [],
      yearItems: bench
        ? bench.years.map((y) => ({
            value: String(y),
            text: `Year ending 31 March ${y}`,
            selected: y === bench.summary.year,
          }))
        : [],
      flags: detailFlags(indicator, points, services.now()),
      trend: detailTrend(indicator, points),
      status: statusOf(indicator, points, todayInLondon(services.now())),
      orgName: org.name,
      canEdit: ['admin', 'editor'].includes(user.role),
    });
  });

  router.get('/indicators/:id/series.csv', async (req, res) => {
    const { user } = signedIn(req);
    const indicator = await ownedIndicator(services, req);
    const { rows } = await chartRows(db, user.organisationId, indicator);
    res.type('text/csv').attachment(`${indicator.key}-series.csv`);
    res.send(
      toCsv(
        ['period', 'value', 'target', 'rag', 'england', 'region', 'statistical_neighbours'],
        rows.map((r) => [r.period, r.value, r.target, r.rag, r.england, r.region, r.neighbours]),
      ),
    );
  });

  router.get('/indicators/:id/ranking.csv', async (req, res) => {
    const { user } = signedIn(req);
    const indicator = await ownedIndicator(services, req);
    const { points } = await chartRows(db, user.organisationId, indicator);
    const bench = await benchmarkModel(db, user.organisationId, indicator, points, Number(req.query.year) || null);
    if (!bench) throw new NotFoundError('This indicator has no national benchmark');
    res.type('text/csv').attachment(`${indicator.key}-${bench.summary.year}-all-authorities.csv`);
    res.send(
      toCsv(
        ['la_code', 'la_name', 'year', 'value', 'suppression', 'statistical_neighbour'],
        bench.summary.items.map((i) => [
          i.laCode,
          i.laName,
          bench.summary.year,
          i.value,
          i.suppression,
          i.neighbour ? 'yes' : 'no',
        ]),
      ),
    );
  });

  router.get('/indicators/:id/edit', editor, async (req, res) => {
    const indicator = await ownedIndicator(services, req);
    res.render('indicators/views/indicator-form.njk', {
      title: `Edit ${indicator.name}`,
      indicator,
      ...formModel({ ...indicator, tolerance: String(indicator.tolerance) }),
    });
  });

  router.post('/indicators/:id/edit', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const indicator = await ownedIndicator(services, req);
    const parsed = parseForm(editIndicatorSchema, req.body);
    const rerender = (errors: unknown, status = 400) =>
      res.status(status).render('indicators/views/indicator-form.njk', {
        title: `Edit ${indicator.name}`,
        indicator,
        ...formModel({ ...req.body, key: indicator.key }),
        errors,
      });
    if (!parsed.ok) return rerender(parsed.errors);
    const { version, ...input } = parsed.data;
    try {
      await db.transaction().execute((trx) => updateIndicator(trx, actor, indicator, input, version));
    } catch (err) {
      if (err instanceof AppError && err.status === 409)
        return rerender(toFormErrors([{ path: 'name', message: err.message }]), 409);
      throw err;
    }
    req.session.flash = { text: `${input.name} has been updated.` };
    res.redirect(`/indicators/${indicator.id}`);
  });

  router.get('/indicators/:id/targets', editor, async (req, res) => {
    const indicator = await ownedIndicator(services, req);
    res.render('indicators/views/target-form.njk', {
      title: `Add a target for ${indicator.name}`,
      indicator,
      values: { kind: 'trajectory' },
    });
  });

  router.post('/indicators/:id/targets', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const indicator = await ownedIndicator(services, req);
    const parsed = parseForm(targetSchema, req.body);
    const rerender = (details: { path: string; message: string }[] | null, errors?: unknown) =>
      res.status(400).render('indicators/views/target-form.njk', {
        title: `Add a target for ${indicator.name}`,
        indicator,
        values: req.body ?? {},
        errors: errors ?? toFormErrors(details!),
      });
    if (!parsed.ok) return rerender(null, parsed.errors);
    const kind = periodKindOf(indicator.frequency);
    const t = parsed.data;
    const periods =
      t.kind === 'period'
        ? [['period', t.period]]
        : [
            ['startPeriod', t.startPeriod],
            ['endPeriod', t.endPeriod],
          ];
    const wrong = periods
      .filter(([, p]) => parsePeriod(p)!.kind !== kind)
      .map(([path, p]) => ({ path, message: `${p} is not a ${kind}: this indicator is ${indicator.frequency}` }));
    if (wrong.length) return rerender(wrong);
    if (t.kind === 'trajectory' && t.endPeriod <= t.startPeriod)
      return rerender([{ path: 'endPeriod', message: 'End period must be after the start period' }]);
    const values = [t.kind === 'period' ? t.value : t.startValue, t.kind === 'trajectory' ? t.endValue : null].filter(
      (v): v is number => v !== null,
    );
    const bad = values.map((v) => unitError(v, indicator.unit)).find(Boolean);
    if (bad) return rerender([{ path: t.kind === 'period' ? 'value' : 'startValue', message: `Target ${bad}` }]);
    await db.transaction().execute((trx) =>
      insertAudited(
        trx,
        actor,
        'indicatorTargets',
        t.kind === 'period'
          ? { indicatorId: indicator.id, kind: 'period', period: t.period, value: t.value }
          : {
              indicatorId: indicator.id,
              kind: 'trajectory',
              startPeriod: t.startPeriod,
              startValue: t.startValue,
              endPeriod: t.endPeriod,
              endValue: t.endValue,
            },
      ),
    );
    req.session.flash = { text: 'Target added.' };
    res.redirect(`/indicators/${indicator.id}#targets`);
  });

  router.post('/indicators/:id/targets/:targetId/delete', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const indicator = await ownedIndicator(services, req);
    const target = await getOwned(db, user.organisationId, 'indicatorTargets', String(req.params.targetId));
    if (target.indicatorId !== indicator.id) throw new NotFoundError();
    await db.transaction().execute((trx) => deleteAudited(trx, actor, 'indicatorTargets', target.id));
    req.session.flash = { text: 'Target removed.' };
    res.redirect(`/indicators/${indicator.id}#targets`);
  });

  router.get('/indicators/:id/values/:valueId', async (req, res) => {
    const { user } = signedIn(req);
    const indicator = await ownedIndicator(services, req);
    const value = await getOwned(db, user.organisationId, 'indicatorValues', String(req.params.valueId));
    if (value.indicatorId !== indicator.id) throw new NotFoundError();
    res.render('indicators/views/value.njk', {
      title: `${indicator.name}, ${periodLabel(value.period)}`,
      indicator,
      value,
      values: { value: value.value ?? '', note: '', version: value.version },
      history: await loadHistory(db, user.organisationId, 'indicatorValues', value.id),
      canEdit: ['admin', 'editor'].includes(user.role),
      periodText: periodLabel(value.period),
    });
  });

  router.post('/indicators/:id/values/:valueId', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const indicator = await ownedIndicator(services, req);
    const value = await getOwned(db, user.organisationId, 'indicatorValues', String(req.params.valueId));
    if (value.indicatorId !== indicator.id) throw new NotFoundError();
    const rerender = async (errors: unknown, status = 400) =>
      res.status(status).render('indicators/views/value.njk', {
        title: `${indicator.name}, ${periodLabel(value.period)}`,
        indicator,
        value,
        values: req.body ?? {},
        history: await loadHistory(db, user.organisationId, 'indicatorValues', value.id),
        canEdit: true,
        periodText: periodLabel(value.period),
        errors,
      });
    const parsed = parseForm(correctionSchema, req.body);
    if (!parsed.ok) return rerender(parsed.errors);
    const ue = parsed.data.value !== null ? unitError(parsed.data.value, indicator.unit) : null;
    if (ue) return rerender(toFormErrors([{ path: 'value', message: `Value ${ue}` }]));
    try {
      await db
        .transaction()
        .execute((trx) =>
          updateAudited(
            trx,
            actor,
            'indicatorValues',
            value.id,
            { value: parsed.data.value, note: parsed.data.note, source: 'manual', recordedBy: actor.label },
            parsed.data.version,
          ),
        );
    } catch (err) {
      if (err instanceof AppError && err.status === 409)
        return rerender(toFormErrors([{ path: 'value', message: err.message }]), 409);
      throw err;
    }
    req.session.flash = { text: `${periodLabel(value.period)} corrected. The previous value is kept in the history.` };
    res.redirect(`/indicators/${indicator.id}/values/${value.id}`);
  });
}

export const indicatorsFeature: Feature = {
  name: 'indicators',
  nav: [{ text: 'Performance', href: '/indicators' }],
  web: routes,
  api: indicatorsApi,
  async homeCards(services, user) {
    const { rows } = await buildScorecard(services.db, user.organisationId, services.now());
    if (!rows.length) return [];
    // An out-of-date indicator is counted as out of date, never by the colour of its old value (issue 15).
    const stale = rows.filter((r) => r.status.currency.state === 'out-of-date').length;
    const red = rows.filter((r) => r.status.rag === 'red' && r.status.currency.state === 'current').length;
    return [
      {
        title: 'Performance indicators',
        href: '/indicators',
        value: `${red} red`,
        text: `of ${rows.length} indicators; ${stale} out of date; ${rows.filter((r) => r.flags.length).length} with data-quality flags`,
      },
    ];
  },
};
