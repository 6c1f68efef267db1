import { formatGovukDate } from '../../../lib/dates.js';
import { summarise } from '../../plans/status.js';
import { uncoveredFindingIds } from '../../plans/coverage.js';
import type { Block, Cell } from '../content.js';
import { ragCell, type Ctx } from './context.js';

export async function summaryBlocks(ctx: Ctx): Promise<Block[]> {
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
