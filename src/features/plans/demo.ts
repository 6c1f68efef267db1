import type { Services } from '../../container.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';
import { addDays, todayInLondon } from '../../lib/dates.js';
import { addWorkingDays } from '../../lib/working-days.js';
import { loadHolidays } from '../calendar/holidays.js';
import {
  approvePlan,
  createAction,
  createMilestone,
  createPlan,
  createUpdate,
  revisePlan,
  type ActionInput,
} from './service.js';

export const DEMO_PLAN_TITLE = 'Improving children’s services 2023 to 2027';

type DemoAction = ActionInput & {
  theme: string;
  owner: 'owner' | 'owner2' | 'editor' | null;
  findings?: string[];
  milestones: { title: string; due: string; completed?: string; note?: string }[];
  update?: {
    daysAgo: number;
    narrative: string;
    ownerRag: 'red' | 'amber' | 'green' | 'complete';
    reason?: string;
    file?: { name: string; text: string };
  };
};

/**
 * The demo council's plan: version 1 answers the 2023 inspection and was approved by Cabinet; version 2
 * (a draft) adds the latest focused visit's area for priority action, leaving one finding uncovered.
 * Dates are set around today so that red, amber, green and challenged actions stay that way.
 */
export async function seedPlansDemo(services: Services, ctx: DemoContext): Promise<void> {
  const { db } = services;
  if (await firstRecord(db, ctx.organisationId, 'plans', { title: DEMO_PLAN_TITLE })) return;
  const today = todayInLondon(services.now());
  const holidays = await loadHolidays(db, ctx.organisationId);
  const wd = (n: number) => addWorkingDays(today, n, holidays);
  const inspections = await db
    .selectFrom('inspections')
    .select(['id', 'typeKey', 'startDate'])
    .where('organisationId', '=', ctx.organisationId)
    .orderBy('startDate', 'desc')
    .execute();
  const standard = inspections.find((i) => i.typeKey.startsWith('ilacs'));
  const latest = inspections[0];
  const findings = inspections.length
    ? await db
        .selectFrom('findings')
        .select(['id', 'inspectionId', 'text', 'kind'])
        .where('organisationId', '=', ctx.organisationId)
        .where(
          'inspectionId',
          'in',
          inspections.map((i) => i.id),
        )
        .execute()
    : [];
  const findingLike = (inspectionId: string | undefined, words: string) =>
    findings
      .filter((f) => f.inspectionId === inspectionId && f.kind !== 'strength' && f.text.toLowerCase().includes(words))
      .map((f) => f.id);

  const users = Object.values(ctx.userIds);
  const contributors = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('organisationId', '=', ctx.organisationId)
    .where('id', 'in', users.length ? users : [ctx.usersByRole.admin])
    .execute();
  const owners = contributors.filter((u) => u.role === 'contributor').map((u) => u.id);
  const ownerId = (who: DemoAction['owner']) =>
    who === 'owner'
      ? (owners[0] ?? ctx.usersByRole.editor ?? null)
      : who === 'owner2'
        ? (owners[1] ?? owners[0] ?? ctx.usersByRole.editor ?? null)
        : who === 'editor'
          ? (ctx.usersByRole.editor ?? ctx.usersByRole.admin)
          : null;
  const actorFor = (userId: string | null) => ({
    ...ctx.actor,
    userId: userId ?? ctx.actor.userId,
    label: 'Demo data',
  });

  const plan = await createPlan(db, ctx.actor, {
    title: DEMO_PLAN_TITLE,
    startDate: '2023-07-01',
    endDate: '2027-03-31',
    themes: ['Our people', 'Our practice', 'Our processes', 'Our partnerships'],
    inspectionIds: standard ? [standard.id] : [],
  });
  const themes = await db.selectFrom('planThemes').select(['id', 'name']).where('planId', '=', plan.id).execute();
  const themeId = (name: string) => themes.find((t) => t.name === name)?.id ?? null;
  const farDue = addDays(today, 200) > '2027-03-31' ? '2027-03-31' : addDays(today, 200);

  const actions: DemoAction[] = [
    {
      reference: '1.1',
      title: 'Recruit and keep permanent social workers',
      description:
        'A rolling recruitment campaign, a market supplement for experienced workers and a career pathway from newly qualified to advanced practitioner.',
      successMeasures: 'Agency social workers below 20% of posts; turnover below 15% a year.',
      theme: 'Our people',
      owner: 'owner',
      startDate: '2023-07-01',
      dueDate: farDue,
      status: 'in-progress',
      milestones: [
        {
          title: 'Recruitment campaign launched',
          due: '2023-09-29',
          completed: '2023-09-27',
          note: 'Campaign pack approved by the workforce board.',
        },
        { title: 'Agency social workers below 25% of posts', due: addDays(today, -45) },
      ],
      update: {
        daysAgo: 6,
        narrative: 'Four permanent offers accepted; starters due in the next two months. Agency use is at 27%.',
        ownerRag: 'amber',
        reason: 'Offers are accepted and start dates agreed, so the milestone will be met shortly.',
      },
    },
    {
      reference: '1.2',
      title: 'Bring average caseloads down to 18 children',
      theme: 'Our people',
      owner: 'owner2',
      startDate: '2023-07-01',
      dueDate: farDue,
      status: 'in-progress',
      findings: findingLike(standard?.id, 'oversight'),
      milestones: [{ title: 'Caseload review in every assessment team', due: wd(-3) }],
      update: {
        daysAgo: 2,
        narrative: 'Reviews complete in three of four teams; the last is booked for next week.',
        ownerRag: 'amber',
        file: {
          name: 'caseload-review.csv',
          text: 'team,average caseload\nAssessment 1,19\nAssessment 2,21\nAssessment 3,18\n',
        },
      },
    },
    {
      reference: '2.1',
      title: 'Reflective supervision and frontline management oversight',
      description: 'A supervision standard, monthly audits of supervision records and a programme for team managers.',
      successMeasures: '80% of audited supervision records graded good or better.',
      theme: 'Our practice',
      owner: 'owner',
      startDate: '2023-07-01',
      dueDate: farDue,
      status: 'in-progress',
      findings: findingLike(standard?.id, 'oversight'),
      milestones: [
        { title: 'Supervision standard agreed', due: '2023-10-31', completed: '2023-10-20' },
        { title: 'Team manager programme, first cohort', due: addDays(today, 40) },
      ],
      update: {
        daysAgo: 10,
        narrative: 'Audit shows 74% of supervision records good or better, up from 58%.',
        ownerRag: 'green',
      },
    },
    {
      reference: '2.2',
      title: 'Hold initial child protection conferences within 15 working days',
      theme: 'Our practice',
      owner: 'owner2',
      startDate: '2023-07-01',
      dueDate: '2024-09-30',
      status: 'complete',
      findings: findingLike(standard?.id, 'conferences'),
      milestones: [{ title: 'Conference chairs’ capacity increased', due: '2024-03-29', completed: '2024-03-15' }],
      update: { daysAgo: 30, narrative: 'Timeliness has been above 90% for six months.', ownerRag: 'complete' },
    },
    {
      reference: '3.1',
      title: 'One performance dashboard for leaders, from the case management system',
      theme: 'Our processes',
      owner: 'editor',
      startDate: addDays(today, 30) > farDue ? today : addDays(today, 30),
      dueDate: farDue,
      status: 'not-started',
      sources: [{ source: 'self-evaluation', description: 'Self-evaluation 2024 to 2025: leaders' }],
      milestones: [],
    },
    {
      reference: '4.1',
      title: 'Recruit foster carers with neighbouring councils',
      theme: 'Our partnerships',
      owner: 'owner2',
      startDate: '2023-07-01',
      dueDate: farDue,
      status: 'in-progress',
      findings: findingLike(standard?.id, 'foster'),
      milestones: [{ title: 'Joint fostering campaign launched', due: wd(-2) }],
      update: {
        daysAgo: 1,
        narrative: 'Campaign materials are with the partner councils for sign-off.',
        ownerRag: 'green',
        reason: 'Launch slipped by days only; enquiries are already up.',
      },
    },
    {
      reference: '4.2',
      title: 'Widen accommodation choices for care leavers aged 18 to 25',
      theme: 'Our partnerships',
      owner: null,
      startDate: '2023-07-01',
      dueDate: farDue,
      status: 'in-progress',
      findings: findingLike(standard?.id, 'care leavers'),
      sources: [
        {
          source: 'scrutiny',
          description: 'Children and young people scrutiny committee: request for a housing protocol',
        },
      ],
      milestones: [{ title: 'Housing protocol signed with district councils', due: addDays(today, 60) }],
    },
  ];

  // Action 1.1 (already red from its milestones) shows a linked indicator, where the indicators demo has made one.
  const agency = await firstRecord(db, ctx.organisationId, 'indicators', { key: 'agency-rate' });
  const created = new Map<string, string>();
  for (const a of actions) {
    const { theme, owner, findings: fids, milestones, update, ...input } = a;
    const indicatorIds = a.reference === '1.1' && agency ? [agency.id] : [];
    const action = await createAction(
      db,
      ctx.actor,
      plan.id,
      { ...input, themeId: themeId(theme), ownerId: ownerId(owner), findingIds: fids ?? [], indicatorIds },
      today,
    );
    created.set(a.reference, action.id);
    for (const m of milestones) {
      await createMilestone(
        db,
        ctx.actor,
        action.id,
        { title: m.title, dueDate: m.due, completedDate: m.completed ?? null, evidenceNote: m.note ?? '' },
        today,
      );
    }
    if (update) {
      const files = update.file
        ? [
            {
              filename: update.file.name,
              contentType: 'text/plain; charset=utf-8',
              content: Buffer.from(update.file.text),
            },
          ]
        : [];
      await createUpdate(
        db,
        actorFor(ownerId(owner)),
        action.id,
        {
          date: addDays(today, -update.daysAgo),
          narrative: update.narrative,
          ownerRag: update.ownerRag,
          challengeReason: update.reason ?? null,
        },
        files,
        today,
      );
    }
  }
  // Earlier ratings, so views can show movement since the last report.
  const earlier: [string, number, 'red' | 'amber' | 'green' | 'not-started'][] = [
    ['1.1', 60, 'amber'],
    ['1.2', 60, 'green'],
    ['2.1', 60, 'amber'],
    ['4.1', 60, 'green'],
  ];
  for (const [ref, daysAgo, rag] of earlier) {
    const actionId = created.get(ref);
    if (actionId)
      await db
        .insertInto('actionRagHistory')
        .values({
          organisationId: ctx.organisationId,
          actionId,
          recordedOn: addDays(today, -daysAgo),
          evidenceRag: rag,
          ownerRag: rag === 'not-started' ? null : rag,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  const approved = await approvePlan(
    db,
    ctx.actor,
    plan.id,
    { approvalBody: 'Cabinet', approvalDate: '2023-07-17', approvalReference: 'Cabinet decision 2023/41' },
    plan.version,
  );
  void approved;
  // Version 2 answers the latest inspection too (a focused visit), with one finding still to cover.
  const v2 = await revisePlan(db, ctx.actor, plan.id);
  if (latest && latest.id !== standard?.id) {
    await db
      .insertInto('planInspections')
      .values({ organisationId: ctx.organisationId, planId: v2.id, inspectionId: latest.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const themesV2 = await db.selectFrom('planThemes').select(['id', 'name']).where('planId', '=', v2.id).execute();
    await createAction(
      db,
      ctx.actor,
      v2.id,
      {
        reference: '2.3',
        title: 'Assessments for children on the edge of care',
        description: 'A practice standard and weekly oversight panel for assessments of children on the edge of care.',
        themeId: themesV2.find((t) => t.name === 'Our practice')?.id ?? null,
        ownerId: ownerId('owner'),
        startDate: today,
        dueDate: farDue,
        status: 'not-started',
        findingIds: findingLike(latest.id, 'edge of care'),
      },
      today,
    );
  }
}
