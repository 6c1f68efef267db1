/**
 * A cycle's results: how many audits, the share graded good or better and inadequate overall, by theme
 * and by team (always with the counts), how often the moderator agreed with the auditor, and what
 * moderation changed. Moderated grades replace the auditor's in the results; the auditor's are kept to
 * show the change and to measure agreement.
 */
import { NOT_APPLICABLE, type Grade, type Theme } from './case-audit-framework.js';
import { NO_TEAM } from './case-audit-sampling.js';
import { percentWithCount } from './percent-count.js';

export interface AuditGrades {
  id: string;
  /** What people see for the case: a short pseudonym, never the identifier. */
  reference: string;
  team: string | null;
  /** Standard key → grade key (or NOT_APPLICABLE); a standard left out is not graded. */
  grades: Record<string, string>;
  overall: string | null;
  moderation: { grades: Record<string, string>; overall: string } | null;
}

export interface Share {
  /** Percentage (one decimal place) of `graded`, or null when nothing was graded. */
  goodOrBetter: number | null;
  inadequate: number | null;
  goodOrBetterCount: number;
  inadequateCount: number;
  graded: number;
  /** Grade key → how many; every grade of the scale is present, zero or not. */
  counts: Record<string, number>;
}

export interface ThemeResult extends Share {
  key: string;
  name: string;
  notApplicable: number;
}

export interface TeamResult extends Share {
  team: string;
}

export interface ModerationChange {
  auditId: string;
  reference: string;
  overallBefore: string | null;
  overallAfter: string;
  standards: { key: string; before: string | null; after: string }[];
}

export interface Agreement {
  moderated: number;
  agreed: number;
  /** Percentage of moderated audits whose overall grade the moderator kept, or null when none were moderated. */
  rate: number | null;
}

export interface CycleSummary {
  /** Audits in the cycle, graded or not. */
  cases: number;
  /** Audits with an overall grade (the moderated one where there is one): what the shares count. */
  audits: number;
  agreement: Agreement;
  overall: Share;
  themes: ThemeResult[];
  teams: TeamResult[];
  changes: ModerationChange[];
}

export function percent(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}

/** The grade that counts: the moderator's where the audit was moderated. */
export function finalOverall(a: Pick<AuditGrades, 'overall' | 'moderation'>): string | null {
  return a.moderation?.overall ?? a.overall;
}

export function finalGrades(a: Pick<AuditGrades, 'grades' | 'moderation'>): Record<string, string> {
  return { ...a.grades, ...(a.moderation?.grades ?? {}) };
}

/** Count grades against a scale; grades not on the scale (and not applicable) are left out. */
export function share(scale: readonly Grade[], grades: readonly (string | null)[]): Share {
  const counts: Record<string, number> = Object.fromEntries(scale.map((g) => [g.key, 0]));
  const band = new Map(scale.map((g) => [g.key, g.band]));
  let good = 0;
  let bad = 0;
  let graded = 0;
  for (const g of grades) {
    if (!g || !band.has(g)) continue;
    counts[g]++;
    graded++;
    if (band.get(g) === 'good-or-better') good++;
    if (band.get(g) === 'inadequate') bad++;
  }
  return {
    goodOrBetter: percent(good, graded),
    inadequate: percent(bad, graded),
    goodOrBetterCount: good,
    inadequateCount: bad,
    graded,
    counts,
  };
}

/** Of the moderated audits, how many kept the auditor's overall grade. */
export function agreement(audits: readonly Pick<AuditGrades, 'overall' | 'moderation'>[]): Agreement {
  const moderated = audits.filter((a) => a.moderation);
  const agreed = moderated.filter((a) => a.moderation!.overall === a.overall).length;
  return { moderated: moderated.length, agreed, rate: percent(agreed, moderated.length) };
}

/** What each moderation changed: the overall grade and any standard, before and after. */
export function moderationChanges(audits: readonly AuditGrades[]): ModerationChange[] {
  const out: ModerationChange[] = [];
  for (const a of audits) {
    if (!a.moderation) continue;
    const standards = Object.entries(a.moderation.grades)
      .filter(([k, g]) => (a.grades[k] ?? null) !== g)
      .map(([key, after]) => ({ key, before: a.grades[key] ?? null, after }));
    if (a.moderation.overall !== a.overall || standards.length)
      out.push({
        auditId: a.id,
        reference: a.reference,
        overallBefore: a.overall,
        overallAfter: a.moderation.overall,
        standards,
      });
  }
  return out;
}

/**
 * The summary of one cycle. Overall and by team count each audit's final overall grade; a theme counts
 * every final grade given to its standards across the audits (so a theme of three standards over ten
 * audits counts up to thirty grades), leaving out "not applicable".
 */
export function summariseCycle(
  scale: readonly Grade[],
  themes: readonly Theme[],
  audits: readonly AuditGrades[],
): CycleSummary {
  const finals = audits.map((a) => ({ a, overall: finalOverall(a), grades: finalGrades(a) }));
  const overall = share(
    scale,
    finals.map((f) => f.overall),
  );
  const themeResults: ThemeResult[] = themes.map((t) => {
    const given = finals.flatMap((f) => t.standards.map((s) => f.grades[s.key] ?? null));
    return {
      key: t.key,
      name: t.name,
      ...share(scale, given),
      notApplicable: given.filter((g) => g === NOT_APPLICABLE).length,
    };
  });
  const byTeam = new Map<string, (string | null)[]>();
  for (const f of finals) {
    const team = f.a.team?.trim() || NO_TEAM;
    byTeam.set(team, [...(byTeam.get(team) ?? []), f.overall]);
  }
  const teams = [...byTeam.entries()]
    .sort((x, y) => x[0].localeCompare(y[0], 'en-GB'))
    .map(([team, grades]) => ({ team, ...share(scale, grades) }))
    .filter((t) => t.graded > 0);
  return {
    cases: audits.length,
    audits: overall.graded,
    agreement: agreement(audits),
    overall,
    themes: themeResults,
    teams,
    changes: moderationChanges(audits),
  };
}

/** "62.5% (5 of 8)" as every percentage is shown (lib/percent-count), or "None graded" when nothing was. */
export function shareText(pct: number | null, count: number, of: number): string {
  return pct === null ? 'None graded' : percentWithCount(pct, count, of);
}
