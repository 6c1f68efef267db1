import { getOwned, type Executor } from '../audit/audit.js';
import { formatGovukDate } from '../../lib/dates.js';
import { computeActionRags } from '../plans/status.js';
import { loadPlanControlNotes } from '../council/control.js';
import { auditFindingsSection } from '../case-audits/report-section.js';
import {
  DEFAULT_SECTIONS,
  REPORT_TYPE_LABELS,
  SECTION_KEYS,
  SECTION_LABELS,
  type ActionSnapshot,
  type Block,
  type ReportContent,
  type ReportType,
  type Section,
  type SectionKey,
} from './content.js';
import { movementBlocks } from './movement.js';
import type { BuildInput, Ctx, SectionBuilder } from './sections/context.js';
import { summaryBlocks } from './sections/summary.js';
import { exceptionBlocks } from './sections/exceptions.js';
import { themeBlocks } from './sections/themes.js';
import { indicatorBlocks } from './sections/indicators.js';
import { riskBlocks } from './sections/risks.js';
import { governanceBlocks } from './sections/governance.js';
import { ofstedPlanBlocks } from './sections/ofsted-plan.js';
import { actionsSheet } from './sections/actions-sheet.js';
import { meetingWithAgenda } from './sections/meeting.js';

export { NARRATIVE_LIMIT, EXCEL_CELL_LIMIT, clip, clipForExcel, type BuildInput } from './sections/context.js';

/** The builders of the sections read from live data; "movement" compares with the previous issued report instead. */
const SECTION_BUILDERS: Record<Exclude<SectionKey, 'movement'>, SectionBuilder> = {
  summary: summaryBlocks,
  exceptions: exceptionBlocks,
  themes: themeBlocks,
  indicators: indicatorBlocks,
  'audit-findings': async (ctx) => {
    const section = await auditFindingsSection(ctx.db, ctx.input.organisationId, ctx.plan.lineageId, ctx.states);
    ctx.data.push(...section.sheets);
    return section.blocks;
  },
  risks: riskBlocks,
  governance: governanceBlocks,
  'ofsted-plan': ofstedPlanBlocks,
};

/** A section whose source tables are not there yet (another feature still to be installed) says so instead of failing. */
async function guarded(key: SectionKey, build: () => Promise<Block[]>): Promise<Block[]> {
  try {
    return await build();
  } catch (err) {
    if ((err as { code?: string })?.code === '42P01')
      return [
        {
          kind: 'paragraph',
          text: `${SECTION_LABELS[key]} cannot be shown yet: this Waymark does not hold that information.`,
        },
      ];
    throw err;
  }
}

/**
 * Read the live data for one plan and build the report content. The plan must belong to the
 * organisation (404 otherwise); every other source is optional and a section without data says so.
 */
export async function buildReportContent(db: Executor, input: BuildInput): Promise<ReportContent> {
  const plan = await getOwned(db, input.organisationId, 'plans', input.planId);
  const sections = orderSections(input.sections ?? DEFAULT_SECTIONS[input.type]);
  const [org, states, actionRows, body, previous] = await Promise.all([
    db.selectFrom('organisations').select('name').where('id', '=', input.organisationId).executeTakeFirstOrThrow(),
    computeActionRags(db, input.organisationId, { planId: plan.id }, input.today),
    db
      .selectFrom('actions')
      .leftJoin('users', 'users.id', 'actions.ownerId')
      .select([
        'actions.id',
        'actions.description',
        'actions.successMeasures',
        'actions.themeId',
        'users.displayName as ownerName',
      ])
      .where('actions.organisationId', '=', input.organisationId)
      .where('actions.planId', '=', plan.id)
      .execute(),
    input.bodyId
      ? db
          .selectFrom('bodies')
          .select(['id', 'name'])
          .where('organisationId', '=', input.organisationId)
          .where('id', '=', input.bodyId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    findPreviousIssued(db, input.organisationId, plan.lineageId, input.type),
  ]);
  const ctx: Ctx = {
    db,
    input,
    plan: {
      id: plan.id,
      title: plan.title,
      lineageId: plan.lineageId,
      planVersion: plan.planVersion,
      status: plan.status,
      startDate: plan.startDate,
      endDate: plan.endDate,
    },
    states,
    actions: new Map(
      actionRows.map((a) => [
        a.id,
        { description: a.description, successMeasures: a.successMeasures, ownerName: a.ownerName, themeId: a.themeId },
      ]),
    ),
    owners: new Map(actionRows.map((a) => [a.id, a.ownerName ?? 'No owner'])),
    controlNotes: await loadPlanControlNotes(db, input.organisationId, plan.id),
    data: [],
  };
  const meeting = input.meetingId ? await meetingWithAgenda(db, input.organisationId, input.meetingId) : null;
  const snapshot: ActionSnapshot[] = states.map((s) => ({
    id: s.actionId,
    reference: s.reference,
    title: s.title,
    evidenceRag: s.evidenceRag,
    ownerRag: s.ownerRag,
  }));
  const built: Section[] = [];
  for (const key of sections) {
    const blocks: Block[] =
      key === 'movement'
        ? movementBlocks(
            previous ? { title: previous.title, issuedOn: previous.issuedOn, actions: previous.actions } : null,
            snapshot,
            formatGovukDate,
          )
        : await guarded(key, () => SECTION_BUILDERS[key](ctx));
    built.push({ key, title: SECTION_LABELS[key], blocks });
  }
  ctx.data.unshift(actionsSheet(ctx));

  return {
    schemaVersion: 1,
    type: input.type,
    // A pack for a meeting is named after it, so two packs for the same body can be told apart.
    title: meeting
      ? `${REPORT_TYPE_LABELS[input.type]}: ${meeting.bodyName}, ${formatGovukDate(meeting.date)}`
      : `${REPORT_TYPE_LABELS[input.type]}: ${plan.title}`,
    metadata: {
      organisationName: org.name,
      planId: plan.id,
      planTitle: plan.title,
      planVersion: plan.planVersion,
      planStatus: plan.status,
      asOf: input.today,
      preparedBy: input.preparedBy,
      bodyName: meeting?.bodyName ?? body?.name ?? null,
      meeting: meeting ? { id: meeting.id, date: meeting.date, title: meeting.title, agenda: meeting.agenda } : null,
      previousReport: previous ? { id: previous.id, title: previous.title, issuedOn: previous.issuedOn } : null,
    },
    sections: built,
    snapshot: { actions: snapshot },
    data: ctx.data,
  };
}

export function orderSections(keys: SectionKey[]): SectionKey[] {
  const chosen = new Set(keys);
  return SECTION_KEYS.filter((k) => chosen.has(k));
}

/** The latest issued report of this type for any version of the plan: what "since the previous report" compares with. */
export async function findPreviousIssued(db: Executor, organisationId: string, lineageId: string, type: ReportType) {
  try {
    const row = await db
      .selectFrom('issuedReports')
      .select(['id', 'title', 'issuedOn', 'content'])
      .where('organisationId', '=', organisationId)
      .where('planLineageId', '=', lineageId)
      .where('type', '=', type)
      .orderBy('issuedAt', 'desc')
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as ReportContent;
    return { id: row.id, title: row.title, issuedOn: row.issuedOn, actions: content.snapshot?.actions ?? [] };
  } catch (err) {
    if ((err as { code?: string })?.code === '42P01') return null;
    throw err;
  }
}
