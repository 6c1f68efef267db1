import { describe, expect, it } from 'vitest';
import { evidenceConflict, type LinkedActionStatus, type LinkedIndicatorStatus } from './evidence-conflict.js';
import type { RiskRating } from './risk-scoring.js';

const ind = (
  rag: LinkedIndicatorStatus['rag'],
  trend: LinkedIndicatorStatus['trend'],
  name = 'Unallocated cases',
): LinkedIndicatorStatus => ({ name, rag, trend });
const act = (evidenceRag: LinkedActionStatus['evidenceRag']): LinkedActionStatus => ({
  reference: 'A1.2',
  title: 'Recruit social workers',
  evidenceRag,
});

describe('evidenceConflict', () => {
  it.each<[string, RiskRating, LinkedIndicatorStatus[], LinkedActionStatus[], string[]]>([
    ['low, nothing linked', 'low', [], [], []],
    ['low, green improving indicator', 'low', [ind('green', 'improving')], [], []],
    ['low, amber stable indicator', 'low', [ind('amber', 'stable')], [], []],
    ['low, red indicator', 'low', [ind('red', 'stable')], [], ['Indicator “Unallocated cases” is red']],
    ['low, red improving indicator', 'low', [ind('red', 'improving')], [], ['Indicator “Unallocated cases” is red']],
    [
      'low, green but worsening indicator',
      'low',
      [ind('green', 'worsening')],
      [],
      ['Indicator “Unallocated cases” is worsening'],
    ],
    [
      'low, no-rating worsening indicator',
      'low',
      [ind('none', 'worsening')],
      [],
      ['Indicator “Unallocated cases” is worsening'],
    ],
    [
      'low, red and worsening indicator',
      'low',
      [ind('red', 'worsening')],
      [],
      ['Indicator “Unallocated cases” is red and worsening'],
    ],
    ['low, red action', 'low', [], [act('red')], ['Plan action A1.2 “Recruit social workers” is red on the evidence']],
    ['low, amber action', 'low', [], [act('amber')], []],
    ['low, not-started and complete actions', 'low', [], [act('not-started'), act('complete')], []],
    ['medium with red evidence', 'medium', [ind('red', 'worsening')], [act('red')], []],
    ['high with red evidence', 'high', [ind('red', 'worsening')], [], []],
    [
      'low, two reasons',
      'low',
      [ind('red', 'stable', 'Caseloads')],
      [act('red')],
      ['Indicator “Caseloads” is red', 'Plan action A1.2 “Recruit social workers” is red on the evidence'],
    ],
  ])('%s', (_label, rating, indicators, actions, reasons) => {
    const result = evidenceConflict(rating, indicators, actions);
    expect(result.reasons).toEqual(reasons);
    expect(result.conflict).toBe(reasons.length > 0);
  });
});
