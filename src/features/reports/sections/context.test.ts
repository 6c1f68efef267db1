import { describe, expect, it } from 'vitest';
import { tableOrNone } from './context.js';

describe('a table, or the sentence saying there are none', () => {
  const table = {
    caption: 'Overdue milestones',
    columns: [{ header: 'Action' }, { header: 'Milestone', width: 4 }],
    row: (m: { reference: string; title: string }) => [m.reference, m.title],
  };

  it('says there are none instead of showing an empty table', () => {
    expect(tableOrNone([], 'No milestone is overdue.', table)).toEqual({
      kind: 'paragraph',
      text: 'No milestone is overdue.',
    });
  });

  it('gives each item a row, in the order given', () => {
    const items = [
      { reference: '2', title: 'Second' },
      { reference: '1', title: 'First' },
    ];
    expect(tableOrNone(items, 'No milestone is overdue.', table)).toEqual({
      kind: 'table',
      caption: 'Overdue milestones',
      columns: [{ header: 'Action' }, { header: 'Milestone', width: 4 }],
      rows: [
        ['2', 'Second'],
        ['1', 'First'],
      ],
    });
  });
});
