import { describe, expect, it } from 'vitest';
import { fieldName, idsIn, valueWords } from './history-words.js';

// The words expected were written by hand from the labels people see on the forms.
describe('history in words', () => {
  it.each([
    ['dueDate', 'Due date'],
    ['ownerId', 'Owner'],
    ['findingIds', 'Findings'],
    ['typeKey', 'Type'],
    ['ownerRag', 'Owner’s RAG'],
  ])('field %s → %s', (field, name) => expect(fieldName(field)).toBe(name));

  const names = new Map([['6e5e7fa0-2485-43a3-9d2c-1b2a3c4d5e6f', 'Sam Okafor']]);
  it.each([
    ['status', 'in-progress', 'In progress'],
    ['recurrence', 'one-off', 'One off'],
    ['typeKey', 'ilacs-standard', 'ILACS standard inspection'],
    ['typeKey', 'sif', 'Single inspection framework inspection'],
    ['dueDate', '2026-11-30', '30 November 2026'],
    ['ownerId', '6e5e7fa0-2485-43a3-9d2c-1b2a3c4d5e6f', 'Sam Okafor'],
    ['ownerId', '00000000-0000-4000-8000-000000000000', '(a record that has since been removed)'],
    [
      'judgements',
      { leaders: 'good', 'help-and-protection': 'requires-improvement' },
      'The impact of leaders on social work practice with children and families: Good; The experiences and progress of children who need help and protection: Requires improvement to be good',
    ],
    ['active', false, 'No'],
    ['notes', '', '(blank)'],
    ['laCodes', ['831', '855'], '831, 855'],
  ])('%s %j → %s', (field, value, words) => expect(valueWords(field, value, names)).toBe(words));

  it('finds the ids to look up', () =>
    expect(idsIn(['6e5e7fa0-2485-43a3-9d2c-1b2a3c4d5e6f', 'x'])).toEqual(['6e5e7fa0-2485-43a3-9d2c-1b2a3c4d5e6f']));
});
