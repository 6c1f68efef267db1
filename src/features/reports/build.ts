import type { Executor } from '../audit/audit.js';
import { getOwned } from '../audit/audit.js';
import { agreedDate, rebaselinedText } from '../../lib/rebaseline.js';
import { formatGovukDate } from '../../lib/dates.js';
import { riskRating, RISK_RATING_LABELS } from '../../lib/risk-scoring.js';
import { evidenceConflict } from '../../lib/evidence-conflict.js';
import { periodLabel } from '../../lib/periods.js';
import { computeActionRags, summarise, type ActionRagState } from '../plans/status.js';
import { planCoverage, uncoveredFindingIds } from '../plans/coverage.js';
import { loadIndicatorSeries, statusOf } from '../indicators/status.js';
import { ownValueForYear } from '../indicators/scorecard.js';
import { getComparators, loadMeasureYears, summarise as benchmarkSummary } from '../benchmarks/service.js';
import {
  DEFAULT_SECTIONS,
  REPORT_TYPE_LABELS,
  SECTION_KEYS,
  SECTION_LABELS,
  type ActionSnapshot,
  type Block,
  type Cell,
  type DataSheet,
  type Rag,
  type ReportContent,
  type ReportType,
  type Section,
  type SectionKey,
} from './content.js';
import { movementBlocks } from './movement.js';
import { RAG_LABELS, actionStatusLabel, findingKindName, trendLabel } from '../../lib/labels.js';
import { LINK_TYPE_LABELS, linkLabels } from '../governance/links.js';
import type { LinkType } from '../governance/tables.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadPlanControlNotes, type ControlNote } from '../council/control.js';
import { percentWithCount } from '../../lib/percent-count.js';
import { auditFindingsSection } from '../case-audits/report-section.js';

/** Longest narrative shown in the Word, print and PDF versions; the Excel appendix keeps the full text. */
export const NARRATIVE_LIMIT = 1000;
/** Excel refuses cells longer than this. */
export const EXCEL_CELL_LIMIT = 32_767;

export function clip(text: string | null | undefined, limit = NARRATIVE_LIMIT): string {
  const t = (text ?? '').trim();
  if (t.length <= limit) return t;
  return `${t.slice(0, limit).trimEnd()}… (shortened: the full text is in Waymark and in the Excel appendix)`;
}

export function clipForExcel(text: string | null | undefined): string {
  const t = text ?? '';
  if (t.length <= EXCEL_CELL_LIMIT) return t;
  const note = ' … (shortened to fit an Excel cell: the full text is in Waymark)';
  return t.slice(0, EXCEL_CELL_LIMIT - note.length) + note;
}

const ragCell = (rag: Rag | null | undefined): Cell => ({ text: RAG_LABELS[rag ?? 'none'], rag: rag ?? 'none' });
const KIND_ORDER = ['further-action', 'recommendation', 'area-for-improvement'];
/** A value in its unit; a percentage with the count behind it where recorded: "82% (169 of 206)". */
function valueText(
  n: number | null | undefined,
  unit: string,
  numerator?: number | null,
  denominator?: number | null,
): string {
  return unit === 'percent' ? percentWithCount(n ?? null, numerator, denominator) : fmtNumber(n, unit);
}

function fmtNumber(n: number | null | undefined, unit?: string): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const text = n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return unit === 'percent' ? `${text}%` : text;
}

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

export interface BuildInput {
  organisationId: string;
  planId: string;
  type: ReportType;
  sections?: SectionKey[];
  bodyId?: string | null;
  /** The meeting the pack is for: its agenda goes in, and its body and date go in the title. */
  meetingId?: string | null;
  /** Today in England, YYYY-MM-DD. */
  today: string;
  preparedBy: string;
}

interface Ctx {
  db: Executor;
  input: BuildInput;
  plan: {
    id: string;
    title: string;
    lineageId: string;
    planVersion: number;
    status: string;
    startDate: string;
    endDate: string;
  };
  states: ActionRagState[];
  actions: Map<
    string,
    { description: string; successMeasures: string; ownerName: string | null; themeId: string | null }
  >;
  owners: Map<string, string>;
  /** "Outside our control" notes by action id: shown beside a red or amber rating, never instead of it. */
  controlNotes: Map<string, ControlNote>;
  data: DataSheet[];
}

/** The evidence rating, with "outside our control" beside a red or amber that the owner has marked. */
function evidenceCell(ctx: Ctx, s: ActionRagState): Cell {
  const marked = (s.evidenceRag === 'red' || s.evidenceRag === 'amber') && ctx.controlNotes.has(s.actionId);
  return marked
    ? { text: `${RAG_LABELS[s.evidenceRag]} (outside our control)`, rag: s.evidenceRag }
    : ragCell(s.evidenceRag);
}

function controlReason(ctx: Ctx, s: ActionRagState): string {
  const note = ctx.controlNotes.get(s.actionId);
  return note && (s.evidenceRag === 'red' || s.evidenceRag === 'amber')
    ? `Outside our control (${note.markedByName}, ${formatGovukDate(note.markedOn)}): ${note.reason}`
    : '';
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
    let blocks: Block[];
    switch (key) {
      case 'summary':
        blocks = await guarded(key, () => summaryBlocks(ctx));
        break;
      case 'movement':
        blocks = movementBlocks(
          previous ? { title: previous.title, issuedOn: previous.issuedOn, actions: previous.actions } : null,
          snapshot,
          formatGovukDate,
        );
        break;
      case 'exceptions':
        blocks = await guarded(key, () => exceptionBlocks(ctx));
        break;
      case 'themes':
        blocks = await guarded(key, () => themeBlocks(ctx));
        break;
      case 'indicators':
        blocks = await guarded(key, () => indicatorBlocks(ctx));
        break;
      case 'audit-findings':
        blocks = await guarded(key, async () => {
          const section = await auditFindingsSection(ctx.db, ctx.input.organisationId, ctx.plan.lineageId, ctx.states);
          ctx.data.push(...section.sheets);
          return section.blocks;
        });
        break;
      case 'risks':
        blocks = await guarded(key, () => riskBlocks(ctx));
        break;
      case 'governance':
        blocks = await guarded(key, () => governanceBlocks(ctx));
        break;
      case 'ofsted-plan':
        blocks = await guarded(key, () => ofstedPlanBlocks(ctx));
        break;
    }
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

/** The meeting (of the organisation, or 404) and its agenda in order, each linked record named. */
async function meetingWithAgenda(db: Executor, organisationId: string, meetingId: string) {
  const meeting = await getOwned(db, organisationId, 'meetings', meetingId);
  const body = await getOwned(db, organisationId, 'bodies', meeting.bodyId);
  const items = await db
    .selectFrom('agendaItems')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('meetingId', '=', meeting.id)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
  const labels = await linkLabels(
    db as Kysely<Database>,
    organisationId,
    items.filter((a) => a.linkType && a.linkId).map((a) => ({ type: a.linkType as LinkType, id: a.linkId! })),
  );
  return {
    id: meeting.id,
    date: meeting.meetingDate,
    title: meeting.title,
    bodyName: body.name,
    agenda: items.map((a) => ({
      title: a.title,
      summary: a.summary,
      link:
        a.linkType && a.linkId
          ? `${LINK_TYPE_LABELS[a.linkType as LinkType]}: ${labels.get(`${a.linkType}:${a.linkId}`) ?? 'a record no longer held'}`
          : null,
    })),
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

async function summaryBlocks(ctx: Ctx): Promise<Block[]> {
  const uncovered = await uncoveredFindingIds(ctx.db, ctx.input.organisationId, ctx.plan.id);
  const s = summarise(ctx.states, uncovered);
  if (!s.actions) return [{ kind: 'paragraph', text: 'This plan has no actions yet.' }];
  const rows: Cell[][] = (['red', 'amber', 'green', 'complete', 'not-started'] as const).map((rag) => [
    ragCell(rag),
    s.rag.evidence[rag],
    rag === 'not-started' ? s.rag.owner.none : s.rag.owner[rag],
  ]);
  const outside = ctx.states.filter(
    (x) => (x.evidenceRag === 'red' || x.evidenceRag === 'amber') && ctx.controlNotes.has(x.actionId),
  ).length;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      style: 'lead',
      text: `${s.actions} ${s.actions === 1 ? 'action' : 'actions'} in ${ctx.plan.title} (version ${ctx.plan.planVersion}, ${formatGovukDate(ctx.plan.startDate)} to ${formatGovukDate(ctx.plan.endDate)}), rated on the evidence as at ${formatGovukDate(ctx.input.today)}.`,
    },
    {
      kind: 'table',
      caption: 'Actions by RAG rating: on the evidence and as their owners rate them',
      columns: [
        { header: 'Rating', width: 2 },
        { header: 'On the evidence', numeric: true },
        { header: 'By the owner', numeric: true },
      ],
      rows,
    },
    {
      kind: 'paragraph',
      style: 'note',
      text: '“By the owner” counts actions with no owner rating in the “Not started” row.',
    },
    {
      kind: 'list',
      items: [
        `${s.challenged} ${s.challenged === 1 ? 'action is' : 'actions are'} challenged: the owner rates it better than the evidence does.`,
        `${outside} red or amber ${outside === 1 ? 'action is' : 'actions are'} marked by the owner as outside our control; the rating stands and the reason is shown beside it.`,
        `${s.overdueMilestones} ${s.overdueMilestones === 1 ? 'milestone is' : 'milestones are'} overdue.`,
        uncovered.length
          ? `${uncovered.length} inspection ${uncovered.length === 1 ? 'finding has' : 'findings have'} no action answering it and no recorded reason.`
          : 'Every inspection finding linked to this plan is answered by an action or has a recorded reason.',
      ],
    },
  ];
  return blocks;
}

async function exceptionBlocks(ctx: Ctx): Promise<Block[]> {
  const exceptions = ctx.states.filter((s) => s.evidenceRag === 'red' || s.evidenceRag === 'amber' || s.challenged);
  const blocks: Block[] = [];
  if (!exceptions.length) blocks.push({ kind: 'paragraph', text: 'No action is red, amber or challenged.' });
  else
    blocks.push({
      kind: 'table',
      caption: 'Red, amber and challenged actions',
      columns: [
        { header: 'Action' },
        { header: 'Title', width: 3 },
        { header: 'Owner', width: 1.5 },
        { header: 'Evidence' },
        { header: 'Owner rating' },
        { header: 'Why', width: 3 },
      ],
      rows: exceptions
        .sort((a, b) =>
          a.evidenceRag === b.evidenceRag ? 0 : a.evidenceRag === 'red' ? -1 : b.evidenceRag === 'red' ? 1 : 0,
        )
        .map((s) => [
          s.reference,
          s.title,
          ctx.owners.get(s.actionId) ?? 'No owner',
          evidenceCell(ctx, s),
          s.ownerRag ? ragCell(s.ownerRag as Rag) : 'Not rated',
          clip(
            [
              controlReason(ctx, s),
              ...s.reasons,
              s.challenged
                ? `Challenged: the owner rates it ${s.ownerRag}${s.ownerRagReason ? ` because “${s.ownerRagReason}”` : ' and has given no reason'}.`
                : '',
            ]
              .filter(Boolean)
              .join(' '),
          ),
        ]),
    });
  // Overdue against the date last agreed: moving a date later does not take a milestone off this list
  // until an editor accepts the new date (ADR 0860).
  const overdue = await ctx.db
    .selectFrom('milestones')
    .innerJoin('actions', 'actions.id', 'milestones.actionId')
    .select(['actions.reference', 'milestones.title', 'milestones.dueDate', 'milestones.agreedDueDate'])
    .where('milestones.organisationId', '=', ctx.input.organisationId)
    .where('actions.planId', '=', ctx.plan.id)
    .where('milestones.completedDate', 'is', null)
    .where((eb) => eb(eb.fn('least', ['milestones.agreedDueDate', 'milestones.dueDate']), '<', ctx.input.today))
    .orderBy('milestones.dueDate')
    .execute();
  if (!overdue.length) blocks.push({ kind: 'paragraph', text: 'No milestone is overdue.' });
  else
    blocks.push({
      kind: 'table',
      caption: 'Overdue milestones',
      columns: [{ header: 'Action' }, { header: 'Milestone', width: 4 }, { header: 'Was due', width: 1.5 }],
      rows: overdue.map((m) => {
        const agreed = agreedDate(m);
        return [
          m.reference,
          clip(m.title),
          agreed === m.dueDate
            ? formatGovukDate(m.dueDate)
            : `${formatGovukDate(agreed)} (moved to ${formatGovukDate(m.dueDate)}, not yet accepted)`,
        ];
      }),
    });
  blocks.push(...(await rebaselineBlocks(ctx)));
  return blocks;
}

/** Every due date moved later in this plan, with the reason and whether the new date is accepted. */
async function rebaselineBlocks(ctx: Ctx): Promise<Block[]> {
  const moves = await ctx.db
    .selectFrom('rebaselines')
    .innerJoin('actions', 'actions.id', 'rebaselines.actionId')
    .leftJoin('milestones', 'milestones.id', 'rebaselines.milestoneId')
    .select([
      'actions.reference',
      'milestones.title as milestoneTitle',
      'rebaselines.fromDate',
      'rebaselines.toDate',
      'rebaselines.reason',
      'rebaselines.acceptedOn',
      'rebaselines.requestedByName',
    ])
    .where('rebaselines.organisationId', '=', ctx.input.organisationId)
    .where('actions.planId', '=', ctx.plan.id)
    .orderBy('actions.reference')
    .orderBy('rebaselines.createdAt')
    .execute();
  if (!moves.length) return [{ kind: 'paragraph', text: 'No due date has been moved later (re-baselined).' }];
  return [
    {
      kind: 'table',
      caption: 'Due dates moved later (re-baselined)',
      columns: [
        { header: 'Action' },
        { header: 'What moved', width: 2.5 },
        { header: 'From', width: 1.3 },
        { header: 'To', width: 1.3 },
        { header: 'Reason', width: 3 },
        { header: 'Accepted', width: 1.3 },
      ],
      rows: moves.map((m) => [
        m.reference,
        m.milestoneTitle ? `Milestone: ${clip(m.milestoneTitle)}` : 'The action’s due date',
        formatGovukDate(m.fromDate),
        formatGovukDate(m.toDate),
        clip(m.reason),
        m.acceptedOn ? formatGovukDate(m.acceptedOn) : 'Not yet',
      ]),
    },
  ];
}

async function latestUpdates(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('actionUpdates')
    .innerJoin('actions', 'actions.id', 'actionUpdates.actionId')
    .select(['actionUpdates.actionId', 'actionUpdates.updateDate', 'actionUpdates.narrative'])
    .distinctOn('actionUpdates.actionId')
    .where('actionUpdates.organisationId', '=', ctx.input.organisationId)
    .where('actions.planId', '=', ctx.plan.id)
    .orderBy('actionUpdates.actionId')
    .orderBy('actionUpdates.updateDate', 'desc')
    .orderBy('actionUpdates.createdAt', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.actionId, r]));
}

async function themeBlocks(ctx: Ctx): Promise<Block[]> {
  if (!ctx.states.length) return [{ kind: 'paragraph', text: 'This plan has no actions yet.' }];
  const [themes, updates] = await Promise.all([
    ctx.db
      .selectFrom('planThemes')
      .select(['id', 'name'])
      .where('organisationId', '=', ctx.input.organisationId)
      .where('planId', '=', ctx.plan.id)
      .orderBy('position')
      .orderBy('name')
      .execute(),
    latestUpdates(ctx),
  ]);
  const groups: { name: string; states: ActionRagState[] }[] = themes.map((t) => ({
    name: t.name,
    states: ctx.states.filter((s) => s.themeId === t.id),
  }));
  const known = new Set(themes.map((t) => t.id));
  const loose = ctx.states.filter((s) => !s.themeId || !known.has(s.themeId));
  if (loose.length) groups.push({ name: 'Actions without a theme', states: loose });
  const blocks: Block[] = [];
  for (const g of groups) {
    blocks.push({ kind: 'heading', text: g.name });
    if (!g.states.length) {
      blocks.push({ kind: 'paragraph', text: 'No actions in this theme yet.' });
      continue;
    }
    const count = (rag: string) => g.states.filter((s) => s.evidenceRag === rag).length;
    blocks.push({
      kind: 'paragraph',
      text: `${g.states.length} ${g.states.length === 1 ? 'action' : 'actions'}: ${count('red')} red, ${count('amber')} amber, ${count('green')} green, ${count('complete')} complete, ${count('not-started')} not started.`,
    });
    blocks.push({
      kind: 'table',
      caption: `${g.name}: actions and their latest update`,
      columns: [
        { header: 'Action' },
        { header: 'Title', width: 2.5 },
        { header: 'Owner', width: 1.5 },
        { header: 'Due', width: 1.3 },
        { header: 'Evidence' },
        { header: 'Owner rating' },
        { header: 'Latest update', width: 4 },
      ],
      rows: g.states.map((s) => {
        const u = updates.get(s.actionId);
        return [
          s.reference,
          s.title,
          ctx.owners.get(s.actionId) ?? 'No owner',
          s.rebaselines && s.originalDueDate
            ? `${formatGovukDate(s.dueDate)} (originally ${formatGovukDate(s.originalDueDate)}; ${rebaselinedText(s.rebaselines)})`
            : formatGovukDate(s.dueDate),
          evidenceCell(ctx, s),
          s.ownerRag ? ragCell(s.ownerRag as Rag) : 'Not rated',
          [controlReason(ctx, s), u ? `${formatGovukDate(u.updateDate)}: ${clip(u.narrative)}` : 'No update yet']
            .filter(Boolean)
            .join(' '),
        ];
      }),
    });
  }
  return blocks;
}

async function indicatorBlocks(ctx: Ctx): Promise<Block[]> {
  const actionIds = ctx.states.map((s) => s.actionId);
  const links = actionIds.length
    ? await ctx.db
        .selectFrom('actionIndicators')
        .select(['indicatorId', 'actionId'])
        .where('organisationId', '=', ctx.input.organisationId)
        .where('actionId', 'in', actionIds)
        .execute()
    : [];
  const ids = [...new Set(links.map((l) => l.indicatorId))];
  if (!ids.length) return [{ kind: 'paragraph', text: 'No indicators are linked to this plan yet.' }];
  const [series, comparators] = await Promise.all([
    loadIndicatorSeries(ctx.db, ctx.input.organisationId, ids),
    getComparators(ctx.db, ctx.input.organisationId),
  ]);
  const measures = await loadMeasureYears(
    ctx.db,
    [...new Set(series.map((s) => s.indicator.nationalMeasure).filter((m): m is string => !!m))].map((measure) => ({
      measure,
      year: null,
    })),
  );
  const refsByIndicator = new Map<string, string[]>();
  const refOf = new Map(ctx.states.map((s) => [s.actionId, s.reference]));
  for (const l of links)
    (refsByIndicator.get(l.indicatorId) ?? refsByIndicator.set(l.indicatorId, []).get(l.indicatorId)!).push(
      refOf.get(l.actionId) ?? '',
    );

  const rows: Cell[][] = [];
  const charts: Block[] = [];
  const valuesSheet: DataSheet = {
    name: 'Indicator values',
    columns: ['Indicator', 'Period', 'Value', 'Target', 'RAG'],
    rows: [],
  };
  const scoreSheet: DataSheet = {
    name: 'Indicators',
    columns: [
      'Indicator',
      'Definition',
      'Unit',
      'Polarity',
      'Latest period',
      'Latest value',
      'Target',
      'RAG',
      'Trend',
      'England',
      'Region',
      'Statistical neighbours',
      'National rank',
      'Of',
      'Quartile',
      'Benchmark year',
      'Linked actions',
    ],
    rows: [],
  };
  let outOfDate = 0;
  for (const { indicator, points } of series) {
    const status = statusOf(indicator, points, ctx.input.today);
    const latest = points.filter((p) => p.value !== null).at(-1);
    const stale = status.currency.state === 'out-of-date';
    if (stale) outOfDate++;
    const data = indicator.nationalMeasure ? measures.get(`${indicator.nationalMeasure}|latest`) : undefined;
    const bench = data
      ? benchmarkSummary(data, comparators, indicator.polarity, ownValueForYear(points, indicator.frequency, data.year))
      : null;
    const position =
      bench?.rank && bench.of
        ? `${bench.rank} of ${bench.of}${bench.quartile ? ` (quartile ${bench.quartile})` : ''}, ${bench.year}`
        : bench
          ? `No rank (${bench.year})`
          : 'Not benchmarked';
    rows.push([
      indicator.name,
      status.latestPeriod
        ? `${valueText(status.latestValue, indicator.unit, latest?.numerator, latest?.denominator)} (${periodLabel(status.latestPeriod)})`
        : 'No value yet',
      fmtNumber(latest?.target ?? null, indicator.unit),
      // Out of date is its own state: the old value's colour is not carried forward (ADR 0840).
      stale ? { text: `Out of date: ${status.currency.message}`, rag: 'none' } : ragCell(status.rag),
      trendLabel(status.trend),
      fmtNumber(bench?.england ?? null, indicator.unit),
      fmtNumber(bench?.neighbours ?? null, indicator.unit),
      position,
    ]);
    scoreSheet.rows.push([
      indicator.name,
      clipForExcel(indicator.definition),
      indicator.unit,
      indicator.polarity,
      status.latestPeriod,
      status.latestValue,
      latest?.target ?? null,
      stale ? `Out of date (${status.currency.message})` : RAG_LABELS[status.rag],
      trendLabel(status.trend),
      bench?.england ?? null,
      bench?.region ?? null,
      bench?.neighbours ?? null,
      bench?.rank ?? null,
      bench?.of ?? null,
      bench?.quartile ?? null,
      bench?.year ?? null,
      (refsByIndicator.get(indicator.id) ?? []).join(', '),
    ]);
    for (const p of points) valuesSheet.rows.push([indicator.name, p.period, p.value, p.target, RAG_LABELS[p.rag]]);
    const recent = points.slice(-12);
    if (recent.some((p) => p.value !== null)) {
      const hasTarget = recent.some((p) => p.target !== null);
      const first = recent[0];
      const last = recent.filter((p) => p.value !== null).at(-1)!;
      charts.push({
        kind: 'chart',
        title: indicator.name,
        altText: `Line chart of ${indicator.name} from ${periodLabel(first.period)} to ${periodLabel(recent.at(-1)!.period)}: latest value ${fmtNumber(last.value, indicator.unit)} in ${periodLabel(last.period)}${last.target !== null ? ` against a target of ${fmtNumber(last.target, indicator.unit)}` : ''}; ${stale ? `out of date (${status.currency.message})` : `rated ${RAG_LABELS[status.rag].toLowerCase()}`}, trend ${trendLabel(status.trend).toLowerCase()}. The values are in the scorecard table and the Excel appendix.`,
        xLabels: recent.map((p) => periodLabel(p.period)),
        series: [
          { name: 'Value', values: recent.map((p) => p.value) },
          ...(hasTarget ? [{ name: 'Target', values: recent.map((p) => p.target) }] : []),
        ],
        yLabel:
          indicator.unit === 'percent'
            ? 'Percent'
            : indicator.unit === 'rate-per-10k'
              ? 'Rate per 10,000 children'
              : indicator.unit === 'days'
                ? 'Days'
                : undefined,
      });
    }
  }
  ctx.data.push(scoreSheet, valuesSheet);
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: 'Indicators linked to this plan: latest value, target, rating, trend and benchmark position',
      columns: [
        { header: 'Indicator', width: 3 },
        { header: 'Latest', width: 1.6 },
        { header: 'Target' },
        { header: 'RAG' },
        { header: 'Trend' },
        { header: 'England' },
        { header: 'Neighbours' },
        { header: 'National rank', width: 1.6 },
      ],
      rows,
    },
  ];
  blocks.unshift({
    kind: 'paragraph',
    text: outOfDate
      ? `${outOfDate} of ${series.length} ${series.length === 1 ? 'indicator is' : 'indicators are'} out of date: no value has been recorded for the latest period due, so ${outOfDate === 1 ? 'it is' : 'they are'} shown as out of date rather than by the colour of an older value.`
      : `All ${series.length} ${series.length === 1 ? 'indicator has a value' : 'indicators have values'} for the latest period due.`,
  });
  if (!comparators.laCode)
    blocks.push({
      kind: 'paragraph',
      style: 'note',
      text: 'This council has no DfE local authority code recorded, so its own recorded values are ranked against published figures.',
    });
  if (charts.length) blocks.push({ kind: 'heading', text: 'Charts' }, ...charts);
  else
    blocks.push({
      kind: 'paragraph',
      text: 'No values have been recorded for these indicators yet, so there are no charts.',
    });
  return blocks;
}

async function riskBlocks(ctx: Ctx): Promise<Block[]> {
  const risks = await ctx.db
    .selectFrom('risks')
    .leftJoin('users', 'users.id', 'risks.ownerId')
    .select([
      'risks.id',
      'risks.reference',
      'risks.title',
      'risks.likelihood',
      'risks.impact',
      'risks.reviewDate',
      'users.displayName as ownerName',
    ])
    .where('risks.organisationId', '=', ctx.input.organisationId)
    .where('risks.status', '=', 'open')
    .orderBy('risks.reference')
    .execute();
  if (!risks.length) return [{ kind: 'paragraph', text: 'No open risks are recorded in the risk register yet.' }];
  const links = await ctx.db
    .selectFrom('riskLinks')
    .select(['riskId', 'targetType', 'targetId'])
    .where('organisationId', '=', ctx.input.organisationId)
    .where(
      'riskId',
      'in',
      risks.map((r) => r.id),
    )
    .execute();
  const actionIds = [...new Set(links.filter((l) => l.targetType === 'plan-action').map((l) => l.targetId))];
  const indicatorIds = [...new Set(links.filter((l) => l.targetType === 'indicator').map((l) => l.targetId))];
  const [actionStates, series] = await Promise.all([
    computeActionRags(ctx.db, ctx.input.organisationId, { actionIds }, ctx.input.today),
    loadIndicatorSeries(ctx.db, ctx.input.organisationId, indicatorIds),
  ]);
  const actionById = new Map(actionStates.map((a) => [a.actionId, a]));
  const indicatorById = new Map(series.map(({ indicator, points }) => [indicator.id, statusOf(indicator, points)]));
  const rows: Cell[][] = [];
  const conflicts: string[] = [];
  const sheet: DataSheet = {
    name: 'Risks',
    columns: [
      'Reference',
      'Risk',
      'Owner',
      'Likelihood',
      'Impact',
      'Score',
      'Rating',
      'Review date',
      'Evidence conflict',
    ],
    rows: [],
  };
  for (const r of risks) {
    const mine = links.filter((l) => l.riskId === r.id);
    const score = r.likelihood * r.impact;
    const rating = riskRating(score);
    const conflict = evidenceConflict(
      rating,
      mine
        .filter((l) => l.targetType === 'indicator')
        .flatMap((l) => {
          const s = indicatorById.get(l.targetId);
          return s ? [{ name: s.name, rag: s.rag, trend: s.trend }] : [];
        }),
      mine
        .filter((l) => l.targetType === 'plan-action')
        .flatMap((l) => {
          const a = actionById.get(l.targetId);
          return a ? [{ reference: a.reference, title: a.title, evidenceRag: a.evidenceRag }] : [];
        }),
    );
    if (conflict.conflict)
      conflicts.push(`${r.reference} “${r.title}” is rated low, but: ${conflict.reasons.join('; ')}.`);
    rows.push([
      r.reference,
      clip(r.title),
      r.ownerName ?? 'No owner',
      score,
      { text: RISK_RATING_LABELS[rating], rag: rating === 'low' ? 'green' : rating === 'medium' ? 'amber' : 'red' },
      r.reviewDate ? formatGovukDate(r.reviewDate) : 'Not set',
      conflict.conflict ? 'Yes' : 'No',
    ]);
    sheet.rows.push([
      r.reference,
      clipForExcel(r.title),
      r.ownerName,
      r.likelihood,
      r.impact,
      score,
      RISK_RATING_LABELS[rating],
      r.reviewDate,
      conflict.reasons.join('; '),
    ]);
  }
  ctx.data.push(sheet);
  return [
    {
      kind: 'table',
      caption: 'Open risks (likelihood × impact, each 1 to 5)',
      columns: [
        { header: 'Risk' },
        { header: 'Title', width: 4 },
        { header: 'Owner', width: 1.5 },
        { header: 'Score', numeric: true },
        { header: 'Rating' },
        { header: 'Review by', width: 1.3 },
        { header: 'Evidence conflict' },
      ],
      rows,
    },
    conflicts.length
      ? { kind: 'heading', text: 'Evidence conflicts' }
      : { kind: 'paragraph', text: 'No risk rated low is contradicted by the evidence linked to it.' },
    ...(conflicts.length ? [{ kind: 'list', items: conflicts } as Block] : []),
  ];
}

async function governanceBlocks(ctx: Ctx): Promise<Block[]> {
  const bodyId = ctx.input.bodyId ?? null;
  let items = ctx.db
    .selectFrom('actionSheetItems')
    .innerJoin('meetings', 'meetings.id', 'actionSheetItems.meetingId')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .leftJoin('users', 'users.id', 'actionSheetItems.ownerId')
    .select([
      'actionSheetItems.description',
      'actionSheetItems.dueDate',
      'actionSheetItems.status',
      'actionSheetItems.progressNote',
      'meetings.meetingDate',
      'bodies.name as bodyName',
      'users.displayName as ownerName',
    ])
    .where('actionSheetItems.organisationId', '=', ctx.input.organisationId)
    .where('actionSheetItems.status', '!=', 'closed');
  let requests = ctx.db
    .selectFrom('informationRequests')
    .innerJoin('meetings', 'meetings.id', 'informationRequests.meetingId')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .leftJoin('users', 'users.id', 'informationRequests.officerId')
    .select([
      'informationRequests.requestedBy',
      'informationRequests.request',
      'informationRequests.dueDate',
      'meetings.meetingDate',
      'bodies.name as bodyName',
      'users.displayName as officerName',
    ])
    .where('informationRequests.organisationId', '=', ctx.input.organisationId)
    .where('informationRequests.answeredOn', 'is', null);
  if (bodyId) {
    items = items.where('meetings.bodyId', '=', bodyId);
    requests = requests.where('meetings.bodyId', '=', bodyId);
  }
  const [itemRows, requestRows] = await Promise.all([
    items.orderBy('actionSheetItems.dueDate').execute(),
    requests.orderBy('meetings.meetingDate').execute(),
  ]);
  const today = ctx.input.today;
  const blocks: Block[] = [{ kind: 'heading', text: 'Action sheet' }];
  if (!itemRows.length) blocks.push({ kind: 'paragraph', text: 'No action-sheet items are open.' });
  else {
    const overdue = itemRows.filter((i) => i.dueDate < today).length;
    blocks.push({
      kind: 'paragraph',
      text: `${itemRows.length} open ${itemRows.length === 1 ? 'item' : 'items'}, ${overdue} past ${overdue === 1 ? 'its' : 'their'} due date.`,
    });
    blocks.push({
      kind: 'table',
      caption: 'Open action-sheet items',
      columns: [
        { header: 'Meeting', width: 2 },
        { header: 'Action', width: 4 },
        { header: 'Owner', width: 1.5 },
        { header: 'Due', width: 1.3 },
        { header: 'Status' },
        { header: 'Progress', width: 3 },
      ],
      rows: itemRows.map((i) => [
        `${i.bodyName}, ${formatGovukDate(i.meetingDate)}`,
        clip(i.description),
        i.ownerName ?? 'No owner',
        {
          text: `${formatGovukDate(i.dueDate)}${i.dueDate < today ? ' (overdue)' : ''}`,
          rag: i.dueDate < today ? 'red' : 'none',
        },
        i.status === 'in-progress' ? 'In progress' : 'Open',
        clip(i.progressNote) || '–',
      ]),
    });
  }
  blocks.push({ kind: 'heading', text: 'Outstanding information requests' });
  if (!requestRows.length) blocks.push({ kind: 'paragraph', text: 'No information requests are outstanding.' });
  else
    blocks.push({
      kind: 'table',
      caption: 'Information requests not yet answered',
      columns: [
        { header: 'Meeting', width: 2 },
        { header: 'Requested by', width: 1.5 },
        { header: 'Request', width: 4 },
        { header: 'Officer', width: 1.5 },
        { header: 'Due', width: 1.3 },
      ],
      rows: requestRows.map((r) => [
        `${r.bodyName}, ${formatGovukDate(r.meetingDate)}`,
        r.requestedBy,
        clip(r.request),
        r.officerName ?? 'Not assigned',
        r.dueDate ? formatGovukDate(r.dueDate) : 'No date',
      ]),
    });
  ctx.data.push(
    {
      name: 'Action sheet',
      columns: ['Body', 'Meeting date', 'Action', 'Owner', 'Due date', 'Status', 'Progress'],
      rows: itemRows.map((i) => [
        i.bodyName,
        i.meetingDate,
        clipForExcel(i.description),
        i.ownerName,
        i.dueDate,
        i.status,
        clipForExcel(i.progressNote),
      ]),
    },
    {
      name: 'Information requests',
      columns: ['Body', 'Meeting date', 'Requested by', 'Request', 'Officer', 'Due date'],
      rows: requestRows.map((r) => [
        r.bodyName,
        r.meetingDate,
        r.requestedBy,
        clipForExcel(r.request),
        r.officerName,
        r.dueDate,
      ]),
    },
  );
  return blocks;
}

async function ofstedPlanBlocks(ctx: Ctx): Promise<Block[]> {
  const findings = await planCoverage(ctx.db, ctx.input.organisationId, ctx.plan.id);
  if (!findings.length)
    return [
      {
        kind: 'paragraph',
        text: 'No inspection findings are linked to this plan yet. Link the plan to its inspection to list each recommendation and area for improvement with the actions answering it.',
      },
    ];
  const stateById = new Map(ctx.states.map((s) => [s.actionId, s]));
  const blocks: Block[] = [];
  const sheet: DataSheet = {
    name: 'Findings and actions',
    columns: [
      'Finding type',
      'Finding reference',
      'Finding',
      'Action',
      'Action title',
      'Owner',
      'Start',
      'Due',
      'Success measures',
      'Evidence RAG',
      'Reason if no action',
    ],
    rows: [],
  };
  for (const kind of KIND_ORDER) {
    const ofKind = findings.filter((f) => f.kind === kind);
    if (!ofKind.length) continue;
    blocks.push({ kind: 'heading', text: findingKindName(kind, 2) });
    ofKind.forEach((f, i) => {
      const label = f.reference ? f.reference : `${i + 1}`;
      blocks.push({ kind: 'paragraph', text: `${label}. ${clip(f.text)}` });
      if (!f.actions.length) {
        blocks.push({
          kind: 'paragraph',
          style: 'note',
          text: f.reason
            ? `No action answers this finding. Reason: ${clip(f.reason)}`
            : 'No action answers this finding yet, and no reason has been recorded.',
        });
        sheet.rows.push([
          findingKindName(kind, 2),
          f.reference,
          clipForExcel(f.text),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          clipForExcel(f.reason),
        ]);
        return;
      }
      blocks.push({
        kind: 'table',
        caption: `Actions answering ${kind === 'recommendation' ? 'recommendation' : kind === 'further-action' ? 'area for priority action' : 'area for improvement'} ${label}`,
        columns: [
          { header: 'Action' },
          { header: 'What we will do', width: 3 },
          { header: 'Owner', width: 1.5 },
          { header: 'Timescale', width: 1.8 },
          { header: 'Success measures', width: 3 },
          { header: 'Evidence' },
        ],
        rows: f.actions.map((a) => {
          const s = stateById.get(a.id);
          const detail = ctx.actions.get(a.id);
          return [
            a.reference,
            clip(s ? `${s.title}${detail?.description ? `. ${detail.description}` : ''}` : a.reference),
            detail?.ownerName ?? 'No owner',
            s ? `${formatGovukDate(s.startDate)} to ${formatGovukDate(s.dueDate)}` : '–',
            clip(detail?.successMeasures) || 'Not recorded',
            ragCell(s?.evidenceRag ?? 'none'),
          ];
        }),
      });
      for (const a of f.actions) {
        const s = stateById.get(a.id);
        const detail = ctx.actions.get(a.id);
        sheet.rows.push([
          findingKindName(kind, 2),
          f.reference,
          clipForExcel(f.text),
          a.reference,
          s?.title ?? null,
          detail?.ownerName ?? null,
          s?.startDate ?? null,
          s?.dueDate ?? null,
          clipForExcel(detail?.successMeasures),
          s ? RAG_LABELS[s.evidenceRag] : null,
          null,
        ]);
      }
    });
  }
  ctx.data.push(sheet);
  return blocks;
}

function actionsSheet(ctx: Ctx): DataSheet {
  return {
    name: 'Actions',
    columns: [
      'Reference',
      'Title',
      'Description',
      'Owner',
      'Status',
      'Start',
      'Due',
      'Success measures',
      'Evidence RAG',
      'Why',
      'Owner RAG',
      'Owner reason',
      'Challenged',
      'Overdue milestones',
      'Last update',
      'Originally due',
      'Times re-baselined',
    ],
    rows: ctx.states.map((s) => {
      const d = ctx.actions.get(s.actionId);
      return [
        s.reference,
        clipForExcel(s.title),
        clipForExcel(d?.description),
        d?.ownerName ?? null,
        actionStatusLabel(s.status),
        s.startDate,
        s.dueDate,
        clipForExcel(d?.successMeasures),
        RAG_LABELS[s.evidenceRag],
        s.reasons.join(' '),
        s.ownerRag ? RAG_LABELS[s.ownerRag as Rag] : null,
        clipForExcel(s.ownerRagReason),
        s.challenged ? 'Yes' : 'No',
        s.overdueMilestones,
        s.lastUpdateDate,
        s.originalDueDate ?? s.dueDate,
        s.rebaselines,
      ];
    }),
  };
}
