import type { Services } from '../../container.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';
import type { Role } from '../../db/foundation-tables.js';
import { todayInLondon } from '../../lib/dates.js';
import { addPeriods, lastCompletePeriod, periodLabel } from '../../lib/periods.js';
import { allStandards, OFSTED_SCALE, parseFrameworkText, type Theme } from '../../lib/case-audit-framework.js';
import { CASE_LISTS } from '../../lib/case-audit-sampling.js';
import { indicatorKey } from '../../lib/case-audit-indicators.js';
import { insertAudited } from '../audit/audit.js';
import { createFramework, STARTER_FRAMEWORK_TEXT } from './frameworks.js';
import { createCycle } from './cycles.js';
import { commitSample } from './cases.js';
import { allocate, changeAudit, gradeAudit, moderateAudit } from './audits.js';
import { publishCycle } from './results.js';
import { addLearning } from './learning.js';
import { latestSnapshotDate } from './annex-source.js';

export const DEMO_FRAMEWORK = 'Practice quality audit';
/** The theme whose grades improve month by month, and the plan action it feeds. */
const IMPROVING = 'management-oversight-and-supervision';
const ACTION_REFERENCE = '2.1';
const CASES_PER_CYCLE = 10;
/** Standards of the improving theme graded good or better in each cycle, of 20 (10 audits × 2): 35%, 55%, 75%. */
const GOOD_OVERSIGHT = [7, 11, 15];

const NOTES = {
  good: 'Management oversight is recorded at each key decision, with its reasons. Supervision is monthly and reflective, and its actions have timescales that are followed up.',
  weak: 'Management oversight is recorded at the strategy discussion but not when the plan was reviewed. Supervision notes list tasks without reflection on the child’s experience.',
  poor: 'No management oversight is recorded since the case was allocated, and supervision has not taken place for three months.',
};
const PRACTICE = [
  'The assessment is thorough and the child was seen alone; their views are in their own words.',
  'The plan is clear about what must change, and partners attend the core group.',
  'Direct work is on file, but the plan does not yet say how the child’s wishes changed it.',
  'The chronology is up to date and the assessment analyses the impact of past harm.',
  'Visits are on time; the record is written to the child.',
];

/** A grade for each standard, chosen so that the improving theme rises and the others hold steady. */
function gradesFor(themes: Theme[], cycle: number, i: number): Record<string, string> {
  const grades: Record<string, string> = {};
  const steady = ['good', 'good', 'requires-improvement', 'good', 'requires-improvement'];
  for (const t of themes) {
    t.standards.forEach((s, j) => {
      if (t.key === IMPROVING) {
        const slot = i * 2 + j;
        grades[s.key] =
          slot < GOOD_OVERSIGHT[cycle]
            ? slot === 0 && cycle === 2
              ? 'outstanding'
              : 'good'
            : i === 9 && cycle < 2
              ? 'inadequate'
              : 'requires-improvement';
      } else if (s.code === 'V2' && i % 4 === 3) {
        grades[s.key] = 'n-a';
      } else if (s.code === 'A1' && i === 8) {
        grades[s.key] = 'inadequate';
      } else {
        grades[s.key] = steady[(i + j + cycle) % steady.length];
      }
    });
  }
  return grades;
}

/** The overall grade an auditor would give: mostly good or better is good, a third or less is inadequate. */
function overallOf(grades: Record<string, string>): string {
  const given = Object.values(grades).filter((g) => g !== 'n-a');
  const good = given.filter((g) => g === 'good' || g === 'outstanding').length / given.length;
  return good >= 0.6 ? 'good' : good > 0.34 ? 'requires-improvement' : 'inadequate';
}

/**
 * The demo council's audit programme: a practice framework, three auditors, and three monthly cycles
 * sampled from its Annex A snapshot, graded and partly moderated, in which management oversight
 * improves from 35% to 75% good or better. That result is an indicator with a target, linked to plan
 * action 2.1 (reflective supervision). Safe to run twice: an organisation with a framework is left alone.
 */
export async function seedCaseAuditsDemo(services: Services, ctx: DemoContext): Promise<void> {
  const { db } = services;
  if (await firstRecord(db, ctx.organisationId, 'caseAuditFrameworks')) return;
  if (!(await latestSnapshotDate(db, ctx.organisationId))) return;
  const actor = { ...ctx.actor, label: 'Demo data' };
  const today = todayInLondon(services.now());

  const people = await db
    .selectFrom('users')
    .select(['id', 'role', 'displayName'])
    .where('organisationId', '=', ctx.organisationId)
    .where('active', '=', true)
    .orderBy('email')
    .execute();
  const auditors = people.filter((p) => p.role === 'editor' || p.role === 'contributor');
  if (auditors.length < 2) return;
  for (const a of auditors) await insertAudited(db, actor, 'caseAuditors', { userId: a.id });

  const { themes } = parseFrameworkText(STARTER_FRAMEWORK_TEXT);
  const { framework } = await createFramework(db, actor, {
    name: DEMO_FRAMEWORK,
    description: 'Monthly audits of a sample of open cases against the council’s practice standards.',
    themes,
    scale: OFSTED_SCALE,
    changeNote: 'First version',
  });

  const last = lastCompletePeriod('month', today);
  const periods = [addPeriods(last, -2), addPeriods(last, -1), last];
  const cycleIds: string[] = [];
  const quoted: { cycle: number; auditId: string; quote: string }[] = [];
  for (const [c, period] of periods.entries()) {
    const cycle = await createCycle(db, actor, {
      title: `${periodLabel(period)} practice audit`,
      kind: 'monthly',
      period,
      topic: null,
      frameworkId: framework.id,
      dueDate: null,
    });
    cycleIds.push(cycle.id);
    await commitSample(db, actor, cycle.id, { size: CASES_PER_CYCLE, seed: 2100 + c, lists: [...CASE_LISTS] });
    const audits = await db
      .selectFrom('caseAudits')
      .selectAll()
      .where('cycleId', '=', cycle.id)
      .orderBy('caseHash')
      .execute();
    for (const [i, audit] of audits.entries()) {
      const auditor = auditors[i % auditors.length];
      const moderator = auditors[(i + 1) % auditors.length];
      const asUser = (u: { id: string; role: Role; displayName: string }) => ({
        id: u.id,
        role: u.role,
        displayName: u.displayName,
      });
      const grades = gradesFor(themes, c, i);
      const oversight = allStandards(themes)
        .filter((s) => s.themeKey === IMPROVING)
        .map((s) => grades[s.key]);
      const tone = oversight.every((g) => g === 'good' || g === 'outstanding')
        ? 'good'
        : oversight.includes('inadequate')
          ? 'poor'
          : 'weak';
      const note = `${NOTES[tone]} ${PRACTICE[(i + c) % PRACTICE.length]}`;
      const moderated = i % 3 === 0;
      await changeAudit(db, actor, audit.id, undefined, async (trx, row) => {
        let current = await allocate(trx, actor, row, {
          auditorId: auditor.id,
          moderatorId: moderated ? moderator.id : null,
        });
        current = await gradeAudit(trx, { ...actor, userId: auditor.id }, asUser(auditor), current, {
          grades,
          overall: overallOf(grades),
          note,
          auditedOn: `${period}-${String(10 + i).padStart(2, '0')}`,
        });
        if (moderated) {
          // The first cycle's moderation finds one audit graded too generously (one grade lower); the rest agree.
          const given = current.overallGrade!;
          const lower =
            OFSTED_SCALE[Math.min(OFSTED_SCALE.length - 1, OFSTED_SCALE.findIndex((g) => g.key === given) + 1)].key;
          const changed = c === 0 && i === 3 && lower !== given;
          await moderateAudit(trx, { ...actor, userId: moderator.id }, asUser(moderator), current, {
            grades: changed ? { p2: 'requires-improvement' } : {},
            overall: changed ? lower : given,
            note: changed
              ? 'The plan is not yet reducing risk: the overall grade should be lower.'
              : 'Agreed with the auditor’s grades.',
            moderatedOn: `${period}-${String(20 + (i % 5)).padStart(2, '0')}`,
          });
        }
      });
      if (tone !== 'good' && !quoted.some((q) => q.cycle === c))
        quoted.push({ cycle: c, auditId: audit.id, quote: NOTES[tone].split('. ')[1] ?? NOTES[tone] });
    }
    await publishCycle(db, actor, cycle.id);
  }

  const action = await db
    .selectFrom('actions')
    .innerJoin('plans', 'plans.id', 'actions.planId')
    .select(['actions.id'])
    .where('actions.organisationId', '=', ctx.organisationId)
    .where('actions.reference', '=', ACTION_REFERENCE)
    .where('plans.status', '!=', 'superseded')
    .orderBy('plans.planVersion')
    .execute();
  const first = quoted.find((q) => q.cycle === 0);
  if (first) {
    await addLearning(db, actor, cycleIds[0], themes, {
      title: 'Management oversight is missing at key decisions',
      themeKey: IMPROVING,
      auditId: first.auditId,
      quote: first.quote.replace(/\.$/, ''),
      actionId: action[0]?.id ?? null,
    });
  }
  await addLearning(db, actor, cycleIds[2], themes, {
    title: 'Reflective supervision is now recorded in most cases',
    themeKey: IMPROVING,
    auditId: null,
    quote: null,
    actionId: action[0]?.id ?? null,
  });

  // The improving theme's result is evidence for action 2.1, with a trajectory to its 80% success measure.
  const indicator = await db
    .selectFrom('indicators')
    .select('id')
    .where('organisationId', '=', ctx.organisationId)
    .where('key', '=', indicatorKey(framework.key, { kind: 'theme', key: IMPROVING }, 'good'))
    .executeTakeFirst();
  if (indicator) {
    await insertAudited(db, actor, 'indicatorTargets', {
      indicatorId: indicator.id,
      kind: 'trajectory',
      period: null,
      value: null,
      startPeriod: periods[0],
      startValue: 50,
      endPeriod: addPeriods(last, 4),
      endValue: 80,
    });
    if (action.length)
      await db
        .insertInto('actionIndicators')
        .values(action.map((a) => ({ organisationId: ctx.organisationId, actionId: a.id, indicatorId: indicator.id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
}
