import { rebaselinedText } from '../../../lib/rebaseline.js';
import { formatGovukDate } from '../../../lib/dates.js';
import type { ActionRagState } from '../../plans/status.js';
import type { Block, Rag } from '../content.js';
import { clip, controlReason, evidenceCell, ragCell, type Ctx } from './context.js';

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

export async function themeBlocks(ctx: Ctx): Promise<Block[]> {
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
