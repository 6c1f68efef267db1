import type { Router } from 'express';
import type { Services } from '../../../container.js';
import { todayInLondon } from '../../../lib/dates.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { getOwned } from '../../audit/audit.js';
import { LABELS, items } from '../labels.js';
import { questionSchema } from '../schemas.js';
import * as svc from '../service.js';
import { formRoute } from './form.js';
import { atMeeting, history, loadMeeting, version } from './common.js';

/** The answer fields show only once the question exists. */
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

/** Questions submitted in advance of a meeting, and their responses. */
export function questionRoutes(router: Router, services: Services): void {
  const { db } = services;

  formRoute(router, {
    path: '/governance/meetings/:id/questions/new',
    role: 'editor',
    load: ({ req, user }) => loadMeeting(db, user, String(req.params.id)),
    page: (at) => atMeeting(at, 'Add a question submitted in advance', 'Add question'),
    defs: () => questionDefs(false),
    values: () => ({ submittedOn: todayInLondon(services.now()) }),
    schema: questionSchema,
    extra: ({ meeting }) => ({ meetingId: meeting.id, status: 'awaiting-response' }),
    save: (data, _at, { actor }) => svc.createQuestion(db, actor, data),
    done: (_q, { meeting }) => ({
      flash: 'The question has been added.',
      redirect: `/governance/meetings/${meeting.id}`,
    }),
  });

  formRoute(router, {
    path: '/governance/questions/:id',
    role: 'editor',
    load: ({ req, user }) => getOwned(db, user.organisationId, 'meetingQuestions', String(req.params.id)),
    page: (q) => ({ title: 'Question and response', back: `/governance/meetings/${q.meetingId}`, version: q.version }),
    firstView: (q) => history('meetingQuestions', q.id),
    defs: () => questionDefs(true),
    values: (q) => q,
    schema: questionSchema,
    extra: (q) => ({ meetingId: q.meetingId }),
    save: (data, q, { req, actor }) => svc.updateQuestion(db, actor, q.id, data, version(req)),
    done: (_saved, q) => ({
      flash: 'The question has been saved.',
      redirect: `/governance/meetings/${q.meetingId}`,
    }),
  });
}
