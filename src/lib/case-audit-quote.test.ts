import { describe, expect, it } from 'vitest';
import { isQuoteOf } from './case-audit-quote.js';

const NOTE = 'Visits are on time.  The child’s views are recorded\nbut do not shape the plan. Supervision is regular.';

describe('isQuoteOf', () => {
  it.each([
    ['The child’s views are recorded but do not shape the plan.', true], // the line break read as a space
    ["The child's views are recorded", true], // a straight apostrophe for a curly one
    ['Supervision is regular.', true],
    ['Supervision is regular and reflective.', false], // words the note does not have
    ['the child’s views are recorded', false], // a quote keeps the writer's capitals
    ['   ', false],
  ])('%j → %s', (quote, expected) => {
    expect(isQuoteOf(quote, [NOTE])).toBe(expected);
  });

  it('may come from either note of the audit', () => {
    expect(isQuoteOf('Agreed with the auditor.', [undefined, 'Agreed with the auditor.'])).toBe(true);
    expect(isQuoteOf('Anything', [null, undefined])).toBe(false);
  });
});
