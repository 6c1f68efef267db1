import type { Executor } from '../audit/audit.js';

/** Finding kinds every plan must answer with at least one action (strengths need none). */
export const KINDS_TO_COVER = ['recommendation', 'area-for-improvement', 'further-action'] as const;

export interface CoverageFinding {
  id: string;
  inspectionId: string;
  kind: string;
  text: string;
  reference: string | null;
  actions: { id: string; reference: string }[];
  reason: string | null;
  reasonId: string | null;
  reasonVersion: number | null;
}

/** Every recommendation and area for improvement of the inspections the plan answers, with the plan's actions that answer it. */
export async function planCoverage(db: Executor, organisationId: string, planId: string): Promise<CoverageFinding[]> {
  const findings = await db
    .selectFrom('findings')
    .innerJoin('planInspections', 'planInspections.inspectionId', 'findings.inspectionId')
    .select([
      'findings.id',
      'findings.inspectionId',
      'findings.kind',
      'findings.text',
      'findings.reference',
      'findings.position',
    ])
    .where('planInspections.planId', '=', planId)
    .where('planInspections.organisationId', '=', organisationId)
    .where('findings.organisationId', '=', organisationId)
    .where('findings.kind', 'in', [...KINDS_TO_COVER])
    .orderBy('findings.inspectionId')
    .orderBy('findings.position')
    .execute();
  if (!findings.length) return [];
  const links = await db
    .selectFrom('actionFindings')
    .innerJoin('actions', 'actions.id', 'actionFindings.actionId')
    .select(['actionFindings.findingId', 'actions.id', 'actions.reference'])
    .where('actions.planId', '=', planId)
    .where('actions.organisationId', '=', organisationId)
    .execute();
  const reasons = await db
    .selectFrom('planFindingReasons')
    .select(['id', 'findingId', 'reason', 'version'])
    .where('planId', '=', planId)
    .where('organisationId', '=', organisationId)
    .execute();
  const reasonByFinding = new Map(reasons.map((r) => [r.findingId, r]));
  return findings.map((f) => {
    const r = reasonByFinding.get(f.id);
    return {
      id: f.id,
      inspectionId: f.inspectionId,
      kind: f.kind,
      text: f.text,
      reference: f.reference,
      actions: links.filter((l) => l.findingId === f.id).map((l) => ({ id: l.id, reference: l.reference })),
      reason: r?.reason ?? null,
      reasonId: r?.id ?? null,
      reasonVersion: r?.version ?? null,
    };
  });
}

/** Findings the plan must answer that no action of the plan answers yet (whether or not a reason is recorded). */
export async function uncoveredFindingIds(db: Executor, organisationId: string, planId: string): Promise<string[]> {
  return (await planCoverage(db, organisationId, planId)).filter((f) => f.actions.length === 0).map((f) => f.id);
}
