import { RAG_LABELS, actionStatusLabel } from '../../../lib/labels.js';
import type { DataSheet, Rag } from '../content.js';
import { clipForExcel, type Ctx } from './context.js';

export function actionsSheet(ctx: Ctx): DataSheet {
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
