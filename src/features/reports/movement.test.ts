import { describe, expect, it } from 'vitest';
import { computeMovement, movementBlocks } from './movement.js';
import type { ActionSnapshot } from './content.js';

const a = (reference: string, evidenceRag: ActionSnapshot['evidenceRag']): ActionSnapshot => ({
  id: `id-${reference}`,
  reference,
  title: `Action ${reference}`,
  evidenceRag,
  ownerRag: null,
});

describe('movement since the previous report', () => {
  // Each case names only the counts it expects to move; every other count must stay at 0.
  const counts = (moved: Partial<Record<'better' | 'worse' | 'same' | 'added' | 'removed', number>>) => ({
    better: 0,
    worse: 0,
    same: 0,
    added: 0,
    removed: 0,
    ...moved,
  });
  it.each([
    ['red → amber is better', [a('1', 'red')], [a('1', 'amber')], counts({ better: 1 })],
    ['green → red is worse', [a('1', 'green')], [a('1', 'red')], counts({ worse: 1 })],
    ['amber → amber is the same', [a('1', 'amber')], [a('1', 'amber')], counts({ same: 1 })],
    ['not started → green is better', [a('1', 'not-started')], [a('1', 'green')], counts({ better: 1 })],
    ['a new action is added, an old one removed', [a('1', 'green')], [a('2', 'red')], counts({ added: 1, removed: 1 })],
    [
      'matched by reference, not id (a revised plan)',
      [{ ...a('1', 'red'), id: 'old' }],
      [{ ...a('1', 'complete'), id: 'new' }],
      counts({ better: 1 }),
    ],
  ])('%s', (_label, previous, current, expected) => {
    const m = computeMovement(previous, current);
    expect({ better: m.better, worse: m.worse, same: m.same, added: m.added, removed: m.removed }).toEqual(expected);
  });

  it('lists changes in reference order, numbers sorted as numbers', () => {
    const m = computeMovement([a('10', 'red'), a('2', 'red')], [a('10', 'green'), a('2', 'amber')]);
    expect(m.changes.map((c) => c.reference)).toEqual(['2', '10']);
  });

  it('says there is nothing to compare with for the first report', () => {
    expect(movementBlocks(null, [a('1', 'red')], (d) => d)).toEqual([
      expect.objectContaining({ kind: 'paragraph', text: expect.stringContaining('first issued report') }),
    ]);
  });

  it('builds a sentence and a table of changes', () => {
    const blocks = movementBlocks(
      { title: 'Board pack, May', issuedOn: '2025-05-01', actions: [a('1', 'red'), a('2', 'green')] },
      [a('1', 'amber'), a('2', 'green')],
      () => '1 May 2025',
    );
    expect(blocks[0]).toMatchObject({
      text: expect.stringContaining(
        'Compared with “Board pack, May”, issued on 1 May 2025: 1 action has improved, 0 worsened and 1 stayed the same',
      ),
    });
    expect(blocks[1]).toMatchObject({
      kind: 'table',
      rows: [['1', 'Action 1', { text: 'Red', rag: 'red' }, { text: 'Amber', rag: 'amber' }, 'Improved']],
    });
  });
});
