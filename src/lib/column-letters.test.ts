import { describe, expect, it } from 'vitest';
import { columnLetter } from './column-letters.js';

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (i, letter) => expect(columnLetter(i)).toBe(letter));
});
