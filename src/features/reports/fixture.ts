import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { addDays } from '../../lib/dates.js';

/**
 * A synthetic plan written straight into the tables, for the report tests and the benchmark: themes,
 * actions with milestones and updates, linked indicators with monthly values and targets, and
 * optionally an inspection's findings, governance business and risks. All names are made up.
 */
export interface FixtureOptions {
  organisationId: string;
  ownerId: string | null;
  actions: number;
  indicators: number;
  today: string;
  themes?: string[];
  withGovernance?: boolean;
  withFindings?: boolean;
  /** Text for the first action's title and its update: awkward characters and long text. */
  firstTitle?: string;
  firstNarrative?: string;
}

export async function createReportFixture(db: Kysely<Database>, o: FixtureOptions) {
  const planId = crypto.randomUUID();
  const themes = o.themes ?? ['Our people', 'Our practice', 'Our processes', 'Our partnerships'];
  await db
    .insertInto('plans')
    .values({
      id: planId,
      organisationId: o.organisationId,
      title: 'Road to Good',
      startDate: addDays(o.today, -400),
      endDate: addDays(o.today, 700),
      lineageId: planId,
      status: 'approved',
    })
    .execute();
  const themeRows = await db
    .insertInto('planThemes')
    .values(themes.map((name, position) => ({ organisationId: o.organisationId, planId, name, position })))
    .returning(['id'])
    .execute();
  const actionValues = Array.from({ length: o.actions }, (_, i) => ({
    organisationId: o.organisationId,
    planId,
    themeId: themeRows[i % themeRows.length].id,
    reference: `${i + 1}`,
    title: i === 0 && o.firstTitle ? o.firstTitle : `Action ${i + 1}: improve practice in area ${i + 1}`,
    description: `What will be done for action ${i + 1}.`,
    ownerId: o.ownerId,
    startDate: addDays(o.today, -300),
    dueDate: addDays(o.today, 60 + (i % 200)),
    successMeasures: `Measure ${i + 1} reaches its target.`,
    status: (i % 10 === 9 ? 'complete' : i % 10 === 8 ? 'not-started' : 'in-progress') as
      'complete' | 'not-started' | 'in-progress',
    ownerRag: (i % 3 === 0 ? 'green' : i % 3 === 1 ? 'amber' : 'red') as 'green' | 'amber' | 'red',
    ownerRagReason: i % 3 === 0 ? 'On track according to the owner' : null,
    lastUpdateDate: addDays(o.today, -7),
  }));
  const actions: { id: string; reference: string }[] = [];
  for (let i = 0; i < actionValues.length; i += 200)
    actions.push(
      ...(await db
        .insertInto('actions')
        .values(actionValues.slice(i, i + 200))
        .returning(['id', 'reference'])
        .execute()),
    );
  const milestones = actions.flatMap((a, i) => [
    {
      organisationId: o.organisationId,
      actionId: a.id,
      title: `First milestone of ${a.reference}`,
      dueDate: addDays(o.today, i % 4 === 0 ? -30 : i % 4 === 1 ? -3 : 20),
      completedDate: null,
    },
    {
      organisationId: o.organisationId,
      actionId: a.id,
      title: `Second milestone of ${a.reference}`,
      dueDate: addDays(o.today, -90),
      completedDate: addDays(o.today, -95),
    },
  ]);
  for (let i = 0; i < milestones.length; i += 400)
    await db
      .insertInto('milestones')
      .values(milestones.slice(i, i + 400))
      .execute();
  const updates = actions.map((a, i) => ({
    organisationId: o.organisationId,
    actionId: a.id,
    updateDate: addDays(o.today, -7),
    narrative:
      i === 0 && o.firstNarrative
        ? o.firstNarrative
        : `Progress on action ${a.reference}: recruitment continues and audits show improvement.`,
    ownerRag: (i % 3 === 0 ? 'green' : i % 3 === 1 ? 'amber' : 'red') as 'green' | 'amber' | 'red',
    evidenceRag: 'amber' as const,
    authorId: o.ownerId,
  }));
  for (let i = 0; i < updates.length; i += 300)
    await db
      .insertInto('actionUpdates')
      .values(updates.slice(i, i + 300))
      .execute();

  const indicatorIds: string[] = [];
  for (let k = 0; k < o.indicators; k++) {
    const ind = await db
      .insertInto('indicators')
      .values({
        organisationId: o.organisationId,
        key: `ind-${k + 1}`,
        name: k === 0 ? 'Average caseload per social worker' : `Indicator ${k + 1}`,
        unit: k % 2 ? 'percent' : 'count',
        polarity: k % 2 ? 'higher-is-better' : 'lower-is-better',
        frequency: 'monthly',
        tolerance: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    indicatorIds.push(ind.id);
    const months = Array.from({ length: 12 }, (_, m) => {
      const d = new Date(Date.UTC(Number(o.today.slice(0, 4)), Number(o.today.slice(5, 7)) - 13 + m, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    });
    await db
      .insertInto('indicatorValues')
      .values(
        months.map((period, m) => ({
          organisationId: o.organisationId,
          indicatorId: ind.id,
          period,
          value: k % 2 ? 60 + m * 2 : 22 - m * 0.5,
          source: 'manual' as const,
          recordedBy: 'Fixture',
        })),
      )
      .execute();
    await db
      .insertInto('indicatorTargets')
      .values({
        organisationId: o.organisationId,
        indicatorId: ind.id,
        kind: 'period',
        period: months[0],
        value: k % 2 ? 80 : 15,
      })
      .execute();
    const linked = actions.filter((_, i) => i % Math.max(1, o.indicators) === k).slice(0, 5);
    if (linked.length)
      await db
        .insertInto('actionIndicators')
        .values(linked.map((a) => ({ organisationId: o.organisationId, actionId: a.id, indicatorId: ind.id })))
        .execute();
  }

  let bodyId: string | null = null;
  if (o.withGovernance) {
    const body = await db
      .insertInto('bodies')
      .values({ organisationId: o.organisationId, name: 'Good and Beyond Board', kind: 'improvement-board' })
      .returning('id')
      .executeTakeFirstOrThrow();
    bodyId = body.id;
    const meeting = await db
      .insertInto('meetings')
      .values({
        organisationId: o.organisationId,
        bodyId: body.id,
        meetingDate: addDays(o.today, -20),
        title: 'Board meeting',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('actionSheetItems')
      .values([
        {
          organisationId: o.organisationId,
          meetingId: meeting.id,
          description: 'Bring the agency staffing figures to the next meeting',
          ownerId: o.ownerId ?? '',
          dueDate: addDays(o.today, -2),
        },
        {
          organisationId: o.organisationId,
          meetingId: meeting.id,
          description: 'Closed item that must not be listed',
          ownerId: o.ownerId ?? '',
          dueDate: addDays(o.today, -10),
          status: 'closed',
          closedOn: addDays(o.today, -5),
        },
      ])
      .execute();
    await db
      .insertInto('informationRequests')
      .values({
        organisationId: o.organisationId,
        meetingId: meeting.id,
        requestedBy: 'Cllr Example',
        request: 'Staff numbers and length of service by team',
        dueDate: addDays(o.today, 10),
      })
      .execute();
    const risk = await db
      .insertInto('risks')
      .values({
        organisationId: o.organisationId,
        reference: 'R1',
        title: 'Workforce instability',
        likelihood: 1,
        impact: 3,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const redAction = actions[4];
    if (redAction)
      await db
        .insertInto('riskLinks')
        .values({
          organisationId: o.organisationId,
          riskId: risk.id,
          targetType: 'plan-action',
          targetId: redAction.id,
        })
        .execute();
  }

  if (o.withFindings) {
    const inspection = await db
      .insertInto('inspections')
      .values({
        organisationId: o.organisationId,
        typeKey: 'ilacs-standard',
        frameworkVersionKey: 'ilacs-2023',
        startDate: addDays(o.today, -500),
        publishedDate: addDays(o.today, -450),
        judgements: JSON.stringify({ overall: 'requires-improvement' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const findings = await db
      .insertInto('findings')
      .values([
        {
          organisationId: o.organisationId,
          inspectionId: inspection.id,
          kind: 'recommendation',
          text: 'The quality and consistency of management oversight and supervision.',
          position: 1,
        },
        {
          organisationId: o.organisationId,
          inspectionId: inspection.id,
          kind: 'area-for-improvement',
          text: 'The timeliness of return home interviews.',
          position: 2,
        },
        {
          organisationId: o.organisationId,
          inspectionId: inspection.id,
          kind: 'strength',
          text: 'Strong corporate parenting.',
          position: 3,
        },
      ])
      .returning(['id', 'kind'])
      .execute();
    await db
      .insertInto('planInspections')
      .values({ organisationId: o.organisationId, planId, inspectionId: inspection.id })
      .execute();
    await db
      .insertInto('actionFindings')
      .values({ organisationId: o.organisationId, actionId: actions[0].id, findingId: findings[0].id })
      .execute();
  }
  return { planId, actionIds: actions.map((a) => a.id), indicatorIds, bodyId };
}

/** Awkward text for the first action's title: a spreadsheet formula and markup. */
export const NASTY_TITLE = '=HYPERLINK("http://evil.example","Click") & <b>bold</b>';
/** An update far longer than the Word, print and PDF versions show. */
export const LONG_NARRATIVE = `Start of a very long update. ${'The service continues to recruit and audit. '.repeat(1000)}`;

interface ScenarioOrganisation {
  id: string;
  users: { contributor: { id: string } };
}

/** Two actions, one indicator and a body with its business, owned by the organisation's contributor. */
export function createSmallReportFixture(db: Kysely<Database>, org: ScenarioOrganisation, today: string) {
  return createReportFixture(db, {
    organisationId: org.id,
    ownerId: org.users.contributor.id,
    actions: 2,
    indicators: 1,
    today,
    withGovernance: true,
  });
}

/**
 * The report tests' world: organisation A's plan of 12 actions and 3 indicators with governance business and
 * findings (the first action with awkward and very long text), an empty plan, and organisation B's own plan
 * and body, which A must never reach.
 */
export async function createReportScenario(
  db: Kysely<Database>,
  orgs: { orgA: ScenarioOrganisation; orgB: ScenarioOrganisation },
  today: string,
) {
  const own = await createReportFixture(db, {
    organisationId: orgs.orgA.id,
    ownerId: orgs.orgA.users.contributor.id,
    actions: 12,
    indicators: 3,
    today,
    withGovernance: true,
    withFindings: true,
    firstTitle: NASTY_TITLE,
    firstNarrative: LONG_NARRATIVE,
  });
  const empty = await db
    .insertInto('plans')
    .values({
      id: crypto.randomUUID(),
      organisationId: orgs.orgA.id,
      title: 'Empty plan',
      startDate: '2025-01-01',
      endDate: '2026-01-01',
      lineageId: crypto.randomUUID(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const foreign = await createSmallReportFixture(db, orgs.orgB, today);
  return {
    planId: own.planId,
    bodyId: own.bodyId!,
    emptyPlanId: empty.id,
    foreignPlanId: foreign.planId,
    foreignBodyId: foreign.bodyId!,
  };
}
