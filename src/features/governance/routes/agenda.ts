import type { Router } from 'express';
import type { Services } from '../../../container.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { getOwned } from '../../audit/audit.js';
import { listLinkTargets } from '../links.js';
import { agendaItemSchema } from '../schemas.js';
import { LINK_TYPES } from '../tables.js';
import * as svc from '../service.js';
import { formRoute } from './form.js';
import { atMeeting, loadMeeting } from './common.js';

/** The link select's value is `type:id`; the service keeps the two apart. */
const splitLink = (body: Record<string, unknown>) => {
  const link = String(body.link ?? '');
  const i = link.indexOf(':');
  return i > 0 ? { linkType: link.slice(0, i), linkId: link.slice(i + 1) } : { linkType: null, linkId: null };
};

/** A meeting's agenda: adding items, moving them up and down, removing them. */
export function agendaRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');

  const agendaDefs = async (orgId: string): Promise<FieldDef[]> => {
    const targets = await listLinkTargets(db, orgId, LINK_TYPES);
    return [
      { kind: 'input', name: 'title', label: 'Agenda item title' },
      { kind: 'textarea', name: 'summary', label: 'Summary (optional)', rows: 3 },
      {
        kind: 'select',
        name: 'link',
        label: 'Links to (optional)',
        hint: 'An inspection, plan, plan action, indicator, risk or issued report in Waymark, grouped by kind',
        items: targets.map((t) => ({ value: `${t.type}:${t.id}`, text: t.label, group: t.group })),
      },
    ];
  };

  formRoute(router, {
    path: '/governance/meetings/:id/agenda/new',
    role: 'editor',
    load: ({ req, user }) => loadMeeting(db, user, String(req.params.id)),
    page: (at) => atMeeting(at, 'Add an agenda item', 'Add item'),
    defs: (_at, { user }) => agendaDefs(user.organisationId),
    values: () => ({}),
    schema: agendaItemSchema,
    extra: (_at, body) => splitLink(body),
    fieldFor: { linkId: 'link', linkType: 'link' },
    save: (data, { meeting }, { actor }) => svc.addAgendaItem(db, actor, meeting.id, data),
    done: (a, { meeting }) => ({
      flash: `“${a.title}” has been added to the agenda.`,
      redirect: `/governance/meetings/${meeting.id}`,
    }),
  });

  router.post('/governance/agenda-items/:id/move', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const item = await getOwned(db, user.organisationId, 'agendaItems', String(req.params.id));
    const direction = req.body?.direction === 'up' ? 'up' : 'down';
    const moved = await svc.moveAgendaItem(db, actor, item.id, direction);
    req.session.flash = {
      type: moved ? 'success' : 'info',
      text: moved
        ? `“${item.title}” has been moved ${direction}.`
        : `“${item.title}” is already ${direction === 'up' ? 'first' : 'last'} on the agenda.`,
    };
    res.redirect(`/governance/meetings/${item.meetingId}#agenda`);
  });
  router.post('/governance/agenda-items/:id/delete', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const item = await getOwned(db, user.organisationId, 'agendaItems', String(req.params.id));
    await svc.deleteAgendaItem(db, actor, item.id);
    req.session.flash = { text: `“${item.title}” has been removed from the agenda.` };
    res.redirect(`/governance/meetings/${item.meetingId}`);
  });
}
