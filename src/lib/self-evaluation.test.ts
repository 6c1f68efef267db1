import { describe, expect, it } from 'vitest';
import { compareSelfEvaluation } from './self-evaluation.js';

describe('compareSelfEvaluation', () => {
  it('compares area by area and summarises (same framework version)', () => {
    const s = compareSelfEvaluation(
      'ilacs-2023',
      {
        'overall-effectiveness': 'good',
        leaders: 'good',
        'help-and-protection': 'requires-improvement',
        'children-in-care': 'good',
        'care-leavers': null,
      },
      'ilacs-2023',
      {
        'overall-effectiveness': 'requires-improvement',
        leaders: 'good',
        'help-and-protection': 'good',
        'children-in-care': 'good',
        'care-leavers': 'inadequate',
      },
    );
    expect(s.rows.map((r) => r.result)).toEqual(['over', 'match', 'under', 'match', null]);
    // 4 compared, 2 matched → 50%
    expect([s.compared, s.matched, s.over, s.under, s.accuracyPercent]).toEqual([4, 2, 1, 1, 50]);
  });

  it('matches areas across framework versions by what they cover', () => {
    const s = compareSelfEvaluation('ilacs-2018', { 'children-in-care-and-care-leavers': 'good' }, 'ilacs-2023', {
      'children-in-care': 'good',
      'care-leavers': 'inadequate',
    });
    expect(s.rows.find((r) => r.series === 'children-in-care')).toMatchObject({
      selfGrade: 'good',
      ofstedGrade: 'good',
      result: 'match',
    });
    expect([s.compared, s.accuracyPercent]).toEqual([1, 100]);
  });

  it('gives no accuracy when nothing can be compared', () => {
    expect(compareSelfEvaluation('ilacs-2023', {}, 'ilacs-2023', {}).accuracyPercent).toBeNull();
  });
});
