import { describe, expect, it } from 'vitest';
import { addMonths, nextDueDate } from './forward-plan.js';

describe('nextDueDate', () => {
  it.each([
    ['2025-01-21', 'one-off', null],
    ['2025-01-21', 'monthly', '2025-02-21'],
    ['2025-01-31', 'monthly', '2025-02-28'],
    ['2024-01-31', 'monthly', '2024-02-29'],
    ['2025-11-15', 'quarterly', '2026-02-15'],
    ['2025-08-31', 'six-monthly', '2026-02-28'],
    ['2024-02-29', 'annual', '2025-02-28'],
    ['2025-12-01', 'monthly', '2026-01-01'],
  ] as const)('%s, %s → %s', (due, recurrence, expected) => {
    expect(nextDueDate(due, recurrence)).toBe(expected);
  });

  it('counts backwards too and refuses a bad date', () => {
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(() => addMonths('2025-02-30', 1)).toThrow(RangeError);
  });
});
