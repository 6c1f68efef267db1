import { describe, expect, it } from 'vitest';
import {
  frameworkText,
  goodOrBetterCount,
  keyScale,
  NOT_APPLICABLE,
  OFSTED_SCALE,
  parseFrameworkText,
  parseGrade,
  parseScaleText,
  scaleErrors,
  shortKey,
  slugKey,
} from './case-audit-framework.js';

describe('parseFrameworkText', () => {
  it('reads themes and their standards, with or without codes', () => {
    const { themes, errors } = parseFrameworkText(
      [
        'Assessment',
        '- A1 The assessment is timely',
        '- A2: The child was seen alone',
        '',
        '# The child’s voice',
        '* Their wishes are recorded',
        '• 2.2 Direct work is on file',
        'Planning',
        '- 4. The plan is SMART',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    // Worked out line by line: a code is kept as typed; a standard without one is numbered
    // theme.position (the child's voice is theme 2, its first standard 2.1).
    expect(themes).toEqual([
      {
        key: 'assessment',
        name: 'Assessment',
        standards: [
          { key: 'a1', code: 'A1', text: 'The assessment is timely' },
          { key: 'a2', code: 'A2', text: 'The child was seen alone' },
        ],
      },
      {
        key: 'the-childs-voice',
        name: 'The child’s voice',
        standards: [
          { key: '2.1', code: '2.1', text: 'Their wishes are recorded' },
          { key: '2.2', code: '2.2', text: 'Direct work is on file' },
        ],
      },
      { key: 'planning', name: 'Planning', standards: [{ key: '4', code: '4', text: 'The plan is SMART' }] },
    ]);
  });

  it.each([
    [
      '- A1 Before any theme',
      ['Line 1: a standard must come after the name of its theme', 'Enter at least one theme with its standards'],
    ],
    [
      'Assessment\n- A1 One\n- a1 Two',
      ['Line 3: standard a1 is already used on line 2; give each standard its own code, like A1 or 1.1'],
    ],
    ['Assessment\n- A1 One\nAssessment\n- A2 Two', ['Line 3: the theme “Assessment” is the same as the one on line 1']],
    [
      'Assessment\nPlanning\n- P1 One',
      ['Theme “Assessment” has no standards: add at least one line starting with “-” below it'],
    ],
    [
      'Assessment\n-   ',
      [
        'Line 2: write what the standard asks after the “-”',
        'Theme “Assessment” has no standards: add at least one line starting with “-” below it',
      ],
    ],
    ['', ['Enter at least one theme with its standards']],
    [
      '!!!\n- A1 x',
      [
        'Line 1: a theme name needs letters or numbers',
        'Line 2: a standard must come after the name of its theme',
        'Enter at least one theme with its standards',
      ],
    ],
  ])('names the line of each problem in %j', (text, messages) => {
    expect(parseFrameworkText(text).errors.map((e) => e.message)).toEqual(messages);
  });

  it('writes back text that reads the same', () => {
    const { themes } = parseFrameworkText('Assessment\n- A1 Timely\nPlanning\n- The plan is clear');
    expect(frameworkText(themes)).toBe('Assessment\n- A1 Timely\n\nPlanning\n- 2.1 The plan is clear');
    expect(parseFrameworkText(frameworkText(themes)).themes).toEqual(themes);
  });
});

describe('grading scales', () => {
  it('reads a scale best first, with the top N good or better and the last inadequate', () => {
    const { scale, errors } = parseScaleText('Outstanding\nGood\nRequires improvement to be good\nInadequate', 2);
    expect(errors).toEqual([]);
    expect(scale).toEqual(OFSTED_SCALE);
    expect(goodOrBetterCount(scale)).toBe(2);
  });

  it.each([
    ['Good\nInadequate', 1, [], ['good-or-better', 'inadequate']],
    ['Strong\nGood enough\nWeak\nPoor', 1, [], ['good-or-better', 'other', 'other', 'inadequate']],
    [
      'Good',
      1,
      [
        'A grading scale has between 2 and 7 grades, one a line',
        'Between 1 and 1 of the top grades can count as good or better (the lowest grade is inadequate)',
        'The lowest grade must count as inadequate',
      ],
      ['good-or-better'],
    ],
    [
      'Good\nFair\nPoor',
      3,
      [
        'Between 1 and 2 of the top grades can count as good or better (the lowest grade is inadequate)',
        'The lowest grade must count as inadequate',
      ],
      ['good-or-better', 'good-or-better', 'good-or-better'],
    ],
    ['Good\ngood\nPoor', 1, ['Grade “good” is the same as grade 1'], ['good-or-better', 'other', 'inadequate']],
    [
      'Good\nN/A\nPoor',
      1,
      ['“N/A” is not a grade: Waymark offers “not applicable” on every standard'],
      ['good-or-better', 'other', 'inadequate'],
    ],
  ] as const)('%j with %i good or better', (text, good, messages, bands) => {
    const { scale, errors } = parseScaleText(text, good);
    expect(errors.map((e) => e.message)).toEqual(messages);
    expect(scale.map((g) => g.band)).toEqual(bands);
  });

  it('keys grades by the previous version, then Ofsted’s keys, then their words', () => {
    const previous = [{ key: 'strong', label: 'Strong', band: 'good-or-better' as const }];
    expect(
      keyScale(
        [
          { label: 'strong ', band: 'good-or-better' },
          { label: 'Requires improvement to be good', band: 'other' },
          { label: 'Not yet good enough', band: 'inadequate' },
        ],
        previous,
      ).map((g) => g.key),
    ).toEqual(['strong', 'requires-improvement', 'not-yet-good-enough']);
  });

  it('refuses bands out of order', () => {
    expect(
      scaleErrors([
        { key: 'a', label: 'A', band: 'other' },
        { key: 'b', label: 'B', band: 'good-or-better' },
        { key: 'c', label: 'C', band: 'inadequate' },
      ]).map((e) => e.message),
    ).toEqual([
      'Grades go from best to worst: good-or-better grades first, the inadequate grade last',
      'The best grade must count as good or better',
    ]);
  });
});

describe('parseGrade on Ofsted’s scale', () => {
  it.each([
    ['Good', 'good'],
    ['  good ', 'good'],
    ['OUTSTANDING', 'outstanding'],
    ['requires-improvement', 'requires-improvement'],
    ['Requires improvement', 'requires-improvement'], // the start of only one label
    ['RI', 'requires-improvement'], // initials of the first two words
    ['ri', 'requires-improvement'],
    ['O', 'outstanding'],
    ['I', 'inadequate'],
    ['1', 'outstanding'], // numbered from the best
    ['4', 'inadequate'],
    ['5', null],
    ['0', null],
    ['Go', null], // too short to be a start
    ['Very good', null],
    ['N/A', null], // not applicable is not an overall grade
    ['', null],
  ])('%j → %j', (text, key) => {
    expect(parseGrade(OFSTED_SCALE, text)).toBe(key);
  });

  it.each(['N/A', 'n/a', 'NA', 'Not applicable'])('%j is not applicable for a standard', (text) => {
    expect(parseGrade(OFSTED_SCALE, text, true)).toBe(NOT_APPLICABLE);
  });
});

describe('keys', () => {
  it.each([
    ['The child’s voice', 40, 'the-childs-voice'],
    ['Management oversight and supervision', 40, 'management-oversight-and-supervision'],
    ['Management oversight and supervision', 20, 'management-oversight'],
    ['Équipe Nord', 40, 'equipe-nord'],
  ])('slugKey(%j, %i) = %j', (text, max, key) => {
    expect(slugKey(text, max)).toBe(key);
  });

  it('cuts long keys with a digest so two long names never collide', () => {
    const a = shortKey('Family Support North and the Rural Hub', 24);
    const b = shortKey('Family Support North and the Coastal Hub', 24);
    // The slug is 38 characters: cut to 17 (“family-support-no”), back to the last hyphen, plus a digest.
    expect(a).toMatch(/^family-support-[0-9a-f]{6}$/);
    expect(a.length).toBeLessThanOrEqual(24);
    expect(a).not.toBe(b);
    expect(shortKey('Leaving Care', 24)).toBe('leaving-care');
  });
});
