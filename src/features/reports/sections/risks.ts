import { formatGovukDate } from '../../../lib/dates.js';
import { riskRating, RISK_RATING_LABELS } from '../../../lib/risk-scoring.js';
import { evidenceConflict } from '../../../lib/evidence-conflict.js';
import { computeActionRags } from '../../plans/status.js';
import { loadIndicatorSeries, statusOf } from '../../indicators/status.js';
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
