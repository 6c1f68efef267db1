import { describe, expect, it } from 'vitest';
import { diffPlans, type ActionSnapshot } from './plan-diff.js';

const action = (reference: string, patch: Partial<ActionSnapshot> = {}): ActionSnapshot => ({
  reference,
  title: `Action ${reference}`,
  theme: 'Practice',
  owner: 'Rowan Hartley',
  startDate: '2025-04-01',
  dueDate: '2025-12-31',
  status: 'in-progress',
  successMeasures: '',
  milestones: [{ title: 'Audit', dueDate: '2025-06-30' }],
  ...patch,
});

describe('diffPlans', () => {
  it('finds nothing between identical plans', () => {
    expect(diffPlans([action('1.1'), action('1.2')], [action('1.2'), action('1.1')])).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchanged: 2,
    });
  });

  it('lists added and removed actions in reference order (1.2 before 1.10)', () => {
    const d = diffPlans([action('1.1'), action('3.1')], [action('1.1'), action('1.10'), action('1.2')]);
    expect(d.added.map((a) => a.reference)).toEqual(['1.2', '1.10']);
    expect(d.removed.map((a) => a.reference)).toEqual(['3.1']);
    expect(d.unchanged).toBe(1);
  });

  it('lists each changed field and milestone with before and after', () => {
    const d = diffPlans(
      [
        action('2.3', {
          milestones: [
            { title: 'Audit', dueDate: '2025-06-30' },
            { title: 'Training', dueDate: '2025-07-31' },
          ],
        }),
      ],
      [
        action('2.3', {
          dueDate: '2026-03-31',
          owner: null,
          milestones: [
            { title: 'audit', dueDate: '2025-09-30' },
            { title: 'Survey', dueDate: '2025-10-31' },
          ],
        }),
      ],
    );
    expect(d.changed).toEqual([
      {
        reference: '2.3',
        title: 'Action 2.3',
        changes: [
          { field: 'Owner', before: 'Rowan Hartley', after: '(none)' },
          { field: 'Due date', before: '2025-12-31', after: '2026-03-31' },
          { field: 'Milestone “audit” due date', before: '2025-06-30', after: '2025-09-30' },
          { field: 'Milestone added', before: '(none)', after: 'Survey (due 2025-10-31)' },
          { field: 'Milestone removed', before: 'Training (due 2025-07-31)', after: '(none)' },
        ],
      },
    ]);
    expect(d.unchanged).toBe(0);
  });
});
