import { formatGovukDate } from '../../../lib/dates.js';
import { riskRating, RISK_RATING_LABELS } from '../../../lib/risk-scoring.js';
import { evidenceConflict } from '../../../lib/evidence-conflict.js';
import { linkedEvidence } from '../../risks/service.js';
import type { Block, Cell, DataSheet } from '../content.js';
import { clip, clipForExcel, type Ctx } from './context.js';

export async function riskBlocks(ctx: Ctx): Promise<Block[]> {
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
  const evidence = await linkedEvidence(
    ctx.db,
    ctx.input.organisationId,
    risks.map((r) => r.id),
    ctx.input.today,
  );
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
    const score = r.likelihood * r.impact;
    const rating = riskRating(score);
    const { indicators, actions } = evidence.get(r.id)!;
    const conflict = evidenceConflict(rating, indicators, actions);
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
