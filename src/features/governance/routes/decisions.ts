import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Services } from '../../../container.js';
import type { Database } from '../../../db/schema.js';
import { requireRole, signedIn } from '../../../middleware/auth.js';
import { formatGovukDate, todayInLondon } from '../../../lib/dates.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { callInOpen, describeCallInRule } from '../../../lib/call-in.js';
import { getOwned } from '../../audit/audit.js';
import { LABELS, items } from '../labels.js';
import { decisionSchema } from '../schemas.js';
import * as svc from '../service.js';
import { formRoute, handleForm, renderForm, T } from './form.js';
import { editsGovernance, history, version } from './common.js';

/** The status shows only once the decision exists (a new one is published). */
async function decisionDefs(db: Kysely<Database>, orgId: string, full: boolean): Promise<FieldDef[]> {
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
}

/** Decisions and their call-in deadlines. */
export function decisionRoutes(router: Router, services: Services): void {
  const { db } = services;
  const today = () => todayInLondon(services.now());

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
      canEdit: editsGovernance(req),
    });
  });

  formRoute(router, {
    path: '/governance/decisions/new',
    role: 'editor',
    load: async () => null,
    page: () => ({ title: 'Record a decision', back: '/governance/decisions', submitText: 'Record decision' }),
    firstView: async (_none, { user }) => ({
      intro: `Waymark works out the call-in deadline: ${describeCallInRule(await svc.callInRule(db, user.organisationId)).toLowerCase()}.`,
    }),
    defs: (_none, { user }) => decisionDefs(db, user.organisationId, false),
    values: () => ({}),
    schema: decisionSchema,
    extra: () => ({ status: 'published' }),
    save: (data, _none, { actor }) => svc.createDecision(db, actor, data),
    done: (d) => ({
      flash: `“${d.title}” has been recorded. Call-in closes at midnight on ${formatGovukDate(d.callInDeadline)}.`,
      redirect: `/governance/decisions/${d.id}`,
    }),
  });

  const decisionPage = (d: { title: string; version: number }) => ({
    title: d.title,
    caption: 'Decision',
    back: '/governance/decisions',
    version: d.version,
  });

  // Everyone may read a decision; only editors see it as a form.
  router.get('/governance/decisions/:id', async (req, res) => {
    const { user } = signedIn(req);
    const d = await getOwned(db, user.organisationId, 'decisions', String(req.params.id));
    if (!editsGovernance(req))
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
        ...decisionPage(d),
        ...history('decisions', d.id),
        intro: `Call-in deadline: midnight on ${formatGovukDate(d.callInDeadline)}.`,
      },
      await decisionDefs(db, user.organisationId, true),
      d,
    );
  });
  router.post('/governance/decisions/:id', requireRole('editor'), async (req, res) => {
    const { user, actor } = signedIn(req);
    const d = await getOwned(db, user.organisationId, 'decisions', String(req.params.id));
    await handleForm(req, res, {
      schema: decisionSchema,
      defs: await decisionDefs(db, user.organisationId, true),
      page: decisionPage(d),
      save: (data) => svc.updateDecision(db, actor, d.id, data, version(req)),
      done: (saved) => ({ flash: `“${saved.title}” has been saved.`, redirect: '/governance/decisions' }),
    });
  });
}
