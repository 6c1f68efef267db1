import { describe, expect, it } from 'vitest';
import { carriedForward, carriesForwardTo, isOverdue } from './action-sheet.js';

describe('carriesForwardTo', () => {
  it.each([
    ['open, raised earlier', '2025-01-10', null, '2025-02-14', true],
    ['open, raised at this meeting (on the sheet, not carried)', '2025-02-14', null, '2025-02-14', false],
    ['open, raised at a later meeting', '2025-03-14', null, '2025-02-14', false],
    ['closed before the meeting', '2025-01-10', '2025-02-01', '2025-02-14', false],
    ['closed on the day of the meeting (shown closed)', '2025-01-10', '2025-02-14', '2025-02-14', true],
    ['closed after the meeting (still open then)', '2025-01-10', '2025-03-01', '2025-02-14', true],
    ['open, raised long ago, many meetings on', '2024-01-10', null, '2025-06-14', true],
  ])('%s', (_label, raised, closed, meeting, expected) => {
    expect(carriesForwardTo({ raisedAtMeetingDate: raised, closedOn: closed }, meeting)).toBe(expected);
  });

  it('filters a list keeping the order', () => {
    const items = [
      { id: 'a', raisedAtMeetingDate: '2025-01-10', closedOn: null },
      { id: 'b', raisedAtMeetingDate: '2025-01-10', closedOn: '2025-01-20' },
      { id: 'c', raisedAtMeetingDate: '2024-11-10', closedOn: null },
    ];
    expect(carriedForward(items, '2025-02-14').map((i) => i.id)).toEqual(['a', 'c']);
  });
});

describe('isOverdue', () => {
  it.each([
    ['no due date', null, null, '2025-02-14', false],
    ['due yesterday, open', '2025-02-13', null, '2025-02-14', true],
    ['due today, open', '2025-02-14', null, '2025-02-14', false],
    ['due tomorrow, open', '2025-02-15', null, '2025-02-14', false],
    ['due yesterday, closed today', '2025-02-13', '2025-02-14', '2025-02-14', false],
    ['due last month, closed after the as-at date', '2025-01-13', '2025-03-01', '2025-02-14', true],
  ])('%s', (_label, due, closed, asAt, expected) => {
    expect(isOverdue(due, closed, asAt)).toBe(expected);
  });
});
