/**
 * The Ofsted ILACS Annex A child-level lists, as data: every list of the published template, every
 * column with its published header and the variants real exports use, its type and code list, the
 * template version that has it, and whether Waymark keeps it.
 *
 * The facts (headers, column order, code lists) are copied from the template as the regional data
 * tools read it: Social Finance's liia-tools Annex A specification (`liiatools/spec/annex_a/`, and
 * its 2020 and current schemas) and data-to-insight's Standard Safeguarding Dataset Annex A extract.
 * Template versions: "2020" is Ofsted's template as updated in September 2020 (what those tools
 * call the 2020 schema); "2024" is the later revision that current tools read, which adds columns
 * to List 9 (care leavers) and codes to some lists.
 *
 * Data minimisation: every column is recognised and checked, but only the columns an indicator, a
 * cross-list check or the drill-down needs are stored (`store`); the rest are counted in the quality
 * report and dropped. Identifiers are stored only as keyed hashes, dates of birth as month and year.
 */
import { LISTS_1_TO_5 } from './spec/lists-1-5.js';
import { LISTS_6_TO_8 } from './spec/lists-6-8.js';
import { LISTS_9_TO_11 } from './spec/lists-9-11.js';
import type { ColumnSpec, ListSpec } from './spec/columns.js';

export type { ColumnSpec, ColumnType, ListSpec, TemplateVersion } from './spec/columns.js';

/** Every list of the template, in list order; each group of lists is in `spec/`. */
export const ANNEX_A_LISTS: ListSpec[] = [...LISTS_1_TO_5, ...LISTS_6_TO_8, ...LISTS_9_TO_11];

export const LIST_BY_NUMBER = new Map(ANNEX_A_LISTS.map((l) => [l.number, l]));

export function listLabel(number: number): string {
  const spec = LIST_BY_NUMBER.get(number);
  return spec ? `List ${number} (${spec.title.toLowerCase()})` : `List ${number}`;
}

export function columnSpec(list: number, key: string): ColumnSpec | undefined {
  return LIST_BY_NUMBER.get(list)?.columns.find((c) => c.key === key);
}

/** The columns only the later revision of the template has, which tell the two versions apart. */
export const LATER_COLUMNS = ANNEX_A_LISTS.flatMap((l) =>
  l.columns.filter((c) => c.since === '2024').map((c) => ({ list: l.number, column: c })),
);
