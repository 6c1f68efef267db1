import type { Request, Router } from 'express';
import type { Services } from '../../../container.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { formatGovukDate, todayInLondon } from '../../../lib/dates.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { renderSafeText } from '../../../lib/safe-text.js';
import { getOwned } from '../../audit/audit.js';
import { LABELS } from '../labels.js';
import { LINK_HREFS, linkLabels } from '../links.js';
import { meetingSchema, meetingUpdateSchema } from '../schemas.js';
import type { LinkType } from '../tables.js';
import * as svc from '../service.js';
import { formRoute, T } from './form.js';
import { editsGovernance, history, loadMeeting, version } from './common.js';

const meetingDefs: FieldDef[] = [
  { kind: 'date', name: 'meetingDate', label: 'Meeting date' },
  {
    kind: 'input',
    name: 'title',
    label: 'Title (optional)',
    hint: 'For example, Ofsted inspection outcome and improvement plan',
  },
  { kind: 'input', name: 'location', label: 'Location (optional)' },
];
const minutesDef: FieldDef = {
  kind: 'textarea',
  name: 'minutes',
  label: 'Minutes (optional)',
  rows: 12,
  hint: 'Plain text. Leave a blank line between paragraphs and start a line with “- ” for a bullet point.',
};

/** Meetings of a body: adding one, its page and preparation pack, the minutes and attendance. */
export function meetingRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());
  const meetingAt = (req: Request) => loadMeeting(db, signedIn(req).user, String(req.params.id));

  formRoute(router, {
    path: '/governance/bodies/:id/meetings/new',
    role: 'editor',
    load: ({ req, user }) => getOwned(db, user.organisationId, 'bodies', String(req.params.id)),
    page: (body) => ({
      title: 'Add a meeting',
      caption: body.name,
      back: `/governance/bodies/${body.id}`,
      submitText: 'Add meeting',
    }),
    defs: () => meetingDefs,
    values: () => ({}),
    schema: meetingSchema,
    extra: (body) => ({ bodyId: body.id }),
    save: (data, _body, { actor }) => svc.createMeeting(db, actor, data),
    done: (m) => ({
      flash: `The meeting on ${formatGovukDate(m.meetingDate)} has been added.`,
      redirect: `/governance/meetings/${m.id}`,
    }),
  });

  async function agendaWithLinks(orgId: string, agenda: Awaited<ReturnType<typeof svc.listAgenda>>) {
    const labels = await linkLabels(
      db,
      orgId,
      agenda.filter((a) => a.linkType && a.linkId).map((a) => ({ type: a.linkType as LinkType, id: a.linkId! })),
    );
    return agenda.map((a) => ({
      ...a,
      link:
        a.linkType && a.linkId
          ? {
              type: LABELS.linkType[a.linkType],
              href: LINK_HREFS[a.linkType](a.linkId),
              label: labels.get(`${a.linkType}:${a.linkId}`) ?? 'Record not found',
            }
          : null,
    }));
  }

  router.get('/governance/meetings/:id', async (req, res) => {
    const { user } = signedIn(req);
    const { meeting, body } = await meetingAt(req);
    const papers = await svc.meetingPapers(db, user.organisationId, meeting, today());
    const [attendance, decisions] = await Promise.all([
      svc.attendanceFor(db, user.organisationId, meeting),
      svc.meetingDecisions(db, user.organisationId, meeting.id),
    ]);
    res.render(`${T}meeting.njk`, {
      title: `${body.name}: ${meeting.title ?? 'meeting'}`,
      meeting,
      body,
      ...papers,
      agenda: await agendaWithLinks(user.organisationId, papers.agenda),
      attendance,
      decisions,
      minutesHtml: renderSafeText(meeting.minutes),
      labels: LABELS,
      canEdit: editsGovernance(req),
    });
  });

  router.get('/governance/meetings/:id/prepare', async (req, res) => {
    const { user } = signedIn(req);
    const { meeting, body } = await meetingAt(req);
    const papers = await svc.meetingPapers(db, user.organisationId, meeting, today());
    const forward = (await svc.listForwardPlan(db, user.organisationId, { bodyId: body.id })).filter(
      (f) => f.dueDate <= meeting.meetingDate,
    );
    res.render(`${T}prepare.njk`, {
      title: `Prepare: ${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
      meeting,
      body,
      ...papers,
      agenda: await agendaWithLinks(user.organisationId, papers.agenda),
      forward,
      labels: LABELS,
    });
  });

  formRoute(router, {
    path: '/governance/meetings/:id/edit',
    role: 'editor',
    load: ({ req }) => meetingAt(req),
    page: ({ meeting, body }) => ({
      title: 'Edit meeting and minutes',
      caption: body.name,
      back: `/governance/meetings/${meeting.id}`,
      version: meeting.version,
    }),
    firstView: ({ meeting }) => history('meetings', meeting.id),
    defs: () => [...meetingDefs, minutesDef],
    values: ({ meeting }) => meeting,
    schema: meetingUpdateSchema,
    save: ({ meetingDate, title, location, minutes }, { meeting }, { req, actor }) =>
      svc.updateMeeting(db, actor, meeting.id, { meetingDate, title, location, minutes }, version(req)),
    done: (m) => ({ flash: 'The meeting has been saved.', redirect: `/governance/meetings/${m.id}` }),
  });

  router.get('/governance/meetings/:id/attendance', editor, async (req, res) => {
    const { user } = signedIn(req);
    const { meeting, body } = await meetingAt(req);
    const attendance = await svc.attendanceFor(db, user.organisationId, meeting);
    res.render(`${T}attendance.njk`, { title: 'Record attendance', meeting, body, attendance, labels: LABELS });
  });
  router.post('/governance/meetings/:id/attendance', editor, async (req, res) => {
    const { meeting } = await meetingAt(req);
    const { actor } = signedIn(req);
    const raw = (req.body?.attendance ?? {}) as Record<string, string>;
    const statuses: Record<string, 'present' | 'apologies' | 'absent' | ''> = {};
    for (const [k, v] of Object.entries(raw))
      statuses[k] = v === 'present' || v === 'apologies' || v === 'absent' ? v : '';
    await svc.recordAttendance(db, actor, meeting, statuses);
    req.session.flash = { text: 'Attendance has been recorded.' };
    res.redirect(`/governance/meetings/${meeting.id}`);
  });
}
