import { describe, expect, it } from 'vitest';
import { parseNumberText, parseWholeNumberText } from './numbers.js';

// Each row decided by hand from the rule: a full stop is the decimal point; commas only between
// groups of three digits; anything where a comma could be a decimal comma is refused, never guessed.
describe('parseNumberText', () => {
  it.each([
    ['16.2', 16.2],
    ['16.2%', 16.2],
    ['16.2 %', 16.2],
    [' 16 ', 16],
    ['-3', -3],
    ['+4', 4],
    ['.5', 0.5],
    ['0', 0],
    ['1,234', 1234],
    ['1,234.5', 1234.5],
    ['12,345,678', 12_345_678],
    ['2,956', 2956],
    ['91%', 91],
    ['', null],
    ['   ', null],
    [null, null],
    [16.2, 16.2],
  ])('“%s” → %s', (text, value) => expect(parseNumberText(text, 'Value')).toEqual({ ok: true, value }));

  it.each([
    [
      '16,2',
      'Value “16,2” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
    ],
    [
      '16,2%',
      'Value “16,2%” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
    ],
    [
      '1,5',
      'Value “1,5” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
    ],
    [
      '1,50',
      'Value “1,50” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
    ],
    [
      '12,34,567',
      'Value “12,34,567” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
    ],
    [
      '1,2345',
      'Value “1,2345” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)',
    ],
    ['abc', 'Value “abc” is not a number: type it like 16.2 or 1,234'],
    ['1.2.3', 'Value “1.2.3” is not a number: type it like 16.2 or 1,234'],
    ['1 234', 'Value “1 234” is not a number: type it like 16.2 or 1,234'],
    ['16.2%%', 'Value “16.2%%” is not a number: type it like 16.2 or 1,234'],
  ])('refuses “%s”', (text, message) => expect(parseNumberText(text, 'Value')).toEqual({ ok: false, message }));

  it('refuses a number that is not finite', () =>
    expect(parseNumberText(Number.NaN, 'Value')).toEqual({ ok: false, message: 'Value is not a number' }));
  it('without a label, starts with what was typed', () =>
    expect(parseNumberText('1,5')).toMatchObject({ message: expect.stringMatching(/^“1,5” is not clear/) }));
});

describe('parseWholeNumberText', () => {
  it.each([
    ['12', { ok: true, value: 12 }],
    ['1,000', { ok: true, value: 1000 }],
    ['2.5', { ok: false, message: 'Tolerance must be a whole number' }],
  ])('“%s”', (text, expected) => expect(parseWholeNumberText(text, 'Tolerance')).toEqual(expected));
});
