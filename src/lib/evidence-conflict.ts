import type { RiskRating } from './risk-scoring.js';

/** What the indicators and plan actions linked to a risk say (from their own status functions). */
export interface LinkedIndicatorStatus {
  name: string;
  rag: 'red' | 'amber' | 'green' | 'none';
  trend: 'improving' | 'stable' | 'worsening' | 'unknown';
}
export interface LinkedActionStatus {
  reference: string;
  title: string;
  evidenceRag: 'red' | 'amber' | 'green' | 'complete' | 'not-started';
}

export interface EvidenceConflict {
  conflict: boolean;
  reasons: string[];
}

/**
 * A risk rated low while the evidence linked to it says otherwise (seed 004: a register that rated a
 * failing service low risk). Conflict when the rating is low and any linked indicator is red or
 * worsening, or any linked plan action's evidence-derived RAG is red. Ratings above low are not
 * flagged: the register already treats them as needing attention.
 */
export function evidenceConflict(
  rating: RiskRating,
  indicators: LinkedIndicatorStatus[],
  actions: LinkedActionStatus[],
): EvidenceConflict {
  if (rating !== 'low') return { conflict: false, reasons: [] };
  const reasons: string[] = [];
  for (const i of indicators) {
    if (i.rag === 'red' && i.trend === 'worsening') reasons.push(`Indicator “${i.name}” is red and worsening`);
    else if (i.rag === 'red') reasons.push(`Indicator “${i.name}” is red`);
    else if (i.trend === 'worsening') reasons.push(`Indicator “${i.name}” is worsening`);
  }
  for (const a of actions) {
    if (a.evidenceRag === 'red') reasons.push(`Plan action ${a.reference} “${a.title}” is red on the evidence`);
  }
  return { conflict: reasons.length > 0, reasons };
}
