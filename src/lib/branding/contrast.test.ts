import { describe, expect, it } from 'vitest';
import { contrastRatio, headerContrastProblem, normaliseHexColour, relativeLuminance } from './contrast.js';

describe('contrastRatio', () => {
  // Worked by hand with WCAG's formula. White has luminance 1 and black 0, so (1.05)/(0.05) = 21.
  // #767676: 118/255 = 0.4627 → ((0.4627+0.055)/1.055)^2.4 = 0.1812 → (1.05)/(0.2312) = 4.54 (the
  // well-known lightest grey that passes AA on white); #777777: 119/255 → 0.1845 → 1.05/0.2345 = 4.47.
  // GOV.UK blue #1d70b8: R 0.0123, G 0.1620, B 0.4793 → L = 0.0026+0.1159+0.0346 = 0.1531 → 1.05/0.2031 = 5.17.
  // GOV.UK yellow #ffdd00 against its black text #0b0c0c: L(yellow) = 0.2126+0.7152·0.7230 = 0.7297;
  // #0b: (0.0930)^2.4 = 0.003345, #0c: (0.0967)^2.4 = 0.003675 → L = 0.003605 → 0.7797/0.053605 = 14.54.
  it.each([
    ['#ffffff', '#000000', 21],
    ['#ffffff', '#767676', 4.54],
    ['#ffffff', '#777777', 4.47],
    ['#ffffff', '#1d70b8', 5.17],
    ['#1d70b8', '#ffffff', 5.17],
    ['#ffdd00', '#0b0c0c', 14.54],
    ['#123456', '#123456', 1],
  ])('%s on %s is %s:1', (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 1);
  });

  it('gives luminance 0 for black and 1 for white', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBe(1);
  });
});

describe('normaliseHexColour', () => {
  it.each([
    ['#1D70B8', '#1d70b8'],
    ['1d70b8', '#1d70b8'],
    [' #00703c ', '#00703c'],
    ['#fff', null],
    ['red', null],
    ['#12345g', null],
    ['#1d70b8;background:url(x)', null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHexColour(input)).toBe(expected);
  });
});

describe('headerContrastProblem', () => {
  it('accepts white text on GOV.UK blue and black text on yellow', () => {
    expect(headerContrastProblem('#1d70b8', 'white')).toBeNull();
    expect(headerContrastProblem('#ffdd00', 'black')).toBeNull();
  });
  it('refuses white on #777777 (4.47:1) and suggests black (black: 4.37:1 is not enough either)', () => {
    // L(#777777) = 0.1845; black text 0.003605 → 0.2345/0.053605 = 4.37 → both fail, so "choose a darker colour".
    expect(headerContrastProblem('#777777', 'white')).toBe(
      'White text on #777777 has a contrast ratio of 4.47:1 and needs at least 4.5:1; choose a darker colour',
    );
  });
  it('refuses white on yellow and says black would pass', () => {
    // White on #ffdd00: 1.05/0.7798 = 1.34.
    expect(headerContrastProblem('#ffdd00', 'white')).toBe(
      'White text on #ffdd00 has a contrast ratio of 1.34:1 and needs at least 4.5:1; black text would have 14.54:1',
    );
  });
});
