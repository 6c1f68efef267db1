import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { hasRole } from '../../lib/roles.js';
import { AppError, ForbiddenError } from '../../lib/errors.js';
import { formatGovukDate, todayInLondon } from '../../lib/dates.js';
import { requireVersion } from '../../lib/validation.js';
import { renderSafeText } from '../../lib/safe-text.js';
import { callInOpen, describeCallInRule } from '../../lib/call-in.js';
import { getOwned } from '../audit/audit.js';
import { buildForm, errorsFor, parseWebForm, type FieldDef } from '../../lib/forms/fields.js';
import { submitForm } from '../../lib/forms/submit.js';
import { LABELS, items } from './labels.js';
import { LINK_HREFS, linkLabels, listLinkTargets } from './links.js';
import * as svc from './service.js';
import {
  actionItemSchema,
  agendaItemSchema,
  bodySchema,
  decisionSchema,
  forwardPlanSchema,
  informationRequestSchema,
  meetingSchema,
  meetingUpdateSchema,
  memberSchema,
  questionSchema,
  settingsSchema,
} from './schemas.js';
import { LINK_TYPES, type LinkType } from './tables.js';
import { governanceApi } from './api.js';

const T = 'governance/views/';

interface FormPage {
  title: string;
  caption?: string;
  back: string;
  submitText?: string;
  intro?: string;
  version?: number;
  historyHref?: string;
}

function renderForm(
  res: Response,
  status: number,
  page: FormPage,
  defs: FieldDef[],
  values: Record<string, unknown>,
  errors?: unknown,
) {
  res.status(status).render(`${T}form.njk`, { ...page, fields: buildForm(defs, values, errors as never), errors });
}

/** A form built from field definitions, through the shared form path (src/lib/forms/submit.ts). */
function handleForm<S extends z.ZodType, R>(
  req: Request,
  res: Response,
  opts: {
    schema: S;
    defs: FieldDef[];
    page: FormPage;
    extra?: Record<string, unknown>;
    save: (data: z.infer<S>) => Promise<R>;
    done: (saved: R) => { flash: string; redirect: string };
  },
) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const page = { ...opts.page, version: body.version !== undefined ? Number(body.version) : opts.page.version };
  return submitForm(req, res, {
    parse: () => parseWebForm(opts.schema, body, opts.defs, opts.extra),
    save: opts.save,
    done: opts.done,
    render: (status, errors) => renderForm(res, status, page, opts.defs, body, errors),
    failure: { field: opts.defs.find((d) => d.kind !== 'hidden')?.name ?? 'body' },
    toErrors: (details) => errorsFor(details, opts.defs, body),
  });
}

const version = (req: Request) => requireVersion(req.body?.version);

function routes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');
  const admin = requireRole('admin');
  const today = () => todayInLondon(services.now());
  const userItems = async (orgId: string) =>
    (await svc.listUsers(db, orgId)).map((u) => ({ value: u.id, text: u.displayName }));
  const canEdit = (req: Request) => hasRole(signedIn(req).user.role, 'editor');
  const contributor = requireRole('contributor');
  /** Editors update any item; a contributor updates the items they own (the link in their reminder email). */
  const mayUpdate = (req: Request, ownerId: string | null) => {
    if (!canEdit(req) && ownerId !== signedIn(req).user.id) throw new ForbiddenError();
  };

  // ----- hub -----
  router.get('/governance', async (req, res) => {
    const { user } = signedIn(req);
    const [bodies, meetings, openItems, outstanding, forward] = await Promise.all([
      svc.listBodies(db, user.organisationId),
      svc.listMeetings(db, user.organisationId),
      svc.listActionItems(db, user.organisationId, {}),
      svc.listRequests(db, user.organisationId, { outstanding: true }),
      svc.listForwardPlan(db, user.organisationId),
    ]);
    const t = today();
    res.render(`${T}index.njk`, {
      title: 'Boards and scrutiny',
      bodies,
      upcoming: meetings
        .filter((m) => m.meetingDate >= t)
        .reverse()
        .slice(0, 10),
      recent: meetings.filter((m) => m.meetingDate < t).slice(0, 10),
      openItemCount: openItems.filter((i) => i.status !== 'closed').length,
      overdueItemCount: openItems.filter((i) => i.status !== 'closed' && i.dueDate < t).length,
      outstandingCount: outstanding.length,
      overdueReports: forward.filter((f) => f.dueDate < t).length,
      labels: LABELS,
      canEdit: canEdit(req),
      isAdmin: hasRole(user.role, 'admin'),
    });
  });

  // ----- bodies -----
  const bodyDefs: FieldDef[] = [
    { kind: 'input', name: 'name', label: 'Name', hint: 'For example, Children’s Services Scrutiny Committee' },
    { kind: 'radios', name: 'kind', label: 'Type of body', items: items(LABELS.bodyKind) },
    { kind: 'textarea', name: 'description', label: 'Description (optional)', rows: 3 },
  ];

  router.get('/governance/bodies/new', editor, (_req, res) => {
    renderForm(
      res,
      200,
      { title: 'Add a board or committee', back: '/governance', submitText: 'Add body' },
      bodyDefs,
      {},
    );
  });
  router.post('/governance/bodies/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    await handleForm(req, res, {
      schema: bodySchema,
      defs: bodyDefs,
      page: { title: 'Add a board or committee', back: '/governance', submitText: 'Add body' },
      save: (data) => svc.createBody(db, actor, data),
      done: (b) => ({ flash: `${b.name} has been added.`, redirect: `/governance/bodies/${b.id}` }),
    });
  });

  router.get('/governance/bodies/:id', async (req, res) => {
    const { user } = signedIn(req);
    const body = await getOwned(db, user.organisationId, 'bodies', String(req.params.id));
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
      today: today(),
      labels: LABELS,
      canEdit: canEdit(req),
    });
  });

  router.get('/governance/bodies/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const body = await getOwned(db, user.organisationId, 'bodies', String(req.params.id));
    renderForm(
      res,
      200,
      {
        title: `Edit ${body.name}`,
        back: `/governance/bodies/${body.id}`,
        version: body.version,
        historyHref: `/history/bodies/${body.id}`,
      },
      bodyDefs,
      body,
    );
  });
  router.post('/governance/bodies/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const body = await getOwned(db, user.organisationId, 'bodies', String(req.params.id));
    await handleForm(req, res, {
      schema: bodySchema,
      defs: bodyDefs,
      page: { title: `Edit ${body.name}`, back: `/governance/bodies/${body.id}`, version: body.version },
      save: (data) => svc.updateBody(db, actor, body.id, data, version(req)),
      done: (b) => ({ flash: `${b.name} has been updated.`, redirect: `/governance/bodies/${b.id}` }),
    });
  });

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
  router.get('/governance/bodies/:id/members/new', editor, async (req, res) => {
    const { user } = signedIn(req);
    const body = await getOwned(db, user.organisationId, 'bodies', String(req.params.id));
    renderForm(
      res,
      200,
      { title: 'Add a member', caption: body.name, back: `/governance/bodies/${body.id}`, submitText: 'Add member' },
      memberDefs(await userItems(user.organisationId)),
      {},
    );
  });
  router.post('/governance/bodies/:id/members/new', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const body = await getOwned(db, user.organisationId, 'bodies', String(req.params.id));
    await handleForm(req, res, {
      schema: memberSchema,
      defs: memberDefs(await userItems(user.organisationId)),
      page: {
        title: 'Add a member',
        caption: body.name,
        back: `/governance/bodies/${body.id}`,
        submitText: 'Add member',
      },
      save: (data) => svc.addMember(db, actor, body.id, data),
      done: (m) => ({ flash: `${m.name} has been added to ${body.name}.`, redirect: `/governance/bodies/${body.id}` }),
    });
  });
  router.post('/governance/members/:id/delete', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const member = await getOwned(db, user.organisationId, 'bodyMembers', String(req.params.id));
    await svc.removeMember(db, actor, member.id);
    req.session.flash = { text: `${member.name} has been removed.` };
    res.redirect(`/governance/bodies/${member.bodyId}`);
  });

  // ----- meetings -----
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

  router.get('/governance/bodies/:id/meetings/new', editor, async (req, res) => {
    const { user } = signedIn(req);
    const body = await getOwned(db, user.organisationId, 'bodies', String(req.params.id));
    renderForm(
      res,
      200,
      { title: 'Add a meeting', caption: body.name, back: `/governance/bodies/${body.id}`, submitText: 'Add meeting' },
      meetingDefs,
      {},
    );
  });
  router.post('/governance/bodies/:id/meetings/new', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const body = await getOwned(db, user.organisationId, 'bodies', String(req.params.id));
    await handleForm(req, res, {
      schema: meetingSchema,
      defs: meetingDefs,
      extra: { bodyId: body.id },
      page: {
        title: 'Add a meeting',
        caption: body.name,
        back: `/governance/bodies/${body.id}`,
        submitText: 'Add meeting',
      },
      save: (data) => svc.createMeeting(db, actor, data),
      done: (m) => ({
        flash: `The meeting on ${formatGovukDate(m.meetingDate)} has been added.`,
        redirect: `/governance/meetings/${m.id}`,
      }),
    });
  });

  async function loadMeeting(req: Request) {
    const { user } = signedIn(req);
    const meeting = await getOwned(db, user.organisationId, 'meetings', String(req.params.id));
    const body = await getOwned(db, user.organisationId, 'bodies', meeting.bodyId);
    return { user, meeting, body };
  }

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
    const { user, meeting, body } = await loadMeeting(req);
    const papers = await svc.meetingPapers(db, user.organisationId, meeting, today());
    const [attendance, decisions] = await Promise.all([
      svc.attendanceFor(db, user.organisationId, meeting),
      db
        .selectFrom('decisions')
        .selectAll()
        .where('organisationId', '=', user.organisationId)
        .where('meetingId', '=', meeting.id)
        .orderBy('publishedDate')
        .execute(),
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
      canEdit: canEdit(req),
    });
  });

  router.get('/governance/meetings/:id/prepare', async (req, res) => {
    const { user, meeting, body } = await loadMeeting(req);
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

  router.get('/governance/meetings/:id/edit', editor, async (req, res) => {
    const { meeting, body } = await loadMeeting(req);
    renderForm(
      res,
      200,
      {
        title: 'Edit meeting and minutes',
        caption: body.name,
        back: `/governance/meetings/${meeting.id}`,
        version: meeting.version,
        historyHref: `/history/meetings/${meeting.id}`,
      },
      [...meetingDefs, minutesDef],
      meeting,
    );
  });
  router.post('/governance/meetings/:id/edit', editor, async (req, res) => {
    const { meeting, body } = await loadMeeting(req);
    const { actor } = signedIn(req);
    await handleForm(req, res, {
      schema: meetingUpdateSchema,
      defs: [...meetingDefs, minutesDef],
      page: {
        title: 'Edit meeting and minutes',
        caption: body.name,
        back: `/governance/meetings/${meeting.id}`,
        version: meeting.version,
      },
      save: (data) =>
        svc.updateMeeting(
          db,
          actor,
          meeting.id,
          { meetingDate: data.meetingDate, title: data.title, location: data.location, minutes: data.minutes },
          version(req),
        ),
      done: (m) => ({ flash: 'The meeting has been saved.', redirect: `/governance/meetings/${m.id}` }),
    });
  });

  // agenda
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
  const splitLink = (body: Record<string, unknown>) => {
    const link = String(body.link ?? '');
    const i = link.indexOf(':');
    return i > 0 ? { linkType: link.slice(0, i), linkId: link.slice(i + 1) } : { linkType: null, linkId: null };
  };
  router.get('/governance/meetings/:id/agenda/new', editor, async (req, res) => {
    const { user, meeting, body } = await loadMeeting(req);
    renderForm(
      res,
      200,
      {
        title: 'Add an agenda item',
        caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
        back: `/governance/meetings/${meeting.id}`,
        submitText: 'Add item',
      },
      await agendaDefs(user.organisationId),
      {},
    );
  });
  router.post('/governance/meetings/:id/agenda/new', editor, async (req, res) => {
    const { user, meeting, body } = await loadMeeting(req);
    const { actor } = signedIn(req);
    const defs = await agendaDefs(user.organisationId);
    await handleForm(req, res, {
      schema: agendaItemSchema,
      defs,
      extra: splitLink(req.body ?? {}),
      page: {
        title: 'Add an agenda item',
        caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
        back: `/governance/meetings/${meeting.id}`,
        submitText: 'Add item',
      },
      save: async (data) => {
        try {
          return await svc.addAgendaItem(db, actor, meeting.id, data);
        } catch (err) {
          if (err instanceof AppError && err.details.length)
            throw new (err.constructor as typeof AppError)(
              err.status,
              err.code,
              err.message,
              err.details.map((d) => ({ ...d, path: d.path === 'linkId' || d.path === 'linkType' ? 'link' : d.path })),
            );
          throw err;
        }
      },
      done: (a) => ({
        flash: `“${a.title}” has been added to the agenda.`,
        redirect: `/governance/meetings/${meeting.id}`,
      }),
    });
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

  // attendance
  router.get('/governance/meetings/:id/attendance', editor, async (req, res) => {
    const { user, meeting, body } = await loadMeeting(req);
    const attendance = await svc.attendanceFor(db, user.organisationId, meeting);
    res.render(`${T}attendance.njk`, { title: 'Record attendance', meeting, body, attendance, labels: LABELS });
  });
  router.post('/governance/meetings/:id/attendance', editor, async (req, res) => {
    const { meeting } = await loadMeeting(req);
    const { actor } = signedIn(req);
    const raw = (req.body?.attendance ?? {}) as Record<string, string>;
    const statuses: Record<string, 'present' | 'apologies' | 'absent' | ''> = {};
    for (const [k, v] of Object.entries(raw))
      statuses[k] = v === 'present' || v === 'apologies' || v === 'absent' ? v : '';
    await svc.recordAttendance(db, actor, meeting, statuses);
    req.session.flash = { text: 'Attendance has been recorded.' };
    res.redirect(`/governance/meetings/${meeting.id}`);
  });

  // questions
  const questionDefs = (full: boolean): FieldDef[] => [
    { kind: 'input', name: 'askedBy', label: 'Asked by', hint: 'For example, Cllr Avery Lane' },
    { kind: 'textarea', name: 'question', label: 'Question', rows: 4 },
    { kind: 'date', name: 'submittedOn', label: 'Date submitted' },
    ...(full
      ? ([
          { kind: 'textarea', name: 'response', label: 'Response (optional)', rows: 6 },
          { kind: 'input', name: 'respondedBy', label: 'Responded by (optional)' },
          { kind: 'radios', name: 'status', label: 'Status', items: items(LABELS.questionStatus) },
        ] as FieldDef[])
      : []),
  ];
  router.get('/governance/meetings/:id/questions/new', editor, async (req, res) => {
    const { meeting, body } = await loadMeeting(req);
    renderForm(
      res,
      200,
      {
        title: 'Add a question submitted in advance',
        caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
        back: `/governance/meetings/${meeting.id}`,
        submitText: 'Add question',
      },
      questionDefs(false),
      { submittedOn: today() },
    );
  });
  router.post('/governance/meetings/:id/questions/new', editor, async (req, res) => {
    const { meeting, body } = await loadMeeting(req);
    const { actor } = signedIn(req);
    await handleForm(req, res, {
      schema: questionSchema,
      defs: questionDefs(false),
      extra: { meetingId: meeting.id, status: 'awaiting-response' },
      page: {
        title: 'Add a question submitted in advance',
        caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
        back: `/governance/meetings/${meeting.id}`,
        submitText: 'Add question',
      },
      save: (data) => svc.createQuestion(db, actor, data),
      done: () => ({ flash: 'The question has been added.', redirect: `/governance/meetings/${meeting.id}` }),
    });
  });
  router.get('/governance/questions/:id', editor, async (req, res) => {
    const { user } = signedIn(req);
    const q = await getOwned(db, user.organisationId, 'meetingQuestions', String(req.params.id));
    renderForm(
      res,
      200,
      {
        title: 'Question and response',
        back: `/governance/meetings/${q.meetingId}`,
        version: q.version,
        historyHref: `/history/meetingQuestions/${q.id}`,
      },
      questionDefs(true),
      q,
    );
  });
  router.post('/governance/questions/:id', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const q = await getOwned(db, user.organisationId, 'meetingQuestions', String(req.params.id));
    await handleForm(req, res, {
      schema: questionSchema,
      defs: questionDefs(true),
      extra: { meetingId: q.meetingId },
      page: { title: 'Question and response', back: `/governance/meetings/${q.meetingId}`, version: q.version },
      save: (data) => svc.updateQuestion(db, actor, q.id, data, version(req)),
      done: () => ({ flash: 'The question has been saved.', redirect: `/governance/meetings/${q.meetingId}` }),
    });
  });

  // action sheet
  const actionDefs = async (orgId: string, meetingId: string, full: boolean): Promise<FieldDef[]> => {
    const agenda = await svc.listAgenda(db, orgId, meetingId);
    const planActions = await listLinkTargets(db, orgId, ['plan-action']);
    return [
      { kind: 'textarea', name: 'description', label: 'Action', rows: 3 },
      { kind: 'select', name: 'ownerId', label: 'Owner', items: await userItems(orgId) },
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
  };
  router.get('/governance/meetings/:id/actions/new', editor, async (req, res) => {
    const { user, meeting, body } = await loadMeeting(req);
    renderForm(
      res,
      200,
      {
        title: 'Add to the action sheet',
        caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
        back: `/governance/meetings/${meeting.id}`,
        submitText: 'Add action',
      },
      await actionDefs(user.organisationId, meeting.id, false),
      {},
    );
  });
  router.post('/governance/meetings/:id/actions/new', editor, async (req, res) => {
    const { user, meeting, body } = await loadMeeting(req);
    const { actor } = signedIn(req);
    await handleForm(req, res, {
      schema: actionItemSchema,
      defs: await actionDefs(user.organisationId, meeting.id, false),
      extra: { meetingId: meeting.id, status: 'open' },
      page: {
        title: 'Add to the action sheet',
        caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
        back: `/governance/meetings/${meeting.id}`,
        submitText: 'Add action',
      },
      save: (data) => svc.createActionItem(db, actor, data, today()),
      done: () => ({
        flash: 'The action has been added to the action sheet.',
        redirect: `/governance/meetings/${meeting.id}`,
      }),
    });
  });
  router.get('/governance/action-items', async (req, res) => {
    const { user } = signedIn(req);
    const all = await svc.listActionItems(db, user.organisationId, {});
    const t = today();
    const open = all.filter((i) => i.status !== 'closed').map((i) => ({ ...i, overdue: i.dueDate < t }));
    const bodies = new Map((await svc.listBodies(db, user.organisationId)).map((b) => [b.id, b.name]));
    res.render(`${T}action-items.njk`, {
      title: 'Open action-sheet items',
      items: open.map((i) => ({ ...i, bodyName: bodies.get(i.bodyId) })),
      labels: LABELS,
      canEdit: canEdit(req),
    });
  });
  router.get('/governance/action-items/:id', contributor, async (req, res) => {
    const { user } = signedIn(req);
    const item = await getOwned(db, user.organisationId, 'actionSheetItems', String(req.params.id));
    mayUpdate(req, item.ownerId);
    renderForm(
      res,
      200,
      {
        title: 'Action-sheet item',
        back: `/governance/meetings/${item.meetingId}`,
        version: item.version,
        historyHref: `/history/actionSheetItems/${item.id}`,
      },
      await actionDefs(user.organisationId, item.meetingId, true),
      item,
    );
  });
  router.post('/governance/action-items/:id', contributor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const item = await getOwned(db, user.organisationId, 'actionSheetItems', String(req.params.id));
    mayUpdate(req, item.ownerId);
    await handleForm(req, res, {
      schema: actionItemSchema,
      defs: await actionDefs(user.organisationId, item.meetingId, true),
      extra: { meetingId: item.meetingId },
      page: { title: 'Action-sheet item', back: `/governance/meetings/${item.meetingId}`, version: item.version },
      save: (data) => svc.updateActionItem(db, actor, item.id, data, today(), version(req)),
      done: () => ({
        flash: 'The action-sheet item has been saved.',
        redirect: `/governance/meetings/${item.meetingId}`,
      }),
    });
  });

  // information requests
  const requestDefs = async (orgId: string, full: boolean): Promise<FieldDef[]> => [
    {
      kind: 'input',
      name: 'requestedBy',
      label: 'Requested by',
      hint: 'For example, the committee, or Cllr Avery Lane',
    },
    { kind: 'textarea', name: 'request', label: 'What was asked for', rows: 3 },
    { kind: 'select', name: 'officerId', label: 'Officer responsible (optional)', items: await userItems(orgId) },
    { kind: 'date', name: 'dueDate', label: 'Due date (optional)' },
    ...(full
      ? ([
          { kind: 'textarea', name: 'answer', label: 'Answer (optional)', rows: 5 },
          { kind: 'date', name: 'answeredOn', label: 'Date the answer was sent (optional)' },
        ] as FieldDef[])
      : []),
  ];
  router.get('/governance/meetings/:id/requests/new', editor, async (req, res) => {
    const { user, meeting, body } = await loadMeeting(req);
    renderForm(
      res,
      200,
      {
        title: 'Record an information request',
        caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
        back: `/governance/meetings/${meeting.id}`,
        submitText: 'Add request',
      },
      await requestDefs(user.organisationId, false),
      {},
    );
  });
  router.post('/governance/meetings/:id/requests/new', editor, async (req, res) => {
    const { user, meeting, body } = await loadMeeting(req);
    const { actor } = signedIn(req);
    await handleForm(req, res, {
      schema: informationRequestSchema,
      defs: await requestDefs(user.organisationId, false),
      extra: { meetingId: meeting.id },
      page: {
        title: 'Record an information request',
        caption: `${body.name}, ${formatGovukDate(meeting.meetingDate)}`,
        back: `/governance/meetings/${meeting.id}`,
        submitText: 'Add request',
      },
      save: (data) => svc.createRequest(db, actor, data),
      done: () => ({
        flash: 'The information request has been recorded.',
        redirect: `/governance/meetings/${meeting.id}`,
      }),
    });
  });
  router.get('/governance/requests', async (req, res) => {
    const { user } = signedIn(req);
    const t = today();
    const outstanding = (await svc.listRequests(db, user.organisationId, { outstanding: true })).map((r) => ({
      ...r,
      overdue: r.dueDate !== null && r.dueDate < t,
    }));
    res.render(`${T}requests.njk`, { title: 'Outstanding information requests', outstanding, canEdit: canEdit(req) });
  });
  router.get('/governance/requests/:id', contributor, async (req, res) => {
    const { user } = signedIn(req);
    const r = await getOwned(db, user.organisationId, 'informationRequests', String(req.params.id));
    mayUpdate(req, r.officerId);
    renderForm(
      res,
      200,
      {
        title: 'Information request',
        back: `/governance/meetings/${r.meetingId}`,
        version: r.version,
        historyHref: `/history/informationRequests/${r.id}`,
      },
      await requestDefs(user.organisationId, true),
      r,
    );
  });
  router.post('/governance/requests/:id', contributor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const r = await getOwned(db, user.organisationId, 'informationRequests', String(req.params.id));
    mayUpdate(req, r.officerId);
    await handleForm(req, res, {
      schema: informationRequestSchema,
      defs: await requestDefs(user.organisationId, true),
      extra: { meetingId: r.meetingId },
      page: { title: 'Information request', back: `/governance/meetings/${r.meetingId}`, version: r.version },
      save: (data) => svc.updateRequest(db, actor, r.id, data, version(req)),
      done: () => ({
        flash: 'The information request has been saved.',
        redirect: `/governance/meetings/${r.meetingId}`,
      }),
    });
  });

  // ----- decisions -----
  const decisionDefs = async (orgId: string, full: boolean): Promise<FieldDef[]> => {
    const meetings = await svc.listMeetings(db, orgId);
    return [
      { kind: 'input', name: 'title', label: 'Title' },
      { kind: 'textarea', name: 'decisionText', label: 'The decision (optional)', rows: 5 },
      {
        kind: 'input',
        name: 'decisionMaker',
        label: 'Decision maker',
        hint: 'For example, Cabinet, or the Lead Member for Children’s Services',
      },
      {
        kind: 'select',
        name: 'meetingId',
        label: 'Meeting (optional)',
        items: meetings.map((m) => ({ value: m.id, text: `${m.bodyName}, ${formatGovukDate(m.meetingDate)}` })),
      },
      { kind: 'date', name: 'madeDate', label: 'Date made' },
      {
        kind: 'date',
        name: 'publishedDate',
        label: 'Date published',
        hint: 'The call-in period runs from this date. For example, 19 6 2023',
      },
      ...(full
        ? [{ kind: 'radios', name: 'status', label: 'Status', items: items(LABELS.decisionStatus) } as FieldDef]
        : []),
    ];
  };
  router.get('/governance/decisions', async (req, res) => {
    const { user } = signedIn(req);
    const t = today();
    const decisions = (await svc.listDecisions(db, user.organisationId)).map((d) => ({
      ...d,
      callInOpen: d.status === 'published' && callInOpen(d.callInDeadline, t),
    }));
    const rule = await svc.callInRule(db, user.organisationId);
    res.render(`${T}decisions.njk`, {
      title: 'Decisions',
      decisions,
      ruleText: describeCallInRule(rule),
      labels: LABELS,
      canEdit: canEdit(req),
    });
  });
  router.get('/governance/decisions/new', editor, async (req, res) => {
    const { user } = signedIn(req);
    const rule = await svc.callInRule(db, user.organisationId);
    renderForm(
      res,
      200,
      {
        title: 'Record a decision',
        back: '/governance/decisions',
        submitText: 'Record decision',
        intro: `Waymark works out the call-in deadline: ${describeCallInRule(rule).toLowerCase()}.`,
      },
      await decisionDefs(user.organisationId, false),
      {},
    );
  });
  router.post('/governance/decisions/new', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    await handleForm(req, res, {
      schema: decisionSchema,
      defs: await decisionDefs(user.organisationId, false),
      extra: { status: 'published' },
      page: { title: 'Record a decision', back: '/governance/decisions', submitText: 'Record decision' },
      save: (data) => svc.createDecision(db, actor, data),
      done: (d) => ({
        flash: `“${d.title}” has been recorded. Call-in closes at midnight on ${formatGovukDate(d.callInDeadline)}.`,
        redirect: `/governance/decisions/${d.id}`,
      }),
    });
  });
  router.get('/governance/decisions/:id', async (req, res) => {
    const { user } = signedIn(req);
    const d = await getOwned(db, user.organisationId, 'decisions', String(req.params.id));
    if (!canEdit(req))
      return res.render(`${T}decision.njk`, {
        title: d.title,
        decision: d,
        callInOpen: d.status === 'published' && callInOpen(d.callInDeadline, today()),
        labels: LABELS,
      });
    renderForm(
      res,
      200,
      {
        title: d.title,
        caption: 'Decision',
        back: '/governance/decisions',
        version: d.version,
        historyHref: `/history/decisions/${d.id}`,
        intro: `Call-in deadline: midnight on ${formatGovukDate(d.callInDeadline)}.`,
      },
      await decisionDefs(user.organisationId, true),
      d,
    );
  });
  router.post('/governance/decisions/:id', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const d = await getOwned(db, user.organisationId, 'decisions', String(req.params.id));
    await handleForm(req, res, {
      schema: decisionSchema,
      defs: await decisionDefs(user.organisationId, true),
      page: { title: d.title, caption: 'Decision', back: '/governance/decisions', version: d.version },
      save: (data) => svc.updateDecision(db, actor, d.id, data, version(req)),
      done: (saved) => ({ flash: `“${saved.title}” has been saved.`, redirect: '/governance/decisions' }),
    });
  });

  // ----- forward plan -----
  const forwardDefs = async (orgId: string): Promise<FieldDef[]> => [
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
    { kind: 'select', name: 'ownerId', label: 'Owner (optional)', items: await userItems(orgId) },
    { kind: 'radios', name: 'recurrence', label: 'How often', items: items(LABELS.recurrence) },
    {
      kind: 'date',
      name: 'dueDate',
      label: 'Due date',
      hint: 'For a recurring report, the next one due. For example, 21 1 2026',
    },
  ];
  router.get('/governance/forward-plan', async (req, res) => {
    const { user } = signedIn(req);
    const t = today();
    const forward = (await svc.listForwardPlan(db, user.organisationId)).map((f) => ({ ...f, overdue: f.dueDate < t }));
    res.render(`${T}forward-plan.njk`, { title: 'Forward plan', forward, labels: LABELS, canEdit: canEdit(req) });
  });
  router.get('/governance/forward-plan/new', editor, async (req, res) => {
    const { user } = signedIn(req);
    renderForm(
      res,
      200,
      { title: 'Add to the forward plan', back: '/governance/forward-plan', submitText: 'Add report' },
      await forwardDefs(user.organisationId),
      { bodyId: req.query.bodyId },
    );
  });
  router.post('/governance/forward-plan/new', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    await handleForm(req, res, {
      schema: forwardPlanSchema,
      defs: await forwardDefs(user.organisationId),
      page: { title: 'Add to the forward plan', back: '/governance/forward-plan', submitText: 'Add report' },
      save: (data) => svc.createForwardPlanItem(db, actor, data),
      done: (f) => ({
        flash: `“${f.title}” has been added to the forward plan.`,
        redirect: '/governance/forward-plan',
      }),
    });
  });
  router.get('/governance/forward-plan/:id', editor, async (req, res) => {
    const { user } = signedIn(req);
    const f = await getOwned(db, user.organisationId, 'forwardPlanItems', String(req.params.id));
    renderForm(
      res,
      200,
      {
        title: 'Edit forward-plan report',
        back: '/governance/forward-plan',
        version: f.version,
        historyHref: `/history/forwardPlanItems/${f.id}`,
      },
      await forwardDefs(user.organisationId),
      f,
    );
  });
  router.post('/governance/forward-plan/:id', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const f = await getOwned(db, user.organisationId, 'forwardPlanItems', String(req.params.id));
    await handleForm(req, res, {
      schema: forwardPlanSchema,
      defs: await forwardDefs(user.organisationId),
      page: { title: 'Edit forward-plan report', back: '/governance/forward-plan', version: f.version },
      save: (data) => svc.updateForwardPlanItem(db, actor, f.id, data, version(req)),
      done: (saved) => ({ flash: `“${saved.title}” has been saved.`, redirect: '/governance/forward-plan' }),
    });
  });
  router.post('/governance/forward-plan/:id/deliver', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const f = await getOwned(db, user.organisationId, 'forwardPlanItems', String(req.params.id));
    const saved = await svc.deliverForwardPlanItem(db, actor, f.id, today(), requireVersion(req.body?.version));
    req.session.flash = {
      text:
        saved.status === 'delivered'
          ? `“${f.title}” has been marked as delivered.`
          : `“${f.title}” has been delivered; the next one is due on ${formatGovukDate(saved.dueDate)}.`,
    };
    res.redirect('/governance/forward-plan');
  });

  // ----- settings -----
  const settingsDefs: FieldDef[] = [
    {
      kind: 'input',
      name: 'callInWorkingDays',
      label: 'Call-in period in working days',
      width: 'govuk-input--width-3',
      inputmode: 'numeric',
    },
    {
      kind: 'radios',
      name: 'callInCountsPublicationDay',
      label: 'Does the day of publication count as the first day?',
      items: [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No, count from the day after' },
      ],
    },
    {
      kind: 'input',
      name: 'reminderDaysAhead',
      label: 'Remind owners this many working days before a date',
      width: 'govuk-input--width-3',
      inputmode: 'numeric',
    },
  ];
  router.get('/governance/settings', admin, async (req, res) => {
    const { user } = signedIn(req);
    const s = await svc.getSettings(db, user.organisationId);
    renderForm(res, 200, { title: 'Governance settings', back: '/governance', version: s.version }, settingsDefs, {
      ...s,
      callInCountsPublicationDay: s.callInCountsPublicationDay ? 'yes' : 'no',
    });
  });
  router.post('/governance/settings', admin, async (req, res) => {
    const { actor } = signedIn(req);
    await handleForm(req, res, {
      schema: settingsSchema,
      defs: settingsDefs,
      page: { title: 'Governance settings', back: '/governance' },
      save: (data) =>
        svc.saveSettings(
          db,
          actor,
          {
            callInWorkingDays: data.callInWorkingDays,
            callInCountsPublicationDay: data.callInCountsPublicationDay === 'yes',
            reminderDaysAhead: data.reminderDaysAhead,
          },
          data.version,
        ),
      done: () => ({ flash: 'Governance settings saved.', redirect: '/governance' }),
    });
  });
}

export const governanceFeature: Feature = {
  name: 'governance',
  nav: [{ text: 'Governance', href: '/governance' }],
  web: routes,
  api: governanceApi,
  async homeCards(services, user) {
    const t = todayInLondon(services.now());
    const requests = await svc.listRequests(services.db, user.organisationId, { outstanding: true });
    const items = (await svc.listActionItems(services.db, user.organisationId, {})).filter(
      (i) => i.status !== 'closed',
    );
    const overdue = items.filter((i) => i.dueDate < t).length;
    // Say whose items these are: every board's and committee's, counted by body, and how many are the reader's.
    const bodies = new Map(
      (
        await services.db
          .selectFrom('bodies')
          .select(['id', 'name'])
          .where('organisationId', '=', user.organisationId)
          .execute()
      ).map((b) => [b.id, b.name]),
    );
    const byBody = new Map<string, number>();
    for (const i of items)
      byBody.set(bodies.get(i.bodyId) ?? 'Another body', (byBody.get(bodies.get(i.bodyId) ?? 'Another body') ?? 0) + 1);
    const mine = items.filter((i) => i.ownerId === user.id).length;
    const whose = [...byBody.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, n]) => `${n} ${name}`)
      .join(', ');
    const parts = [
      whose && `All boards and committees: ${whose}`,
      `${mine} yours`,
      overdue ? `${overdue} overdue` : '',
    ].filter(Boolean);
    return [
      { title: 'Outstanding information requests', href: '/governance/requests', value: requests.length },
      {
        title: 'Open action-sheet items',
        href: '/governance/action-items',
        value: items.length,
        text: `${parts.join('; ')}.`,
      },
    ];
  },
};
