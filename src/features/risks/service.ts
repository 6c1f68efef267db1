import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deleteAudited, getOwned, insertAudited, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import { riskRating, riskScore, type RiskRating } from '../../lib/risk-scoring.js';
import {
  evidenceConflict,
  type EvidenceConflict,
  type LinkedActionStatus,
  type LinkedIndicatorStatus,
} from '../../lib/evidence-conflict.js';
import { todayInLondon } from '../../lib/dates.js';
import { failIfAny, nameTaken, ownerProblem, rowsOf } from '../governance/service.js';
import { linkTargetExists } from '../governance/links.js';
import { getIndicatorStatuses } from '../indicators/status.js';
import { getActionEvidenceRags } from '../plans/status.js';
import type { RiskInput } from './schemas.js';

export interface RiskView {
  id: string;
  reference: string;
  title: string;
  cause: string | null;
  consequence: string | null;
  ownerId: string | null;
  ownerName: string | null;
  controls: string | null;
  likelihood: number;
  impact: number;
  score: number;
  rating: RiskRating;
  reviewDate: string | null;
  reviewOverdue: boolean;
  status: 'open' | 'closed';
  version: number;
  indicators: (LinkedIndicatorStatus & { id: string })[];
  actions: (LinkedActionStatus & { id: string })[];
  evidenceConflict: EvidenceConflict;
}

async function checkRisk(db: Kysely<Database>, organisationId: string, input: RiskInput, exceptId?: string) {
  const linked = async (type: 'indicator' | 'plan-action', ids: string[]) => {
    for (const id of ids) if (!(await linkTargetExists(db, organisationId, type, id))) return false;
    return true;
  };
  failIfAny([
    (await nameTaken(db, organisationId, 'risks', 'reference', input.reference, exceptId)) && {
      path: 'reference',
      message: 'There is already a risk with this reference',
    },
    await ownerProblem(db, organisationId, input.ownerId),
    !(await linked('indicator', input.indicatorIds)) && {
      path: 'indicatorIds',
      message: 'Select indicators of your organisation',
    },
    !(await linked('plan-action', input.planActionIds)) && {
      path: 'planActionIds',
      message: 'Select plan actions of your organisation',
    },
  ]);
}

function columns(input: RiskInput) {
  const { indicatorIds: _i, planActionIds: _p, scoreNote: _n, ...rest } = input;
  return rest;
}

async function replaceLinks(trx: Executor, organisationId: string, riskId: string, input: RiskInput) {
  await trx.deleteFrom('riskLinks').where('riskId', '=', riskId).where('organisationId', '=', organisationId).execute();
  const rows = [
    ...input.indicatorIds.map((targetId) => ({ organisationId, riskId, targetType: 'indicator' as const, targetId })),
    ...input.planActionIds.map((targetId) => ({
      organisationId,
      riskId,
      targetType: 'plan-action' as const,
      targetId,
    })),
  ];
  if (rows.length) await trx.insertInto('riskLinks').values(rows).execute();
}

async function recordScore(
  trx: Executor,
  actor: Actor,
  riskId: string,
  likelihood: number,
  impact: number,
  recordedOn: string,
  note: string | null,
) {
  await trx
    .insertInto('riskScoreHistory')
    .values({
      organisationId: actor.organisationId,
      riskId,
      likelihood,
      impact,
      score: riskScore(likelihood, impact),
      recordedOn,
      recordedBy: actor.label,
      note,
    })
    .execute();
}

export async function createRisk(db: Kysely<Database>, actor: Actor, input: RiskInput, today: string) {
  await checkRisk(db, actor.organisationId, input);
  return db.transaction().execute(async (trx) => {
    const risk = await insertAudited(trx, actor, 'risks', columns(input));
    await replaceLinks(trx, actor.organisationId, risk.id, input);
    await recordScore(trx, actor, risk.id, input.likelihood, input.impact, today, input.scoreNote);
    return risk;
  });
}

/** Saves the risk and its links; a change of likelihood or impact adds a line to the score history. */
export async function updateRisk(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: RiskInput,
  today: string,
  version: number,
) {
  const before = await getOwned(db, actor.organisationId, 'risks', id);
  await checkRisk(db, actor.organisationId, input, id);
  return db.transaction().execute(async (trx) => {
    const risk = await updateAudited(trx, actor, 'risks', id, columns(input), version);
    await replaceLinks(trx, actor.organisationId, id, input);
    if (before.likelihood !== input.likelihood || before.impact !== input.impact)
      await recordScore(trx, actor, id, input.likelihood, input.impact, today, input.scoreNote);
    return risk;
  });
}

export async function deleteRisk(db: Kysely<Database>, actor: Actor, id: string) {
  return db.transaction().execute((trx) => deleteAudited(trx, actor, 'risks', id));
}

export async function riskHistory(db: Executor, organisationId: string, riskId: string) {
  return rowsOf(db, 'riskScoreHistory', organisationId, { column: 'riskId', id: riskId })
    .orderBy('createdAt', 'desc')
    .execute();
}

/**
 * Each risk's linked indicators and plan actions with their status, from the indicators' and plans' own
 * status functions: what its evidence conflict is worked out from (the register and the reports' risks section).
 */
export async function linkedEvidence(
  db: Executor,
  organisationId: string,
  riskIds: string[],
  today: string,
): Promise<Map<string, Pick<RiskView, 'indicators' | 'actions'>>> {
  if (!riskIds.length) return new Map();
  const links = await db
    .selectFrom('riskLinks')
    .select(['riskId', 'targetType', 'targetId'])
    .where('organisationId', '=', organisationId)
    .where('riskId', 'in', riskIds)
    .execute();
  const indicatorIds = [...new Set(links.filter((l) => l.targetType === 'indicator').map((l) => l.targetId))];
  const actionIds = [...new Set(links.filter((l) => l.targetType === 'plan-action').map((l) => l.targetId))];
  const [indicatorStatuses, actionStatuses] = await Promise.all([
    getIndicatorStatuses(db, organisationId, indicatorIds, today),
    getActionEvidenceRags(db, organisationId, actionIds, today),
  ]);
  return new Map(
    riskIds.map((riskId) => {
      const mine = links.filter((l) => l.riskId === riskId);
      const indicators = mine
        .filter((l) => l.targetType === 'indicator' && indicatorStatuses.has(l.targetId))
        .map((l) => {
          const s = indicatorStatuses.get(l.targetId)!;
          return { id: l.targetId, name: s.name, rag: s.rag, trend: s.trend };
        });
      const actions = mine
        .filter((l) => l.targetType === 'plan-action' && actionStatuses.has(l.targetId))
        .map((l) => {
          const s = actionStatuses.get(l.targetId)!;
          return { id: l.targetId, reference: s.reference, title: s.title, evidenceRag: s.evidenceRag };
        });
      return [riskId, { indicators, actions }];
    }),
  );
}

/**
 * The register: every risk with its score, rating band, linked evidence (from the indicators' and
 * plans' own status functions) and the evidence-conflict flag.
 */
export async function listRiskViews(
  db: Kysely<Database>,
  organisationId: string,
  opts: { ids?: string[]; today?: string } = {},
): Promise<RiskView[]> {
  const today = opts.today ?? todayInLondon();
  let q = db
    .selectFrom('risks')
    .leftJoin('users', 'users.id', 'risks.ownerId')
    .selectAll('risks')
    .select('users.displayName as ownerName')
    .where('risks.organisationId', '=', organisationId);
  if (opts.ids) {
    if (!opts.ids.length) return [];
    q = q.where('risks.id', 'in', opts.ids);
  }
  const risks = await q.execute();
  if (!risks.length) return [];
  const evidence = await linkedEvidence(
    db,
    organisationId,
    risks.map((r) => r.id),
    today,
  );
  const views = risks.map((r) => {
    const { indicators, actions } = evidence.get(r.id)!;
    const score = riskScore(r.likelihood, r.impact);
    const rating = riskRating(score);
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      cause: r.cause,
      consequence: r.consequence,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      controls: r.controls,
      likelihood: r.likelihood,
      impact: r.impact,
      score,
      rating,
      reviewDate: r.reviewDate,
      reviewOverdue: r.status === 'open' && r.reviewDate !== null && r.reviewDate < today,
      status: r.status,
      version: r.version,
      indicators,
      actions,
      evidenceConflict:
        r.status === 'open' ? evidenceConflict(rating, indicators, actions) : { conflict: false, reasons: [] },
    };
  });
  return views.sort(
    (a, b) =>
      Number(b.evidenceConflict.conflict) - Number(a.evidenceConflict.conflict) ||
      b.score - a.score ||
      a.reference.localeCompare(b.reference, 'en-GB', { numeric: true }),
  );
}

export async function riskLinkIds(db: Executor, organisationId: string, riskId: string) {
  const links = await db
    .selectFrom('riskLinks')
    .select(['targetType', 'targetId'])
    .where('organisationId', '=', organisationId)
    .where('riskId', '=', riskId)
    .execute();
  return {
    indicatorIds: links.filter((l) => l.targetType === 'indicator').map((l) => l.targetId),
    planActionIds: links.filter((l) => l.targetType === 'plan-action').map((l) => l.targetId),
  };
}
