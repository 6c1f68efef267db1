import { allStandards, gradeLabel } from '../../lib/case-audit-framework.js';
import { shareText } from '../../lib/case-audit-summary.js';
import type { CycleView } from './cycles.js';

/**
 * What moderation changed, a row per grade that moved (the overall grade first, then each standard by
 * its code and words): the cycle page, reports and the export list the same rows.
 */
export function moderationChanges(view: CycleView) {
  const { scale, themes } = view.version;
  const codeOf = new Map(allStandards(themes).map((x) => [x.key, `${x.code} ${x.text}`]));
  return view.summary.changes.flatMap((c) => [
    ...(c.overallBefore !== c.overallAfter
      ? [
          {
            auditId: c.auditId,
            reference: c.reference,
            what: 'Overall grade',
            before: gradeLabel(scale, c.overallBefore),
            after: gradeLabel(scale, c.overallAfter),
          },
        ]
      : []),
    ...c.standards.map((st) => ({
      auditId: c.auditId,
      reference: c.reference,
      what: codeOf.get(st.key) ?? st.key,
      before: gradeLabel(scale, st.before),
      after: gradeLabel(scale, st.after),
    })),
  ]);
}

/** The summary of a cycle as the page and reports show it: every percentage with its count. */
export function summaryView(view: CycleView) {
  const { scale } = view.version;
  const s = view.summary;
  const share = (x: typeof s.overall) => ({
    good: shareText(x.goodOrBetter, x.goodOrBetterCount, x.graded),
    bad: shareText(x.inadequate, x.inadequateCount, x.graded),
    counts: scale.map((g) => x.counts[g.key] ?? 0),
    graded: x.graded,
  });
  return {
    grades: scale,
    overall: share(s.overall),
    themes: s.themes.map((t) => ({ name: t.name, notApplicable: t.notApplicable, ...share(t) })),
    teams: s.teams.map((t) => ({ name: t.team, ...share(t) })),
    agreement: s.agreement.moderated ? shareText(s.agreement.rate, s.agreement.agreed, s.agreement.moderated) : null,
    moderated: s.agreement.moderated,
    changes: moderationChanges(view),
  };
}
