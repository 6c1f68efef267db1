import { describe, expect, it } from 'vitest';
import { fitColumnWidths } from './column-widths.js';

// Worked by hand on a 510 pt page at 10 pt with 10 pt padding:
//   "Action" header: 6 × 6.2 + 10 = 47.2 pt = 9.25%;  "Evidence" header: 8 × 6.2 + 10 = 59.6 pt,
//   the RAG label "Not started" kept whole: 11 × 5.5 + 10 = 70.5 pt = 13.82%;
//   "Why": its longest word "Milestone" 9 × 5.5 + 10 = 59.5 pt = 11.67%.
describe('fitColumnWidths', () => {
  const columns = (w: number[]) => [
    { header: 'Action', weight: w[0] },
    { header: 'Evidence', weight: w[1] },
    { header: 'Why', weight: w[2] },
  ];
  const rows = [['1.1', 'Not started', 'Milestone “Audit” is overdue by 3 working days']];
  const rag = [[false, true, false]];

  it('shares the width by weight when every column is wide enough (16.7, 16.7, 66.7 → 17, 17, 66)', () => {
    expect(fitColumnWidths(columns([1, 1, 4]), rows, rag)).toEqual([17, 17, 66]);
  });

  it('widens a column too narrow for its RAG label, taking the width from the others (10, 5, 85 → 10, 14, 76)', () => {
    // Evidence short by 13.82 − 5 = 8.82; taken 0.75/74.08 from Action and 73.33/74.08 from Why.
    expect(fitColumnWidths(columns([1, 0.5, 8.5]), rows, rag)).toEqual([10, 14, 76]);
  });

  it('without the RAG label kept whole, the header decides (59.6 pt = 11.69%)', () => {
    expect(fitColumnWidths(columns([1, 0.5, 8.5]), rows)[1]).toBe(12);
  });

  it('adds up to 100 even when the words cannot all fit', () => {
    const many = Array.from({ length: 12 }, () => ({ header: 'Neighbours' }));
    const widths = fitColumnWidths(many, []);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(100);
    expect(widths).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]);
  });
});
