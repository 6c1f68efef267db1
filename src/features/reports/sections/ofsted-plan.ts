import { formatGovukDate } from '../../../lib/dates.js';
import { RAG_LABELS, findingKindName } from '../../../lib/labels.js';
import { planCoverage } from '../../plans/coverage.js';
import type { Block, DataSheet } from '../content.js';
import { clip, clipForExcel, KIND_ORDER, ragCell, type Ctx } from './context.js';

export async function ofstedPlanBlocks(ctx: Ctx): Promise<Block[]> {
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
