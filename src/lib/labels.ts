import { FINDING_KIND_LABELS, inspectionType, type FindingKind } from './frameworks.js';
import { MONTHS } from './dates.js';

/**
 * Names as people say them, in one place: every page, report and choice list uses these rather than
 * internal keys ("ilacs-standard", "sif", "area-for-improvement") or ids.
 */

/** '2023-03-06' → 'March 2023'. */
export function monthYear(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso ?? '');
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : '';
}

/** Ofsted's own words for what an inspection found (ILACS "areas for improvement", focused visits' "areas for priority action"). */
const FINDING_KIND_PLURALS: Record<FindingKind, string> = {
  recommendation: 'Recommendations',
  'area-for-improvement': 'Areas for improvement',
  'further-action': 'Areas for priority action',
  strength: 'Strengths',
};
export const FINDING_KIND_NAMES: Record<string, { one: string; many: string }> = Object.fromEntries(
  (Object.keys(FINDING_KIND_PLURALS) as FindingKind[]).map((k) => [
    k,
    { one: FINDING_KIND_LABELS[k], many: FINDING_KIND_PLURALS[k] },
  ]),
);

/** 'area-for-improvement' → 'Area for improvement'; with a count other than 1, 'Areas for improvement'. */
export function findingKindName(kind: string, count = 1): string {
  const names = FINDING_KIND_NAMES[kind];
  if (!names) return 'Finding';
  return count === 1 ? names.one : names.many;
}

/** The type of inspection in words ('sif' → 'Single inspection framework inspection'). */
export function inspectionTypeName(typeKey: string): string {
  return inspectionType(typeKey)?.label ?? 'Inspection';
}

/** 'ILACS standard inspection, March 2023': an inspection as people refer to it. */
export function inspectionName(i: { typeKey: string; startDate: string }): string {
  return `${inspectionTypeName(i.typeKey)}, ${monthYear(i.startDate)}`;
}

const PLAN_STATUS_NAMES: Record<string, string> = { draft: 'draft', approved: 'approved', superseded: 'superseded' };

/** 'Plan version 2 (draft)'; with a title, 'Improving children’s services 2023 to 2027: version 2 (draft)'. */
export function planName(p: { title?: string | null; planVersion: number; status: string }, withTitle = false): string {
  const version = `version ${p.planVersion} (${PLAN_STATUS_NAMES[p.status] ?? p.status})`;
  return withTitle && p.title ? `${p.title}: ${version}` : `Plan ${version}`;
}

/** A RAG rating in words; 'none' where nothing rates it yet. The word is always shown beside any colour. */
export const RAG_LABELS = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  complete: 'Complete',
  'not-started': 'Not started',
  none: 'No rating',
} as const;
export type RagLabelKey = keyof typeof RAG_LABELS;

/** Where an action is up to. */
export const ACTION_STATUS_LABELS: Record<string, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
  closed: 'Closed',
};

export const PLAN_STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  approved: 'Approved',
  superseded: 'Superseded',
};

/** Where a plan action came from when not from an inspection finding. */
export const FINDING_SOURCE_LABELS: Record<string, string> = {
  'self-evaluation': 'Self-evaluation',
  scrutiny: 'Scrutiny',
  audit: 'Audit',
  other: 'Other',
};

export const TREND_LABELS: Record<string, string> = {
  improving: 'Improving',
  stable: 'Stable',
  worsening: 'Worsening',
  unknown: 'Not enough data',
};

/** A key with no name shows as it is rather than blank, so a new value is noticed, not hidden. */
const named = (labels: Record<string, string>) => (key: string | null | undefined) => (key ? (labels[key] ?? key) : '');
export const ragLabel = named(RAG_LABELS);
export const actionStatusLabel = named(ACTION_STATUS_LABELS);
export const planStatusLabel = named(PLAN_STATUS_LABELS);
export const findingSourceLabel = named(FINDING_SOURCE_LABELS);
export const trendLabel = named(TREND_LABELS);
