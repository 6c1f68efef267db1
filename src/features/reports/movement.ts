import { ragMovement } from '../../lib/rag.js';
import { type ActionSnapshot, type Block, type Cell } from './content.js';
import { ragCell, tableOrNone } from './sections/context.js';

export interface MovementResult {
  better: number;
  worse: number;
  same: number;
  added: number;
  removed: number;
  changes: {
    reference: string;
    title: string;
    before: ActionSnapshot['evidenceRag'] | null;
    now: ActionSnapshot['evidenceRag'] | null;
    movement: 'better' | 'worse' | 'new' | 'removed';
  }[];
}

type Change = MovementResult['changes'][number];

const byRef = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/**
 * Movement between the frozen snapshot of the previous issued report and the actions now, matched by
 * reference (a revised plan gives its actions new ids but keeps their references).
 */
export function computeMovement(previous: ActionSnapshot[], current: ActionSnapshot[]): MovementResult {
  const before = new Map(previous.map((a) => [a.reference, a]));
  const seen = new Set<string>();
  const result: MovementResult = { better: 0, worse: 0, same: 0, added: 0, removed: 0, changes: [] };
  const change = (a: ActionSnapshot, rating: Pick<Change, 'before' | 'now' | 'movement'>) =>
    result.changes.push({ reference: a.reference, title: a.title, ...rating });
  for (const a of current) {
    seen.add(a.reference);
    const prev = before.get(a.reference);
    const m = ragMovement(prev?.evidenceRag ?? null, a.evidenceRag);
    if (m === 'same') result.same++;
    else if (m === 'new') {
      result.added++;
      change(a, { before: null, now: a.evidenceRag, movement: 'new' });
    } else {
      result[m]++;
      change(a, { before: prev!.evidenceRag, now: a.evidenceRag, movement: m });
    }
  }
  for (const p of previous) {
    if (seen.has(p.reference)) continue;
    result.removed++;
    change(p, { before: p.evidenceRag, now: null, movement: 'removed' });
  }
  result.changes.sort((x, y) => byRef(x.reference, y.reference));
  return result;
}

const MOVEMENT_LABELS = {
  better: 'Improved',
  worse: 'Worsened',
  new: 'New since the previous report',
  removed: 'No longer in the plan',
} as const;

export function movementBlocks(
  previous: { title: string; issuedOn: string; actions: ActionSnapshot[] } | null,
  current: ActionSnapshot[],
  formatDate: (iso: string) => string,
): Block[] {
  if (!previous) {
    return [
      {
        kind: 'paragraph',
        text: 'This is the first issued report of this type for this plan, so there is no previous report to compare with. Movement will be shown from the next report.',
      },
    ];
  }
  const m = computeMovement(previous.actions, current);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `Compared with “${previous.title}”, issued on ${formatDate(previous.issuedOn)}: ${m.better} ${m.better === 1 ? 'action has' : 'actions have'} improved, ${m.worse} worsened and ${m.same} stayed the same; ${m.added} new and ${m.removed} no longer in the plan.`,
    },
  ];
  const rag = (r: ActionSnapshot['evidenceRag'] | null): Cell => (r ? ragCell(r) : '–');
  blocks.push(
    tableOrNone(m.changes, 'No action’s evidence rating has changed since the previous report.', {
      caption: 'Actions whose evidence rating has changed since the previous report',
      columns: [
        { header: 'Action', width: 1 },
        { header: 'Title', width: 4 },
        { header: 'Previous report', width: 1.5 },
        { header: 'Now', width: 1.5 },
        { header: 'Movement', width: 1.5 },
      ],
      row: (c) => [c.reference, c.title, rag(c.before), rag(c.now), MOVEMENT_LABELS[c.movement]],
    }),
  );
  return blocks;
}
