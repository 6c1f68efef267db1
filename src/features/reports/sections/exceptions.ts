import { agreedDate } from '../../../lib/rebaseline.js';
import { formatGovukDate } from '../../../lib/dates.js';
import type { Block, Rag } from '../content.js';
import { clip, controlReason, evidenceCell, ragCell, tableOrNone, type Ctx } from './context.js';

export async function exceptionBlocks(ctx: Ctx): Promise<Block[]> {
  const exceptions = ctx.states.filter((s) => s.evidenceRag === 'red' || s.evidenceRag === 'amber' || s.challenged);
  const blocks: Block[] = [
    tableOrNone(
      exceptions.sort((a, b) =>
        a.evidenceRag === b.evidenceRag ? 0 : a.evidenceRag === 'red' ? -1 : b.evidenceRag === 'red' ? 1 : 0,
      ),
      'No action is red, amber or challenged.',
      {
        caption: 'Red, amber and challenged actions',
        columns: [
          { header: 'Action' },
          { header: 'Title', width: 3 },
          { header: 'Owner', width: 1.5 },
          { header: 'Evidence' },
          { header: 'Owner rating' },
          { header: 'Why', width: 3 },
        ],
        row: (s) => [
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
        ],
      },
    ),
  ];
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
  blocks.push(
    tableOrNone(overdue, 'No milestone is overdue.', {
      caption: 'Overdue milestones',
      columns: [{ header: 'Action' }, { header: 'Milestone', width: 4 }, { header: 'Was due', width: 1.5 }],
      row: (m) => {
        const agreed = agreedDate(m);
        return [
          m.reference,
          clip(m.title),
          agreed === m.dueDate
            ? formatGovukDate(m.dueDate)
            : `${formatGovukDate(agreed)} (moved to ${formatGovukDate(m.dueDate)}, not yet accepted)`,
        ];
      },
    }),
  );
  blocks.push(await rebaselineBlock(ctx));
  return blocks;
}

/** Every due date moved later in this plan, with the reason and whether the new date is accepted. */
async function rebaselineBlock(ctx: Ctx): Promise<Block> {
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
  return tableOrNone(moves, 'No due date has been moved later (re-baselined).', {
    caption: 'Due dates moved later (re-baselined)',
    columns: [
      { header: 'Action' },
      { header: 'What moved', width: 2.5 },
      { header: 'From', width: 1.3 },
      { header: 'To', width: 1.3 },
      { header: 'Reason', width: 3 },
      { header: 'Accepted', width: 1.3 },
    ],
    row: (m) => [
      m.reference,
      m.milestoneTitle ? `Milestone: ${clip(m.milestoneTitle)}` : 'The action’s due date',
      formatGovukDate(m.fromDate),
      formatGovukDate(m.toDate),
      clip(m.reason),
      m.acceptedOn ? formatGovukDate(m.acceptedOn) : 'Not yet',
    ],
  });
}
