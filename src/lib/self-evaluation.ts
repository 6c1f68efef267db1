/**
 * How accurate a self-evaluation was: each area's self-grade against Ofsted's grade for the same area
 * (matched across framework versions by the history series), and a summary.
 */
import { GRADE_RANK, frameworkVersion, type Grade, type HistorySeries } from './frameworks.js';

export interface ComparisonRow {
  series: HistorySeries;
  label: string;
  selfGrade: Grade | null;
  ofstedGrade: Grade | null;
  /** 'match', 'over' (self-grade better than Ofsted's), 'under', or null when either is missing. */
  result: 'match' | 'over' | 'under' | null;
}

export interface ComparisonSummary {
  rows: ComparisonRow[];
  compared: number;
  matched: number;
  over: number;
  under: number;
  /** Share of compared areas graded exactly as Ofsted did, 0–100 (null when nothing could be compared). */
  accuracyPercent: number | null;
}

export function compareSelfEvaluation(
  selfVersionKey: string,
  selfGrades: Record<string, Grade | null>,
  inspectionVersionKey: string,
  ofstedGrades: Record<string, Grade>,
): ComparisonSummary {
  const selfVersion = frameworkVersion(selfVersionKey);
  const inspVersion = frameworkVersion(inspectionVersionKey);
  const rows: ComparisonRow[] = [];
  for (const area of selfVersion?.areas ?? []) {
    const ofstedArea = inspVersion?.areas.find((a) => a.series === area.series);
    const selfGrade = selfGrades[area.key] ?? null;
    const ofstedGrade = ofstedArea ? (ofstedGrades[ofstedArea.key] ?? null) : null;
    let result: ComparisonRow['result'] = null;
    if (selfGrade && ofstedGrade)
      result = selfGrade === ofstedGrade ? 'match' : GRADE_RANK[selfGrade] > GRADE_RANK[ofstedGrade] ? 'over' : 'under';
    rows.push({ series: area.series, label: area.label, selfGrade, ofstedGrade, result });
  }
  const compared = rows.filter((r) => r.result).length;
  const matched = rows.filter((r) => r.result === 'match').length;
  return {
    rows,
    compared,
    matched,
    over: rows.filter((r) => r.result === 'over').length,
    under: rows.filter((r) => r.result === 'under').length,
    accuracyPercent: compared ? Math.round((matched / compared) * 100) : null,
  };
}
