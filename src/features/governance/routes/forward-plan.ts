import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Services } from '../../../container.js';
import type { Database } from '../../../db/schema.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { formatGovukDate, todayInLondon } from '../../../lib/dates.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { getOwned } from '../../audit/audit.js';
import { LABELS, items } from '../labels.js';
import { forwardPlanSchema } from '../schemas.js';
import * as svc from '../service.js';
import { formRoute, T } from './form.js';
import { editsGovernance, history, userItems, version } from './common.js';

const forwardDefs = async (db: Kysely<Database>, orgId: string): Promise<FieldDef[]> => [
  {
    kind: 'select',
    name: 'bodyId',
    label: 'Body',
    items: (await svc.listBodies(db, orgId)).map((b) => ({ value: b.id, text: b.name })),
  },
  {
    kind: 'input',
    name: 'title',
    label: 'Report',
    hint: 'For example, Regular update on the improvement plan, including target monitoring',
  },
  { kind: 'textarea', name: 'description', label: 'Description (optional)', rows: 3 },
  { kind: 'select', name: 'ownerId', label: 'Owner (optional)', items: await userItems(db, orgId) },
  { kind: 'radios', name: 'recurrence', label: 'How often', items: items(LABELS.recurrence) },
  {
    kind: 'date',
    name: 'dueDate',
    label: 'Due date',
    hint: 'For a recurring report, the next one due. For example, 21 1 2026',
  },
];

/** The forward plan: reports each body expects, one-off or recurring, and marking one delivered. */
export function forwardPlanRoutes(router: Router, services: Services): void {
  const { db } = services;
  const today = () => todayInLondon(services.now());

  router.get('/governance/forward-plan', async (req, res) => {
    const { user } = signedIn(req);
    const t = today();
    const forward = (await svc.listForwardPlan(db, user.organisationId)).map((f) => ({ ...f, overdue: f.dueDate < t }));
    res.render(`${T}forward-plan.njk`, {
      title: 'Forward plan',
      forward,
      labels: LABELS,
      canEdit: editsGovernance(req),
    });
  });

  formRoute(router, {
    path: '/governance/forward-plan/new',
    role: 'editor',
    load: async () => null,
    page: () => ({ title: 'Add to the forward plan', back: '/governance/forward-plan', submitText: 'Add report' }),
    defs: (_none, { user }) => forwardDefs(db, user.organisationId),
    values: (_none, { req }) => ({ bodyId: req.query.bodyId }),
    schema: forwardPlanSchema,
    save: (data, _none, { actor }) => svc.createForwardPlanItem(db, actor, data),
    done: (f) => ({ flash: `“${f.title}” has been added to the forward plan.`, redirect: '/governance/forward-plan' }),
  });

  formRoute(router, {
    path: '/governance/forward-plan/:id',
    role: 'editor',
    load: ({ req, user }) => getOwned(db, user.organisationId, 'forwardPlanItems', String(req.params.id)),
    page: (f) => ({ title: 'Edit forward-plan report', back: '/governance/forward-plan', version: f.version }),
    firstView: (f) => history('forwardPlanItems', f.id),
    defs: (_f, { user }) => forwardDefs(db, user.organisationId),
    values: (f) => f,
    schema: forwardPlanSchema,
    save: (data, f, { req, actor }) => svc.updateForwardPlanItem(db, actor, f.id, data, version(req)),
    done: (saved) => ({ flash: `“${saved.title}” has been saved.`, redirect: '/governance/forward-plan' }),
  });

  router.post('/governance/forward-plan/:id/deliver', requireRole('editor'), async (req, res) => {
    const { user, actor } = signedIn(req);
    const f = await getOwned(db, user.organisationId, 'forwardPlanItems', String(req.params.id));
    const saved = await svc.deliverForwardPlanItem(db, actor, f.id, today(), version(req));
    req.session.flash = {
      text:
        saved.status === 'delivered'
          ? `“${f.title}” has been marked as delivered.`
          : `“${f.title}” has been delivered; the next one is due on ${formatGovukDate(saved.dueDate)}.`,
    };
    res.redirect('/governance/forward-plan');
  });
}
