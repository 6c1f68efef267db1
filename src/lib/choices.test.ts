import { describe, expect, it } from 'vitest';
import { groupChoices } from './choices.js';

// Sorted by hand: groups A→Z, items A→Z with numbers in numeric order; the two "Re-referrals" told apart.
describe('groupChoices', () => {
  it('groups, sorts and tells apart choices with the same name', () => {
    const groups = groupChoices(
      [
        { value: '1', text: 'Re-referrals', group: 'Front door', detail: 'monthly, percent' },
        { value: '2', text: 'Contacts', group: 'Front door' },
        { value: '3', text: 'Caseload', group: 'Workforce' },
        { value: '4', text: 're-referrals', group: 'Front door', detail: 'yearly, percent' },
        { value: '5', text: 'Indicator 10', group: 'Children in care' },
        { value: '6', text: 'Indicator 2', group: 'Children in care' },
      ],
      new Set(['3']),
    );
    expect(groups.map((g) => [g.name, g.items.map((i) => i.text)])).toEqual([
      ['Children in care', ['Indicator 2', 'Indicator 10']],
      ['Front door', ['Contacts', 'Re-referrals (monthly, percent)', 're-referrals (yearly, percent)']],
      ['Workforce', ['Caseload']],
    ]);
    expect(groups[2].items[0]).toMatchObject({ value: '3', checked: true, selected: true });
  });
});
