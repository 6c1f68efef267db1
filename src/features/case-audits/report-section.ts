/**
 * The "Audit findings" section of board packs, scrutiny reports and Cabinet appendices: the grade
 * distribution over the last published cycles, good or better by theme, the learning an editor chose
 * (with the quotes they picked: never a note otherwise) and the plan actions the findings feed.
 */
import type { Executor } from '../audit/audit.js';
import { gradeLabel, type Grade } from '../../lib/case-audit-framework.js';
import { shareText } from '../../lib/case-audit-summary.js';
import { periodLabel } from '../../lib/periods.js';
import { KEY_PREFIX } from '../../lib/case-audit-indicators.js';
import { type Block, type Cell, type DataSheet, type Rag } from '../reports/content.js';
import { RAG_LABELS } from '../../lib/labels.js';
import { ragCell, tableOrNone } from '../reports/sections/context.js';
import { listCycles } from './cycles.js';
import { listLearning } from './learning.js';
import { themeTrend } from './trend.js';

export interface PlanActionState {
  actionId: string;
  reference: string;
  title: string;
  evidenceRag: Exclude<Rag, 'none'>;
}

/** `planLineageId` and `planActions`: the plan the report is for (any version), to show the actions the findings feed. */
export async function auditFindingsSection(
  db: Executor,
  organisationId: string,
  planLineageId: string,
  planActions: readonly PlanActionState[],
): Promise<{ blocks: Block[]; sheets: DataSheet[] }> {
  const trend = themeTrend(await listCycles(db, organisationId));
  const { cycles } = trend;
  if (!cycles.length)
    return { blocks: [{ kind: 'paragraph', text: 'No case file audit results have been published yet.' }], sheets: [] };
  // The section follows one series (the monthly audits); themed audits are on the case audits pages.
  const latest = cycles.at(-1)!;
  const scale: Grade[] = latest.scale;
  const label = (c: (typeof cycles)[number]) => `${c.title} (${periodLabel(c.period)})`;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `Case file audits graded against the practice standards: the last ${cycles.length} published ` +
        `cycle${cycles.length === 1 ? '' : 's'}, ${periodLabel(cycles[0].period)} to ${periodLabel(latest.period)}. ` +
        'Grades are after moderation by a second auditor; every percentage has its count beside it.',
    },
    {
      kind: 'table',
      caption: 'Overall grades by cycle, with moderation agreement',
      columns: [
        { header: 'Cycle', width: 2.4 },
        { header: 'Audits', numeric: true },
        ...scale.map((g) => ({ header: g.label, numeric: true })),
        { header: 'Good or better', width: 1.4 },
        { header: 'Inadequate', width: 1.4 },
        { header: 'Agreement', width: 1.4 },
      ],
      rows: cycles.map((c): Cell[] => [
        label(c),
        c.summary.audits,
        ...scale.map((g) => c.summary.overall.counts[g.key] ?? 0),
        shareText(c.summary.overall.goodOrBetter, c.summary.overall.goodOrBetterCount, c.summary.overall.graded),
        shareText(c.summary.overall.inadequate, c.summary.overall.inadequateCount, c.summary.overall.graded),
        c.summary.agreement.moderated
          ? shareText(c.summary.agreement.rate, c.summary.agreement.agreed, c.summary.agreement.moderated)
          : 'None moderated',
      ]),
    },
  ];

  const themes = new Map(trend.themes.map((t) => [t.key, t.name]));
  blocks.push({
    kind: 'table',
    caption: 'Standards graded good or better, by theme and cycle',
    columns: [{ header: 'Theme', width: 2.4 }, ...cycles.map((c) => ({ header: periodLabel(c.period), width: 1.4 }))],
    rows: trend.themes.map((t): Cell[] => [
      t.name,
      ...t.cells.map((x) => (x ? shareText(x.goodOrBetter, x.goodOrBetterCount, x.graded) : 'Not in this cycle')),
    ]),
  });
  if (cycles.length > 1) {
    const moved = trend.themes
      .map((t) => ({
        name: t.name,
        first: t.cells[0]?.goodOrBetter ?? null,
        last: t.cells.at(-1)?.goodOrBetter ?? null,
      }))
      .filter((m) => m.first !== null && m.last !== null)
      .map((m) => ({ name: m.name, change: m.last! - m.first! }));
    const best = moved.sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0];
    blocks.push({
      kind: 'chart',
      title: 'Standards graded good or better, by theme',
      altText:
        'Line chart of the percentage of standards graded good or better in each theme, ' +
        `${periodLabel(cycles[0].period)} to ${periodLabel(latest.period)}.` +
        (best
          ? ` The largest change is in ${best.name}: ${best.change >= 0 ? 'up' : 'down'} ` +
            `${Math.abs(Math.round(best.change * 10) / 10)} percentage points.`
          : '') +
        ' The figures and their counts are in the table above.',
      xLabels: cycles.map((c) => periodLabel(c.period)),
      series: trend.themes.map((t) => ({ name: t.name, values: t.cells.map((x) => x?.goodOrBetter ?? null) })),
      yLabel: 'Percent',
    });
  }

  const learning = await listLearning(
    db,
    organisationId,
    cycles.map((c) => c.id),
  );
  const stateByRef = new Map(planActions.map((a) => [a.reference, a]));
  // Learning names an action of one version of a plan: the report shows the same action in its own version.
  const feedsPlan = (l: (typeof learning)[number]) =>
    l.actionReference && l.planLineageId === planLineageId ? stateByRef.get(l.actionReference) : undefined;
  blocks.push({ kind: 'heading', text: 'Learning themes' });
  if (learning.length) {
    blocks.push({
      kind: 'list',
      items: learning.map((l) => {
        const cycle = cycles.find((c) => c.id === l.cycleId)!;
        const theme = l.themeKey ? themes.get(l.themeKey) : null;
        const state = feedsPlan(l);
        const action = l.actionReference
          ? ` Feeds action ${l.actionReference} ${l.actionTitle}` +
            (state ? ` (${RAG_LABELS[state.evidenceRag]} on the evidence).` : ` (${l.planTitle}).`)
          : '';
        const quote = l.quote ? ` An auditor wrote: “${l.quote}”` : '';
        return `${l.title} (${periodLabel(cycle.period)}${theme ? `, ${theme}` : ''}).${action}${quote}`;
      }),
    });
  } else {
    blocks.push({ kind: 'paragraph', text: 'No learning themes have been chosen from these cycles yet.' });
  }

  const linked = planActions.length
    ? await db
        .selectFrom('actionIndicators')
        .innerJoin('indicators', 'indicators.id', 'actionIndicators.indicatorId')
        .select(['actionIndicators.actionId', 'indicators.name'])
        .where('actionIndicators.organisationId', '=', organisationId)
        .where(
          'actionIndicators.actionId',
          'in',
          planActions.map((a) => a.actionId),
        )
        .where('indicators.key', 'like', `${KEY_PREFIX}.%`)
        .execute()
    : [];
  const feeds = new Map<string, { state: PlanActionState; how: string[] }>();
  for (const l of linked) {
    const state = planActions.find((a) => a.actionId === l.actionId)!;
    feeds.set(state.reference, { state, how: [...(feeds.get(state.reference)?.how ?? []), `indicator: ${l.name}`] });
  }
  for (const l of learning) {
    const state = feedsPlan(l);
    if (state)
      feeds.set(state.reference, { state, how: [...(feeds.get(state.reference)?.how ?? []), `learning: ${l.title}`] });
  }
  blocks.push({ kind: 'heading', text: 'Plan actions these findings feed' });
  blocks.push(
    tableOrNone(
      [...feeds.values()].sort((a, b) =>
        a.state.reference.localeCompare(b.state.reference, 'en-GB', { numeric: true }),
      ),
      'No action in this plan is linked to the audit results or their learning yet.',
      {
        caption: 'Plan actions linked to audit results or learning, with their evidence RAG',
        columns: [
          { header: 'Action', width: 0.8 },
          { header: 'Title', width: 2.4 },
          { header: 'Evidence RAG' },
          { header: 'Linked through', width: 3 },
        ],
        row: (f) => [f.state.reference, f.state.title, ragCell(f.state.evidenceRag), f.how.join('; ')],
      },
    ),
  );

  const sheet: DataSheet = {
    name: 'Case file audits',
    columns: [
      'Cycle',
      'Month',
      'Scope',
      'Counted',
      'Good or better',
      'Good or better (%)',
      'Inadequate',
      'Inadequate (%)',
      ...scale.map((g) => gradeLabel(scale, g.key)),
    ],
    rows: [],
  };
  for (const c of cycles) {
    const s = c.summary;
    const row = (scope: string, x: typeof s.overall) =>
      sheet.rows.push([
        c.title,
        c.period,
        scope,
        x.graded,
        x.goodOrBetterCount,
        x.goodOrBetter,
        x.inadequateCount,
        x.inadequate,
        ...scale.map((g) => x.counts[g.key] ?? 0),
      ]);
    row('All audits', s.overall);
    for (const t of s.themes) row(`Theme: ${t.name}`, t);
    for (const t of s.teams) row(`Team: ${t.team}`, t);
  }
  return { blocks, sheets: [sheet] };
}
