import { describe, expect, it } from 'vitest';
import { OFSTED_SCALE } from './case-audit-framework.js';
import { AUDIT_THEMES } from '../../test/support/lib-fixtures.js';
import { agreement, percent, share, shareText, summariseCycle, type AuditGrades } from './case-audit-summary.js';
import { cycleIndicatorValues, indicatorKey } from './case-audit-indicators.js';

/** An audit from its standards' grades (A1, A2, V1) and overall grade, and the moderator's, if moderated. */
const audit = (
  n: number,
  team: string | null,
  [a1, a2, v1]: string[],
  overall: string | null,
  moderated?: [string[], string],
): AuditGrades => ({
  id: `x${n}`,
  reference: `r${n}`,
  team,
  grades: overall ? { a1, a2, v1 } : {},
  overall,
  moderation: moderated
    ? { grades: { a1: moderated[0][0], a2: moderated[0][1], v1: moderated[0][2] }, overall: moderated[1] }
    : null,
});

const AUDITS: AuditGrades[] = [
  audit(1, 'A', ['good', 'requires-improvement', 'inadequate'], 'requires-improvement', [
    ['good', 'good', 'inadequate'],
    'good',
  ]),
  audit(2, 'A', ['outstanding', 'good', 'n-a'], 'good', [['outstanding', 'good', 'n-a'], 'good']),
  audit(3, 'B', ['inadequate', 'inadequate', 'requires-improvement'], 'inadequate'),
  audit(4, null, [], null),
];

describe('percent and share', () => {
  it.each([
    [2, 3, 66.7],
    [1, 3, 33.3],
    [1, 8, 12.5],
    [0, 5, 0],
    [5, 5, 100],
    [1, 0, null],
  ])('%i of %i is %j%', (n, d, expected) => {
    expect(percent(n, d)).toBe(expected);
  });

  it('counts every grade of the scale and leaves out the ungraded and not applicable', () => {
    expect(share(OFSTED_SCALE, ['good', 'outstanding', null, 'n-a', 'inadequate', 'made-up'])).toEqual({
      goodOrBetter: 66.7,
      inadequate: 33.3,
      goodOrBetterCount: 2,
      inadequateCount: 1,
      graded: 3,
      counts: { outstanding: 1, good: 1, 'requires-improvement': 0, inadequate: 1 },
    });
  });

  it.each([
    [66.7, 2, 3, '66.7% (2 of 3)'],
    [100, 12, 12, '100% (12 of 12)'],
    [null, 0, 0, 'None graded'],
  ])('shareText(%j, %i, %i) = %j', (pct, n, d, text) => {
    expect(shareText(pct, n, d)).toBe(text);
  });
});

describe('agreement', () => {
  it.each([
    // [auditor overall, moderator overall] pairs; unmoderated audits do not count
    [
      [
        ['good', 'good'],
        ['good', 'requires-improvement'],
        ['inadequate', 'inadequate'],
        ['good', null],
      ],
      { moderated: 3, agreed: 2, rate: 66.7 },
    ],
    [[['good', null]], { moderated: 0, agreed: 0, rate: null }],
    [[['outstanding', 'good']], { moderated: 1, agreed: 0, rate: 0 }],
  ] as const)('%j', (pairs, expected) => {
    const audits = pairs.map(([overall, moderated]) => ({
      overall,
      moderation: moderated ? { grades: {}, overall: moderated } : null,
    }));
    expect(agreement(audits)).toEqual(expected);
  });
});

describe('summariseCycle', () => {
  // Worked out by hand from AUDITS with the moderated grades replacing the auditor's:
  //   x1 good (a1 good, a2 good, v1 inadequate); x2 good (a1 outstanding, a2 good, v1 n/a);
  //   x3 inadequate (a1 inadequate, a2 inadequate, v1 requires improvement); x4 not graded.
  const s = summariseCycle(OFSTED_SCALE, AUDIT_THEMES, AUDITS);

  it('overall: 3 graded, 2 good or better, 1 inadequate', () => {
    expect(s.cases).toBe(4);
    expect(s.audits).toBe(3);
    expect(s.overall).toEqual({
      goodOrBetter: 66.7,
      inadequate: 33.3,
      goodOrBetterCount: 2,
      inadequateCount: 1,
      graded: 3,
      counts: { outstanding: 0, good: 2, 'requires-improvement': 0, inadequate: 1 },
    });
  });

  it('by theme: every standard grade, not applicable left out', () => {
    // Assessment: good, good, outstanding, good, inadequate, inadequate → 4 of 6 good or better, 2 of 6 inadequate.
    // Voice: inadequate, (n/a), requires improvement → 0 of 2, 1 of 2 inadequate, 1 not applicable.
    expect(s.themes).toEqual([
      {
        key: 'assessment',
        name: 'Assessment',
        goodOrBetter: 66.7,
        inadequate: 33.3,
        goodOrBetterCount: 4,
        inadequateCount: 2,
        graded: 6,
        counts: { outstanding: 1, good: 3, 'requires-improvement': 0, inadequate: 2 },
        notApplicable: 0,
      },
      {
        key: 'voice',
        name: 'The child’s voice',
        goodOrBetter: 0,
        inadequate: 50,
        goodOrBetterCount: 0,
        inadequateCount: 1,
        graded: 2,
        counts: { outstanding: 0, good: 0, 'requires-improvement': 1, inadequate: 1 },
        notApplicable: 1,
      },
    ]);
  });

  it('by team: overall grades; a team with nothing graded is left out', () => {
    expect(s.teams.map((t) => [t.team, t.goodOrBetter, t.inadequate, t.graded])).toEqual([
      ['A', 100, 0, 2],
      ['B', 0, 100, 1],
    ]);
  });

  it('agreement and what moderation changed, before and after', () => {
    expect(s.agreement).toEqual({ moderated: 2, agreed: 1, rate: 50 });
    expect(s.changes).toEqual([
      {
        auditId: 'x1',
        reference: 'r1',
        overallBefore: 'requires-improvement',
        overallAfter: 'good',
        standards: [{ key: 'a2', before: 'requires-improvement', after: 'good' }],
      },
    ]);
  });

  it('an empty cycle has nothing to count', () => {
    const empty = summariseCycle(OFSTED_SCALE, AUDIT_THEMES, []);
    expect(empty.audits).toBe(0);
    expect(empty.overall.goodOrBetter).toBeNull();
    expect(empty.agreement.rate).toBeNull();
    expect(cycleIndicatorValues('practice', 'Case file audits', empty)).toEqual([]);
  });
});

describe('cycleIndicatorValues', () => {
  it('gives each share with its counts, under keys that stay the same from cycle to cycle', () => {
    const values = cycleIndicatorValues(
      'practice',
      'Case file audits',
      summariseCycle(OFSTED_SCALE, AUDIT_THEMES, AUDITS),
    );
    expect(values.map((v) => [v.key, v.value, v.numerator, v.denominator, v.polarity])).toEqual([
      ['case-audit.practice.overall.good', 66.7, 2, 3, 'higher-is-better'],
      ['case-audit.practice.overall.inadequate', 33.3, 1, 3, 'lower-is-better'],
      ['case-audit.practice.theme.assessment.good', 66.7, 4, 6, 'higher-is-better'],
      ['case-audit.practice.theme.assessment.inadequate', 33.3, 2, 6, 'lower-is-better'],
      ['case-audit.practice.theme.voice.good', 0, 0, 2, 'higher-is-better'],
      ['case-audit.practice.theme.voice.inadequate', 50, 1, 2, 'lower-is-better'],
      ['case-audit.practice.team.a.good', 100, 2, 2, 'higher-is-better'],
      ['case-audit.practice.team.a.inadequate', 0, 0, 2, 'lower-is-better'],
      ['case-audit.practice.team.b.good', 0, 0, 1, 'higher-is-better'],
      ['case-audit.practice.team.b.inadequate', 100, 1, 1, 'lower-is-better'],
      ['case-audit.practice.agreement', 50, 1, 2, 'higher-is-better'],
    ]);
    expect(values[2].name).toBe('Case file audits: Assessment standards good or better');
  });

  it('keeps every key within the library’s pattern and 80 characters', () => {
    const key = indicatorKey(
      'A very long framework name for our audits',
      { kind: 'team', name: 'Family Support North and the Coastal Hub Extended' },
      'inadequate',
    );
    expect(key.length).toBeLessThanOrEqual(80);
    expect(key).toMatch(/^[a-z0-9][a-z0-9._-]{0,79}$/);
  });
});
