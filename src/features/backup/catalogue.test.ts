import { describe, expect, it } from 'vitest';
import { referenceOrder, type ForeignKey } from './catalogue.js';

const fk = (table: string, references: string, name = `${table}_${references}_fkey`): ForeignKey => ({
  name,
  table,
  references,
});

describe('referenceOrder: every table after the tables it references', () => {
  // Each expected order worked out by hand: take the tables with nothing unmet, alphabetically, and repeat.
  it.each([
    {
      case: 'independent tables stay alphabetical',
      names: ['risks', 'bodies', 'organisations'],
      fks: [],
      order: ['bodies', 'organisations', 'risks'],
      cyclic: [],
    },
    {
      case: 'a chain is loaded from its root',
      names: ['milestones', 'actions', 'plans', 'organisations'],
      fks: [
        fk('milestones', 'actions'),
        fk('actions', 'plans'),
        fk('plans', 'organisations'),
        fk('actions', 'organisations'),
      ],
      order: ['organisations', 'plans', 'actions', 'milestones'],
      cyclic: [],
    },
    {
      case: 'a table referring to itself is ordered by its other references and reported',
      names: ['plans', 'organisations'],
      fks: [fk('plans', 'plans', 'plans_previous_plan_id_fkey'), fk('plans', 'organisations')],
      order: ['organisations', 'plans'],
      cyclic: [fk('plans', 'plans', 'plans_previous_plan_id_fkey')],
    },
    {
      case: 'a cycle is broken at the table with fewest unmet references (alphabetical on a tie)',
      // a → b, b → a, c → a: a and b each have one unmet reference, c has one; a comes first alphabetically,
      // so a's reference to b is the one checked at the end.
      names: ['c', 'b', 'a'],
      fks: [fk('a', 'b'), fk('b', 'a'), fk('c', 'a')],
      order: ['a', 'b', 'c'],
      cyclic: [fk('a', 'b')],
    },
  ])('$case', ({ names, fks, order, cyclic }) => {
    expect(referenceOrder(names, fks)).toEqual({ order, cyclic });
  });
});
