import { composeDateInputs } from '../../lib/date-input.js';
import { z } from 'zod';
import type { Feature } from '../feature.js';
import { isoDate } from '../../api/registry.js';
import { GRADES, GRADE_LABELS, INSPECTION_TYPE_KEYS, type Grade } from '../../lib/frameworks.js';
import { AS_AT_BASES, type AsAtBasis } from '../../lib/national-outcomes.js';
import { outcomesVintage } from './vintage.js';
import { isIsoDate, todayInLondon } from '../../lib/dates.js';
import { toFormErrors } from '../../lib/validation.js';
import { NotFoundError } from '../../lib/errors.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { nationalLatestAt } from './comparators.js';
import { prefillFromNational } from './prefill.js';

const latestQuery = z.object({
  asAt: isoDate('asAt').optional().describe('The date the table is as at (default today)'),
  basis: z
    .enum(AS_AT_BASES, { error: `basis must be one of ${AS_AT_BASES.join(', ')}` })
    .optional()
    .describe(
      'inspected (default, Ofsted’s basis: the latest inspection carried out by asAt) or published (the latest whose report was published by asAt)',
    ),
  overall: z.enum(GRADES, { error: `overall must be one of ${GRADES.join(', ')}` }).optional(),
});

const latestItem = z.object({
  laCode: z.string().nullable().describe('3-digit DfE local authority code'),
  gssCode: z.string(),
  laName: z.string(),
  region: z.string(),
  inspectionDate: z.string(),
  publishedDate: z.string().nullable(),
  type: z.enum(INSPECTION_TYPE_KEYS),
  judgements: z
    .record(z.string(), z.enum(GRADES))
    .describe(
      'Grades by judgement area: "overall" is the overall effectiveness grade, also kept as "overall-effectiveness" for existing clients',
    ),
});
const latestResponse = z.object({
  asAt: z.string(),
  basis: z.enum(AS_AT_BASES),
  counts: z.record(z.enum(GRADES), z.number()).describe('Authorities by overall effectiveness grade'),
  items: z.array(latestItem),
});

const prefilledItem = z.object({
  id: z.string(),
  type: z.enum(INSPECTION_TYPE_KEYS),
  frameworkVersion: z.string(),
  startDate: z.string(),
  publishedDate: z.string().nullable(),
  judgements: z.record(z.string(), z.enum(GRADES)),
});
const prefillResponse = z.object({
  added: z.number().describe('How many inspections and visits were added (0 when the history already has them all)'),
  items: z.array(prefilledItem),
});

const NO_AREA =
  'Your organisation has no local authority code, so Waymark cannot find it in Ofsted’s published outcomes: an admin can set the 3-digit DfE code at /admin/organisation';

export const nationalFeature: Feature = {
  name: 'national',
  web(router, services) {
    router.get('/national', async (req, res) => {
      // The date comes as GOV.UK day, month and year boxes (or asAt=YYYY-MM-DD in a link).
      const typed = composeDateInputs({ ...req.query } as Record<string, unknown>).asAt;
      const raw = typeof typed === 'string' ? typed.trim() : '';
      const asAt = raw && isIsoDate(raw) ? raw : todayInLondon(services.now());
      const errors =
        raw && !isIsoDate(raw) ? toFormErrors([{ path: 'asAt', message: 'As at must be a real date' }]) : undefined;
      const overall =
        typeof req.query.overall === 'string' && (GRADES as readonly string[]).includes(req.query.overall)
          ? req.query.overall
          : '';
      const basis: AsAtBasis = req.query.basis === 'published' ? 'published' : 'inspected';
      const all = await nationalLatestAt(services.db, asAt, basis);
      res.status(errors ? 400 : 200).render('national/views/latest.njk', {
        title: 'National inspection outcomes',
        asAt,
        asAtValues: { ...req.query, asAt },
        errors,
        items: overall ? all.filter((i) => i.judgements['overall-effectiveness'] === overall) : all,
        counts: GRADES.map((g) => ({
          label: GRADE_LABELS[g],
          count: all.filter((i) => i.judgements['overall-effectiveness'] === g).length,
        })),
        overallItems: [
          { value: '', text: 'Any' },
          ...GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g], selected: g === overall })),
        ],
        basis,
        basisItems: [
          {
            value: 'inspected',
            text: 'Inspections carried out by that date (Ofsted’s basis)',
            checked: basis === 'inspected',
          },
          { value: 'published', text: 'Reports published by that date', checked: basis === 'published' },
        ],
        vintage: await outcomesVintage(services.db),
        gradeLabels: GRADE_LABELS,
      });
    });

    // The form is on /inspections ("Ofsted's published record for your authority").
    router.post('/inspections/prefill-from-national', requireRole('editor'), async (req, res) => {
      const { actor } = signedIn(req);
      const result = await services.db.transaction().execute((trx) => prefillFromNational(trx, actor));
      const n = result.added.length;
      if (!result.areaSet) req.session.flash = { type: 'info', text: NO_AREA };
      else if (n)
        req.session.flash = {
          text: `${n} inspection${n === 1 ? ' or visit has' : 's and visits have'} been added to your history from Ofsted’s published outcomes.`,
        };
      else
        req.session.flash = {
          type: 'info',
          text: 'Your history already has every inspection in Ofsted’s published outcomes for your authority: nothing was added.',
        };
      res.redirect('/inspections');
    });
  },
  api(api, services) {
    api.add({
      method: 'get',
      path: '/national/inspections/latest',
      tag: 'National outcomes',
      summary: 'Each current authority’s latest Ofsted judgements as at a date (Ofsted’s published outcomes)',
      query: latestQuery,
      response: latestResponse,
      handler: async ({ query }) => {
        const asAt = query.asAt ?? todayInLondon(services.now());
        const basis = query.basis ?? 'inspected';
        const rows = await nationalLatestAt(services.db, asAt, basis);
        const counts = Object.fromEntries(
          GRADES.map((g) => [g, rows.filter((r) => r.judgements['overall-effectiveness'] === g).length]),
        ) as Record<Grade, number>;
        return {
          asAt,
          basis,
          counts,
          items: rows
            .filter((r) => !query.overall || r.judgements['overall-effectiveness'] === query.overall)
            .map((r) => ({
              laCode: r.laCode,
              gssCode: r.gssCode,
              laName: r.laName,
              region: r.region,
              inspectionDate: r.inspectionDate,
              publishedDate: r.publishedDate,
              type: r.typeKey,
              judgements: { overall: r.judgements['overall-effectiveness'], ...r.judgements },
            })),
        };
      },
    });

    api.add({
      method: 'post',
      path: '/inspections/prefill-from-national',
      tag: 'Inspections',
      summary:
        'Add to your history the inspections in Ofsted’s published outcomes for your authority that it lacks (matched by type and date; running it again adds nothing). 404 when your organisation has no local authority code',
      response: prefillResponse,
      handler: async ({ actor }) => {
        const result = await services.db.transaction().execute((trx) => prefillFromNational(trx, actor));
        if (!result.areaSet) throw new NotFoundError(NO_AREA);
        return {
          added: result.added.length,
          items: result.added.map((i) => ({
            id: i.id,
            type: i.typeKey,
            frameworkVersion: i.frameworkVersionKey,
            startDate: i.startDate,
            publishedDate: i.publishedDate,
            judgements: i.judgements as Record<string, (typeof GRADES)[number]>,
          })),
        };
      },
    });
  },
};
