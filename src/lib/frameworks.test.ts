import { describe, expect, it } from 'vitest';
import { checkJudgements, frameworkFor, judgedAreas, parseGradeText } from './frameworks.js';

describe('frameworkFor', () => {
  it.each([
    ['ilacs-standard', '2019-05-20', 'ilacs-2018'],
    ['ilacs-standard', '2022-12-31', 'ilacs-2018'],
    ['ilacs-short', '2023-01-01', 'ilacs-2023'],
    ['focused-visit', '2024-03-01', 'ilacs-2023'],
    ['sif', '2015-01-14', 'sif-2013'],
    ['monitoring-visit', '2016-04-01', 'sif-2013'],
    ['monitoring-visit', '2019-04-01', 'ilacs-2018'],
    ['lscb-review', '2016-11-14', 'lscb-2013'],
  ])('%s starting %s is under %s', (type, start, expected) => {
    expect(frameworkFor(type, start)?.key).toBe(expected);
  });

  it('knows no unknown type', () => {
    expect(frameworkFor('inspection-of-nothing', '2020-01-01')).toBeUndefined();
  });
});

describe('judgedAreas', () => {
  it('gives four areas before 2023, five from 2023, six under SIF and none for visits', () => {
    expect(judgedAreas('ilacs-standard', 'ilacs-2018')).toHaveLength(4);
    expect(judgedAreas('ilacs-standard', 'ilacs-2023').map((a) => a.key)).toContain('care-leavers');
    expect(
      judgedAreas('sif', 'sif-2013')
        .filter((a) => a.parent === 'looked-after-permanence')
        .map((a) => a.key),
    ).toEqual(['adoption-performance', 'care-leavers']);
    expect(judgedAreas('focused-visit', 'ilacs-2023')).toEqual([]);
  });
});

describe('checkJudgements', () => {
  it('accepts the areas the type judges', () => {
    expect(
      checkJudgements('ilacs-standard', 'ilacs-2023', {
        'overall-effectiveness': 'good',
        'care-leavers': 'inadequate',
      }),
    ).toEqual([]);
  });
  it('refuses an area the version does not judge, a bad grade, and grades on a visit', () => {
    expect(checkJudgements('ilacs-standard', 'ilacs-2018', { 'care-leavers': 'good' })[0].area).toBe('care-leavers');
    expect(checkJudgements('ilacs-standard', 'ilacs-2018', { leaders: 'excellent' })[0].message).toMatch(
      /must be one of outstanding/,
    );
    expect(checkJudgements('focused-visit', 'ilacs-2023', { 'overall-effectiveness': 'good' })[0].message).toBe(
      'A focused visit does not give grades',
    );
  });
});

describe('parseGradeText', () => {
  it.each([
    ['Requires improvement to be good', 'requires-improvement'],
    ['Requires improvement', 'requires-improvement'],
    ['  Good ', 'good'],
    ['Outstanding', 'outstanding'],
    ['Inadequate', 'inadequate'],
    ['Not judged', null],
    ['', null],
  ])('%s → %s', (text, grade) => {
    expect(parseGradeText(text)).toBe(grade);
  });
});
