/**
 * A cycle's results as indicators for the library: good or better and inadequate overall, by theme and
 * by team, and the moderation agreement rate. Each carries its numerator and denominator so the count
 * is shown beside the percentage, and its key is stable from cycle to cycle so the values form a series.
 */
import { shortKey } from './case-audit-framework.js';
import type { CycleSummary, Share } from './case-audit-summary.js';

export interface AuditIndicatorValue {
  key: string;
  name: string;
  definition: string;
  polarity: 'higher-is-better' | 'lower-is-better';
  value: number | null;
  numerator: number;
  denominator: number;
  /** What is counted, for the note beside the value: "audits" or "standard grades". */
  counted: string;
}

export const KEY_PREFIX = 'case-audit';

/**
 * `case-audit.<series>.<scope>.<measure>`: series is the framework (monthly cycles) or the topic of a
 * themed audit; scope is `overall`, `theme.<theme>` or `team.<team>`; measure `good` or `inadequate`.
 * Every part is a short slug (cut long names end in six characters of their hash), within the
 * library's 80-character key limit.
 */
export function indicatorKey(
  series: string,
  scope: { kind: 'overall' } | { kind: 'theme'; key: string } | { kind: 'team'; name: string } | { kind: 'agreement' },
  measure?: 'good' | 'inadequate',
): string {
  const s = shortKey(series, 20);
  if (scope.kind === 'agreement') return `${KEY_PREFIX}.${s}.agreement`;
  const middle =
    scope.kind === 'overall'
      ? 'overall'
      : scope.kind === 'theme'
        ? `theme.${shortKey(scope.key, 24)}`
        : `team.${shortKey(scope.name, 24)}`;
  return `${KEY_PREFIX}.${s}.${middle}.${measure}`;
}

function pair(
  series: string,
  seriesName: string,
  scope: Parameters<typeof indicatorKey>[1],
  what: string,
  counted: string,
  share: Share,
  definition: string,
): AuditIndicatorValue[] {
  return [
    {
      key: indicatorKey(series, scope, 'good'),
      name: `${seriesName}: ${what} good or better`,
      definition: `${definition} The percentage graded good or better (by the framework's scale, after moderation).`,
      polarity: 'higher-is-better',
      value: share.goodOrBetter,
      numerator: share.goodOrBetterCount,
      denominator: share.graded,
      counted,
    },
    {
      key: indicatorKey(series, scope, 'inadequate'),
      name: `${seriesName}: ${what} inadequate`,
      definition: `${definition} The percentage graded inadequate (after moderation).`,
      polarity: 'lower-is-better',
      value: share.inadequate,
      numerator: share.inadequateCount,
      denominator: share.graded,
      counted,
    },
  ];
}

/** Every indicator value one cycle gives; a theme or team with nothing graded gives none. */
export function cycleIndicatorValues(series: string, seriesName: string, summary: CycleSummary): AuditIndicatorValue[] {
  const out: AuditIndicatorValue[] = [];
  if (summary.overall.graded)
    out.push(
      ...pair(
        series,
        seriesName,
        { kind: 'overall' },
        'audits',
        'audits',
        summary.overall,
        'Case file audits of the cycle with an overall grade.',
      ),
    );
  for (const t of summary.themes) {
    if (!t.graded) continue;
    out.push(
      ...pair(
        series,
        seriesName,
        { kind: 'theme', key: t.key },
        `${t.name} standards`,
        'standard grades',
        t,
        `Grades given to the standards of the theme “${t.name}” across the audits of the cycle, leaving out standards graded not applicable.`,
      ),
    );
  }
  for (const t of summary.teams) {
    out.push(
      ...pair(
        series,
        seriesName,
        { kind: 'team', name: t.team },
        `${t.team} audits`,
        'audits',
        t,
        `Audits of cases held by ${t.team} (the team in Annex A when the case was chosen) with an overall grade.`,
      ),
    );
  }
  if (summary.agreement.moderated) {
    out.push({
      key: indicatorKey(series, { kind: 'agreement' }),
      name: `${seriesName}: moderation agreement`,
      definition:
        'Of the audits a second auditor moderated, the percentage where the moderator kept the auditor’s overall grade.',
      polarity: 'higher-is-better',
      value: summary.agreement.rate,
      numerator: summary.agreement.agreed,
      denominator: summary.agreement.moderated,
      counted: 'moderated audits',
    });
  }
  return out;
}
