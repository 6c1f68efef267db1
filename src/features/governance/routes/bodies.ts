import type { Router } from 'express';
import type { Services } from '../../../container.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { todayInLondon } from '../../../lib/dates.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { getOwned } from '../../audit/audit.js';
import { LABELS, items } from '../labels.js';
import { bodySchema, memberSchema } from '../schemas.js';
import * as svc from '../service.js';
import { formRoute, T } from './form.js';
import { editsGovernance, history, userItems, version } from './common.js';

const bodyDefs: FieldDef[] = [
  { kind: 'input', name: 'name', label: 'Name', hint: 'For example, Children’s Services Scrutiny Committee' },
  { kind: 'radios', name: 'kind', label: 'Type of body', items: items(LABELS.bodyKind) },
  { kind: 'textarea', name: 'description', label: 'Description (optional)', rows: 3 },
];

const memberDefs = (users: { value: string; text: string }[]): FieldDef[] => [
  {
    kind: 'select',
    name: 'userId',
    label: 'Waymark user (optional)',
    hint: 'Leave blank for someone without a Waymark account, such as an independent chair or DfE adviser',
    items: users,
  },
  { kind: 'input', name: 'name', label: 'Name (if not a Waymark user)' },
  { kind: 'radios', name: 'memberRole', label: 'Role on the body', items: items(LABELS.memberRole) },
];

/** Boards and committees, and their members. */
export function bodyRoutes(router: Router, services: Services): void {
  const { db } = services;
  const ownBody = (organisationId: string, id: unknown) => getOwned(db, organisationId, 'bodies', String(id));

  formRoute(router, {
    path: '/governance/bodies/new',
    role: 'editor',
    load: async () => null,
    page: () => ({ title: 'Add a board or committee', back: '/governance', submitText: 'Add body' }),
    defs: () => bodyDefs,
    values: () => ({}),
    schema: bodySchema,
    save: (data, _none, { actor }) => svc.createBody(db, actor, data),
    done: (b) => ({ flash: `${b.name} has been added.`, redirect: `/governance/bodies/${b.id}` }),
  });

  router.get('/governance/bodies/:id', async (req, res) => {
    const { user } = signedIn(req);
    const body = await ownBody(user.organisationId, req.params.id);
    const [members, meetings, forward] = await Promise.all([
      svc.listMembers(db, user.organisationId, body.id),
      svc.listMeetings(db, user.organisationId, body.id),
      svc.listForwardPlan(db, user.organisationId, { bodyId: body.id }),
    ]);
    res.render(`${T}body.njk`, {
      title: body.name,
      body,
      members,
      meetings,
      forward,
      today: todayInLondon(services.now()),
      labels: LABELS,
      canEdit: editsGovernance(req),
    });
  });

  formRoute(router, {
    path: '/governance/bodies/:id/edit',
    role: 'editor',
    load: ({ req, user }) => ownBody(user.organisationId, req.params.id),
    page: (body) => ({ title: `Edit ${body.name}`, back: `/governance/bodies/${body.id}`, version: body.version }),
    firstView: (body) => history('bodies', body.id),
    defs: () => bodyDefs,
    values: (body) => body,
    schema: bodySchema,
    save: (data, body, { req, actor }) => svc.updateBody(db, actor, body.id, data, version(req)),
    done: (b) => ({ flash: `${b.name} has been updated.`, redirect: `/governance/bodies/${b.id}` }),
  });

  formRoute(router, {
    path: '/governance/bodies/:id/members/new',
    role: 'editor',
    load: ({ req, user }) => ownBody(user.organisationId, req.params.id),
    page: (body) => ({
      title: 'Add a member',
      caption: body.name,
      back: `/governance/bodies/${body.id}`,
      submitText: 'Add member',
    }),
    defs: async (_body, { user }) => memberDefs(await userItems(db, user.organisationId)),
    values: () => ({}),
    schema: memberSchema,
    save: (data, body, { actor }) => svc.addMember(db, actor, body.id, data),
    done: (m, body) => ({
      flash: `${m.name} has been added to ${body.name}.`,
      redirect: `/governance/bodies/${body.id}`,
    }),
  });

  router.post('/governance/members/:id/delete', requireRole('editor'), async (req, res) => {
    const { user, actor } = signedIn(req);
    const member = await getOwned(db, user.organisationId, 'bodyMembers', String(req.params.id));
    await svc.removeMember(db, actor, member.id);
    req.session.flash = { text: `${member.name} has been removed.` };
    res.redirect(`/governance/bodies/${member.bodyId}`);
  });
}
