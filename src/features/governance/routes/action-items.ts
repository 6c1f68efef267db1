import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Services } from '../../../container.js';
import type { Database } from '../../../db/schema.js';
import { signedIn } from '../../../middleware/auth.js';
import { todayInLondon } from '../../../lib/dates.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { LABELS, items } from '../labels.js';
import { listLinkTargets } from '../links.js';
import { actionItemSchema } from '../schemas.js';
import * as svc from '../service.js';
import { formRoute, T } from './form.js';
import { atMeeting, editsGovernance, history, loadForUpdate, loadMeeting, userItems, version } from './common.js';

/** Status, closure and progress show only once the action exists. */
async function actionDefs(db: Kysely<Database>, orgId: string, meetingId: string, full: boolean): Promise<FieldDef[]> {
  const agenda = await svc.listAgenda(db, orgId, meetingId);
  const planActions = await listLinkTargets(db, orgId, ['plan-action']);
  return [
    { kind: 'textarea', name: 'description', label: 'Action', rows: 3 },
    { kind: 'select', name: 'ownerId', label: 'Owner', items: await userItems(db, orgId) },
    { kind: 'date', name: 'dueDate', label: 'Due date' },
    {
      kind: 'select',
      name: 'agendaItemId',
      label: 'Agenda item (optional)',
      items: agenda.map((a) => ({ value: a.id, text: `${a.position}. ${a.title}` })),
    },
    ...(planActions.length
      ? [
          {
            kind: 'select',
            name: 'planActionId',
            label: 'Plan action (optional)',
            items: planActions.map((p) => ({ value: p.id, text: p.label })),
          } as FieldDef,
        ]
      : []),
    ...(full
      ? ([
          { kind: 'radios', name: 'status', label: 'Status', items: items(LABELS.actionItemStatus) },
          {
            kind: 'date',
            name: 'closedOn',
            label: 'Date closed (optional)',
            hint: 'Leave blank to use today when you close it. For example, 27 3 2025',
          },
          { kind: 'textarea', name: 'progressNote', label: 'Progress (optional)', rows: 3 },
        ] as FieldDef[])
      : []),
  ];
}

/** The action sheet: actions agreed at a meeting, and the list of those still open. */
export function actionItemRoutes(router: Router, services: Services): void {
  const { db } = services;
  const today = () => todayInLondon(services.now());

  formRoute(router, {
    path: '/governance/meetings/:id/actions/new',
    role: 'editor',
    load: ({ req, user }) => loadMeeting(db, user, String(req.params.id)),
    page: (at) => atMeeting(at, 'Add to the action sheet', 'Add action'),
    defs: ({ meeting }, { user }) => actionDefs(db, user.organisationId, meeting.id, false),
    values: () => ({}),
    schema: actionItemSchema,
    extra: ({ meeting }) => ({ meetingId: meeting.id, status: 'open' }),
    save: (data, _at, { actor }) => svc.createActionItem(db, actor, data, today()),
    done: (_item, { meeting }) => ({
      flash: 'The action has been added to the action sheet.',
      redirect: `/governance/meetings/${meeting.id}`,
    }),
  });

  router.get('/governance/action-items', async (req, res) => {
    const { user } = signedIn(req);
    const all = await svc.listActionItems(db, user.organisationId, {});
    const t = today();
    const open = all.filter((i) => i.status !== 'closed').map((i) => ({ ...i, overdue: i.dueDate < t }));
    const bodies = await svc.bodyNames(db, user.organisationId);
    res.render(`${T}action-items.njk`, {
      title: 'Open action-sheet items',
      items: open.map((i) => ({ ...i, bodyName: bodies.get(i.bodyId) })),
      labels: LABELS,
      canEdit: editsGovernance(req),
    });
  });

  // A contributor reaches their own item from the link in their reminder email.
  formRoute(router, {
    path: '/governance/action-items/:id',
    role: 'contributor',
    load: ({ req, user }) => loadForUpdate(db, user, 'actionSheetItems', String(req.params.id)),
    page: (item) => ({
      title: 'Action-sheet item',
      back: `/governance/meetings/${item.meetingId}`,
      version: item.version,
    }),
    firstView: (item) => history('actionSheetItems', item.id),
    defs: (item, { user }) => actionDefs(db, user.organisationId, item.meetingId, true),
    values: (item) => item,
    schema: actionItemSchema,
    extra: (item) => ({ meetingId: item.meetingId }),
    save: (data, item, { req, actor }) => svc.updateActionItem(db, actor, item.id, data, today(), version(req)),
    done: (_saved, item) => ({
      flash: 'The action-sheet item has been saved.',
      redirect: `/governance/meetings/${item.meetingId}`,
    }),
  });
}
