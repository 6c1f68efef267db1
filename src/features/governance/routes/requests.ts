import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Services } from '../../../container.js';
import type { Database } from '../../../db/schema.js';
import { signedIn } from '../../../middleware/auth.js';
import { todayInLondon } from '../../../lib/dates.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { informationRequestSchema } from '../schemas.js';
import * as svc from '../service.js';
import { formRoute, T } from './form.js';
import { atMeeting, editsGovernance, history, loadForUpdate, loadMeeting, userItems, version } from './common.js';

/** The answer shows only once the request exists. */
const requestDefs = async (db: Kysely<Database>, orgId: string, full: boolean): Promise<FieldDef[]> => [
  {
    kind: 'input',
    name: 'requestedBy',
    label: 'Requested by',
    hint: 'For example, the committee, or Cllr Avery Lane',
  },
  { kind: 'textarea', name: 'request', label: 'What was asked for', rows: 3 },
  { kind: 'select', name: 'officerId', label: 'Officer responsible (optional)', items: await userItems(db, orgId) },
  { kind: 'date', name: 'dueDate', label: 'Due date (optional)' },
  ...(full
    ? ([
        { kind: 'textarea', name: 'answer', label: 'Answer (optional)', rows: 5 },
        { kind: 'date', name: 'answeredOn', label: 'Date the answer was sent (optional)' },
      ] as FieldDef[])
    : []),
];

/** Information requests made at a meeting, and the list of those not yet answered. */
export function requestRoutes(router: Router, services: Services): void {
  const { db } = services;

  formRoute(router, {
    path: '/governance/meetings/:id/requests/new',
    role: 'editor',
    load: ({ req, user }) => loadMeeting(db, user, String(req.params.id)),
    page: (at) => atMeeting(at, 'Record an information request', 'Add request'),
    defs: (_at, { user }) => requestDefs(db, user.organisationId, false),
    values: () => ({}),
    schema: informationRequestSchema,
    extra: ({ meeting }) => ({ meetingId: meeting.id }),
    save: (data, _at, { actor }) => svc.createRequest(db, actor, data),
    done: (_r, { meeting }) => ({
      flash: 'The information request has been recorded.',
      redirect: `/governance/meetings/${meeting.id}`,
    }),
  });

  router.get('/governance/requests', async (req, res) => {
    const { user } = signedIn(req);
    const t = todayInLondon(services.now());
    const outstanding = (await svc.listRequests(db, user.organisationId, { outstanding: true })).map((r) => ({
      ...r,
      overdue: r.dueDate !== null && r.dueDate < t,
    }));
    res.render(`${T}requests.njk`, {
      title: 'Outstanding information requests',
      outstanding,
      canEdit: editsGovernance(req),
    });
  });

  // The officer responsible reaches their own request from the link in their reminder email.
  formRoute(router, {
    path: '/governance/requests/:id',
    role: 'contributor',
    load: ({ req, user }) => loadForUpdate(db, user, 'informationRequests', String(req.params.id)),
    page: (r) => ({ title: 'Information request', back: `/governance/meetings/${r.meetingId}`, version: r.version }),
    firstView: (r) => history('informationRequests', r.id),
    defs: (_r, { user }) => requestDefs(db, user.organisationId, true),
    values: (r) => r,
    schema: informationRequestSchema,
    extra: (r) => ({ meetingId: r.meetingId }),
    save: (data, r, { req, actor }) => svc.updateRequest(db, actor, r.id, data, version(req)),
    done: (_saved, r) => ({
      flash: 'The information request has been saved.',
      redirect: `/governance/meetings/${r.meetingId}`,
    }),
  });
}
