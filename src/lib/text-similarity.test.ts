import { describe, expect, it } from 'vitest';
import { isSimilar, similarity, stem, stems } from './text-similarity.js';

describe('stem', () => {
  it.each([
    ['assessments', 'assess'],
    ['assessment', 'assess'],
    ['assessing', 'assess'],
    ['planning', 'plan'],
    ['plans', 'plan'],
    ['consistency', 'consist'],
    ['consistently', 'consist'],
    ['timeliness', 'time'],
    ['timely', 'time'],
    ['conferences', 'conferenc'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('stems', () => {
  it('drops common words and the verbs recommendations start with, and folds synonyms', () => {
    expect([...stems('Ensure that children looked after have stable placements')].sort()).toEqual([
      'care',
      'home',
      'stabl',
    ]);
  });
});

describe('similarity', () => {
  // Expected scores worked out by hand: weights 1, generic words 0.3; score = (dice + overlap) / 2.
  it.each([
    // same stems in a different order: dice 1, overlap 1
    ['The quality and consistency of assessments.', 'Improve the consistency of assessment quality.', 1],
    // shared "quality" only (0.3): dice 0.6/2.6 = 0.2308, overlap 0.3/1.3 = 0.2308
    ['The quality of assessments.', 'The quality of plans.', 0.231],
    // shared sufficient + home = 2 of 2 and 4: dice 4/6, overlap 1 → 0.833
    [
      'Sufficiency of placements for children aged 16 and over.',
      'Sufficiency of suitable foster homes for children.',
      0.833,
    ],
    ['Return home interviews after children go missing', 'The quality of case recording', 0],
  ])('%s ~ %s = %s', (a, b, expected) => {
    expect(similarity(a, b)).toBeCloseTo(expected as number, 3);
  });

  it('treats rewording of the same issue as similar and different subjects as not', () => {
    expect(
      isSimilar(
        'Timeliness of initial child protection conferences.',
        'Initial child protection conferences are not held in a timely way',
      ),
    ).toBe(true);
    expect(
      isSimilar(
        'Frontline management oversight across the service.',
        'Improve the quality of frontline management oversight and direction across all teams.',
      ),
    ).toBe(true);
    expect(isSimilar('The quality of assessments.', 'The quality of plans.')).toBe(false);
    expect(isSimilar('', 'anything')).toBe(false);
  });
});
