import type { Services } from '../../container.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';
import { addDays, todayInLondon } from '../../lib/dates.js';
import { getActionEvidenceRags } from '../plans/status.js';
import { getIndicatorStatuses } from '../indicators/status.js';
import { createRisk } from '../risks/service.js';
import * as svc from './service.js';

export const DEMO_SCRUTINY = 'Children and Families Scrutiny Committee';

/**
 * The demo council's boards and scrutiny: a scrutiny committee with two past meetings and one coming
 * up (open actions carried forward, a request never answered, questions submitted in advance), an
 * independently chaired improvement board, Cabinet decisions with call-in, a forward plan and a risk
 * register in which a risk rated low is contradicted by red evidence (seed 004). Dates sit around today
 * so the overdue items stay overdue. Every person named here is fictional. Safe to run twice.
 */
export async function seedGovernanceDemo(services: Services, ctx: DemoContext): Promise<void> {
  const { db } = services;
  if (await firstRecord(db, ctx.organisationId, 'bodies', { name: DEMO_SCRUTINY })) return;
  const actor = ctx.actor;
  const today = todayInLondon(services.now());
  const day = (n: number) => addDays(today, n);
  const editor = ctx.usersByRole.editor ?? ctx.usersByRole.admin;
  const owner = ctx.usersByRole.contributor ?? editor;
  const councillor = ctx.usersByRole.viewer ?? null;

  const scrutiny = await svc.createBody(db, actor, {
    name: DEMO_SCRUTINY,
    kind: 'scrutiny-committee',
    description: 'Scrutinises children’s social care, education and the improvement plan on behalf of the council.',
  });
  const board = await svc.createBody(db, actor, {
    name: 'Improvement Board',
    kind: 'improvement-board',
    description: 'Independently chaired; oversees the improvement plan after the inspection.',
  });
  const cabinet = await svc.createBody(db, actor, { name: 'Cabinet', kind: 'cabinet', description: null });
  await svc.createBody(db, actor, {
    name: 'Corporate Parenting Board',
    kind: 'corporate-parenting-board',
    description: null,
  });

  if (councillor) await svc.addMember(db, actor, scrutiny.id, { userId: councillor, name: null, memberRole: 'chair' });
  else await svc.addMember(db, actor, scrutiny.id, { userId: null, name: 'Cllr Morgan Quinn', memberRole: 'chair' });
  await svc.addMember(db, actor, scrutiny.id, { userId: null, name: 'Cllr Avery Lane', memberRole: 'member' });
  await svc.addMember(db, actor, scrutiny.id, { userId: null, name: 'Cllr Priya Dunmore', memberRole: 'member' });
  await svc.addMember(db, actor, scrutiny.id, { userId: editor, name: null, memberRole: 'officer' });
  await svc.addMember(db, actor, board.id, {
    userId: null,
    name: 'Alex Brennan (independent chair)',
    memberRole: 'chair',
  });
  await svc.addMember(db, actor, board.id, { userId: null, name: 'DfE improvement adviser', memberRole: 'adviser' });

  const m1 = await svc.createMeeting(db, actor, {
    bodyId: scrutiny.id,
    meetingDate: day(-70),
    title: 'Inspection report and improvement plan',
    location: 'Council Chamber, Ashdown Vale Civic Centre',
    minutes: [
      'The Director of Children’s Services presented the inspection report.',
      '',
      'The committee discussed:',
      '- agency staff filling 80% of posts at the front door',
      '- young people placed in houses in multiple occupation, now reduced from 12 to 2',
      '- caseloads, compared with about 15 per social worker in good authorities',
      '',
      'ACTION – add to action sheet (twice). Members asked for staff numbers and length of service.',
    ].join('\n'),
  });
  const m2 = await svc.createMeeting(db, actor, {
    bodyId: scrutiny.id,
    meetingDate: day(-14),
    title: 'Workforce',
    location: 'Committee Room 2',
    minutes:
      'The committee received the workforce report.\n\n- Agency staff figures were presented and the action closed.',
  });
  const m3 = await svc.createMeeting(db, actor, {
    bodyId: scrutiny.id,
    meetingDate: day(21),
    title: 'Improvement plan progress',
    location: 'Council Chamber, Ashdown Vale Civic Centre',
    minutes: null,
  });
  await svc.createMeeting(db, actor, {
    bodyId: board.id,
    meetingDate: day(10),
    title: 'Quarterly review',
    location: null,
    minutes: null,
  });

  for (const [m, title] of [
    [m1, 'Inspection of local authority children’s services: the report'],
    [m1, 'The improvement plan'],
    [m3, 'Improvement plan: progress and RAG ratings'],
    [m3, 'Performance: unallocated cases and caseloads'],
  ] as const) {
    await svc.addAgendaItem(db, actor, m.id, { title, summary: null, linkType: null, linkId: null });
  }

  const agenda1 = await svc.listAgenda(db, ctx.organisationId, m1.id);
  const hmo = await svc.createActionItem(
    db,
    actor,
    {
      meetingId: m1.id,
      description:
        'Share the report on young people in houses in multiple occupation with the Corporate Parenting Board',
      ownerId: owner,
      dueDate: day(-56),
      agendaItemId: agenda1[0]?.id ?? null,
      planActionId: null,
      status: 'open',
      closedOn: null,
      progressNote: null,
    },
    today,
  );
  await svc.createActionItem(
    db,
    actor,
    {
      meetingId: m1.id,
      description: 'Bring an update on caseloads to a future meeting',
      ownerId: editor,
      dueDate: day(21),
      agendaItemId: agenda1[1]?.id ?? null,
      planActionId: null,
      status: 'in-progress',
      closedOn: null,
      progressNote: 'Caseload audit under way',
    },
    today,
  );
  await svc.createActionItem(
    db,
    actor,
    {
      meetingId: m2.id,
      description: 'Report agency staff numbers at the front door each quarter',
      ownerId: editor,
      dueDate: day(-7),
      agendaItemId: null,
      planActionId: null,
      status: 'closed',
      closedOn: day(-8),
      progressNote: 'Added to the performance report',
    },
    today,
  );
  void hmo;

  await svc.createRequest(db, actor, {
    meetingId: m1.id,
    requestedBy: 'The committee',
    request: 'Number of social work staff, including how long they have worked for the council',
    officerId: editor,
    dueDate: day(-49),
    answer: null,
    answeredOn: null,
  });
  await svc.createRequest(db, actor, {
    meetingId: m2.id,
    requestedBy: 'Cllr Avery Lane',
    request: 'Themes from exit interviews in the last year',
    officerId: owner,
    dueDate: day(-7),
    answer: 'Workload and management support were the two main themes.',
    answeredOn: day(-9),
  });

  await svc.createQuestion(db, actor, {
    meetingId: m3.id,
    askedBy: 'Cllr Priya Dunmore',
    question: 'How many cases are unallocated today, and how long has the oldest waited?',
    submittedOn: day(-2),
    response: null,
    respondedBy: null,
    status: 'awaiting-response',
  });
  await svc.createQuestion(db, actor, {
    meetingId: m3.id,
    askedBy: 'Cllr Avery Lane',
    question: 'When will the revised improvement plan come to this committee?',
    submittedOn: day(-3),
    response: 'It goes to Cabinet first and then to this committee at its next meeting.',
    respondedBy: 'Director of Children’s Services',
    status: 'answered',
  });

  await svc.createDecision(db, actor, {
    title: 'Inspection outcome and revised improvement plan',
    decisionText: 'Cabinet approved the revised improvement plan and its submission to Ofsted.',
    decisionMaker: 'Cabinet',
    meetingId: null,
    madeDate: day(-6),
    publishedDate: day(-4),
    status: 'published',
  });
  const old = await svc.createDecision(db, actor, {
    title: 'Fostering recruitment campaign',
    decisionText: null,
    decisionMaker: 'Lead Member for Children’s Services',
    meetingId: null,
    madeDate: day(-120),
    publishedDate: day(-118),
    status: 'published',
  });
  await svc.updateDecision(
    db,
    actor,
    old.id,
    {
      title: old.title,
      decisionText: null,
      decisionMaker: old.decisionMaker,
      meetingId: null,
      madeDate: old.madeDate,
      publishedDate: old.publishedDate,
      status: 'implemented',
    },
    old.version,
  );
  void cabinet;

  await svc.createForwardPlanItem(db, actor, {
    bodyId: scrutiny.id,
    title: 'Regular update on the improvement plan, including target monitoring',
    description: null,
    ownerId: editor,
    recurrence: 'quarterly',
    dueDate: day(21),
  });
  await svc.createForwardPlanItem(db, actor, {
    bodyId: scrutiny.id,
    title: 'Further report on placement sufficiency',
    description: 'Promised at the inspection report meeting.',
    ownerId: owner,
    recurrence: 'one-off',
    dueDate: day(-7),
  });
  await svc.createForwardPlanItem(db, actor, {
    bodyId: board.id,
    title: 'Performance scorecard',
    description: null,
    ownerId: editor,
    recurrence: 'monthly',
    dueDate: day(10),
  });

  // Risks: link red evidence where the plans and indicators demo provides it.
  const actionIds = (
    await db.selectFrom('actions').select('id').where('organisationId', '=', ctx.organisationId).execute()
  ).map((a) => a.id);
  const rags = actionIds.length ? await getActionEvidenceRags(db, ctx.organisationId, actionIds, today) : new Map();
  const redActions = [...rags]
    .filter(([, s]) => s.evidenceRag === 'red')
    .map(([id]) => id)
    .slice(0, 1);
  const indicatorIds = (
    await db.selectFrom('indicators').select('id').where('organisationId', '=', ctx.organisationId).execute()
  ).map((i) => i.id);
  const statuses = indicatorIds.length ? await getIndicatorStatuses(db, ctx.organisationId, indicatorIds) : new Map();
  const badIndicators = [...statuses]
    .filter(([, s]) => s.rag === 'red' || s.trend === 'worsening')
    .map(([id]) => id)
    .slice(0, 1);
  const risk = (
    reference: string,
    title: string,
    likelihood: number,
    impact: number,
    reviewDate: string,
    extra: {
      indicatorIds?: string[];
      planActionIds?: string[];
      cause?: string;
      consequence?: string;
      controls?: string;
    } = {},
  ) =>
    createRisk(
      db,
      actor,
      {
        reference,
        title,
        cause: extra.cause ?? null,
        consequence: extra.consequence ?? null,
        ownerId: owner,
        controls: extra.controls ?? null,
        likelihood,
        impact,
        reviewDate,
        status: 'open',
        scoreNote: null,
        indicatorIds: extra.indicatorIds ?? [],
        planActionIds: extra.planActionIds ?? [],
      },
      today,
    );
  await risk('CS-01', 'Children waiting for allocation are not visible to leaders', 1, 4, day(-3), {
    cause: 'Performance reports count cases, not children waiting',
    consequence: 'Harm to children is not prevented; leaders are falsely reassured',
    controls: 'Monthly performance report',
    indicatorIds: badIndicators,
    planActionIds: redActions,
  });
  await risk('CS-02', 'Not enough foster carers for children with complex needs', 4, 4, day(30), {
    cause: 'Regional shortage',
    consequence: 'Children placed far from home or in unregistered provision',
  });
  await risk('CS-03', 'Reliance on agency social workers at the front door', 3, 3, day(45), {
    controls: 'Overseas recruitment; market supplement',
  });
}
