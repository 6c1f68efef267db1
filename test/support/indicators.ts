import type request from 'supertest';
import { postForm } from './world.js';

/** What is typed in one indicator's row of the entry grid. */
export type EntryRow = Partial<Record<'value' | 'numerator' | 'denominator' | 'note', string>>;

/**
 * Post the indicator entry grid for one month as a browser does: from the page `/indicators/entry?period=…`,
 * each box named `v[<indicator id>][value|numerator|denominator|note]`.
 */
export function postEntryGrid(agent: request.Agent, period: string, rows: Record<string, EntryRow>) {
  const fields: Record<string, string> = { period };
  for (const [indicatorId, row] of Object.entries(rows))
    for (const [box, typed] of Object.entries(row))
      if (typed !== undefined) fields[`v[${indicatorId}][${box}]`] = typed;
  return postForm(agent, `/indicators/entry?period=${period}`, '/indicators/entry', fields);
}
