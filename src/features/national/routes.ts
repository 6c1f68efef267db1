import { z } from 'zod';
import type { Feature } from '../feature.js';
import { isoDate, listOf } from '../../api/registry.js';
import { GRADES, GRADE_LABELS, INSPECTION_TYPE_KEYS } from '../../lib/frameworks.js';
import { isIsoDate, todayInLondon } from '../../lib/dates.js';
import { toFormErrors } from '../../lib/validation.js';
import { nationalLatestAt } from './comparators.js';

const latestQuery = z.object({
  asAt: isoDate('asAt').optional().describe('Judgements published up to this date (default today)'),
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
  judgements: z.record(z.string(), z.enum(GRADES)),
});

export const nationalFeature: Feature = {
  name: 'national',
  web(router, services) {
    router.get('/national', async (req, res) => {
      const raw = typeof req.query.asAt === 'string' ? req.query.asAt.trim() : '';
      const asAt = raw && isIsoDate(raw) ? raw : todayInLondon(services.now());
      const errors = raw && !isIsoDate(raw) ? toFormErrors([{ path: 'asAt', message: 'As at must be a real date in the format YYYY-MM-DD' }]) : undefined;
      const overall = typeof req.query.overall === 'string' && (GRADES as readonly string[]).includes(req.query.overall) ? req.query.overall : '';
      const all = await nationalLatestAt(services.db, asAt);
      res.status(errors ? 400 : 200).render('national/views/latest.njk', {
        title: 'National inspection outcomes',
        asAt: raw || asAt,
        errors,
        items: overall ? all.filter((i) => i.judgements['overall-effectiveness'] === overall) : all,
        counts: GRADES.map((g) => ({ label: GRADE_LABELS[g], count: all.filter((i) => i.judgements['overall-effectiveness'] === g).length })),
        overallItems: [{ value: '', text: 'Any' }, ...GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g], selected: g === overall }))],
        gradeLabels: GRADE_LABELS,
      });
    });
  },
  api(api, services) {
    api.add({
      method: 'get',
      path: '/national/inspections/latest',
      tag: 'National outcomes',
      summary: 'Each current authority’s latest Ofsted judgements as at a date (Ofsted’s published outcomes)',
      query: latestQuery,
      response: listOf(latestItem),
      handler: async ({ query }) => {
        const asAt = query.asAt ?? todayInLondon(services.now());
        const rows = await nationalLatestAt(services.db, asAt);
        return {
          items: rows
            .filter((r) => !query.overall || r.judgements['overall-effectiveness'] === query.overall)
            .map((r) => ({ laCode: r.laCode, gssCode: r.gssCode, laName: r.laName, region: r.region, inspectionDate: r.inspectionDate, publishedDate: r.publishedDate, type: r.typeKey, judgements: r.judgements })),
        };
      },
    });
  },
};
