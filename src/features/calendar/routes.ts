import { dateField } from '../../lib/validation.js';
import type { Router } from 'express';
import { z } from 'zod';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm, toFormErrors } from '../../lib/validation.js';
import { formPage } from '../../lib/forms/form-page.js';
import { isoDate } from '../../api/registry.js';
import { addWorkingDays } from '../../lib/working-days.js';
import { todayInLondon } from '../../lib/dates.js';
import { deleteAudited, getOwned, insertAudited } from '../audit/audit.js';
import { listHolidays, loadHolidays } from './holidays.js';

const holidaySchema = z.object({
  date: dateField('Date').transform((v) => v as string),
  title: z
    .string()
    .trim()
    .min(1, 'Enter the name of the day, like "Bank holiday for the coronation"')
    .max(200, 'Name must be 200 characters or fewer'),
});

function routes(router: Router, services: Services) {
  const { db } = services;
  const admin = requireRole('admin');

  const render = formPage('calendar/views/bank-holidays.njk', 'Bank holidays', async (req) => {
    const from = `${todayInLondon(services.now()).slice(0, 4)}-01-01`;
    return { holidays: await listHolidays(db, signedIn(req).user.organisationId, from) };
  });

  router.get('/admin/bank-holidays', admin, (req, res) => render(req, res));

  router.post('/admin/bank-holidays', admin, async (req, res) => {
    const { user, actor } = signedIn(req);
    const parsed = parseForm(holidaySchema, req.body);
    if (!parsed.ok) return render(req, res, { errors: parsed.errors, values: req.body }, 400);
    const existing = await loadHolidays(db, user.organisationId);
    if (existing.has(parsed.data.date)) {
      return render(
        req,
        res,
        { errors: toFormErrors([{ path: 'date', message: 'That date is already a bank holiday' }]), values: req.body },
        400,
      );
    }
    await db.transaction().execute((trx) => insertAudited(trx, actor, 'bankHolidays', parsed.data));
    req.session.flash = { text: `${parsed.data.title} has been added. Deadlines now skip it.` };
    res.redirect('/admin/bank-holidays');
  });

  router.post('/admin/bank-holidays/:id/delete', admin, async (req, res) => {
    const { user, actor } = signedIn(req);
    // National days have no organisation, so only this organisation's own additions can be found here.
    const day = await getOwned(db, user.organisationId, 'bankHolidays', String(req.params.id));
    await db.transaction().execute((trx) => deleteAudited(trx, actor, 'bankHolidays', day.id));
    req.session.flash = { text: `${day.title} has been removed.` };
    res.redirect('/admin/bank-holidays');
  });
}

export const calendarFeature: Feature = {
  name: 'calendar',
  web: routes,
  api(api, services) {
    api.add({
      method: 'get',
      path: '/working-days/add',
      tag: 'Working days',
      summary:
        'The date N working days after a date (counting from the day after), skipping weekends and bank holidays',
      query: z.object({
        from: isoDate('from'),
        days: z.coerce
          .number({ error: 'days must be a whole number' })
          .int('days must be a whole number')
          .min(-2000)
          .max(2000, 'days must be between -2000 and 2000'),
      }),
      response: z.object({ date: z.string() }),
      handler: async ({ query, user }) => ({
        date: addWorkingDays(query.from, query.days, await loadHolidays(services.db, user.organisationId)),
      }),
    });
  },
};
