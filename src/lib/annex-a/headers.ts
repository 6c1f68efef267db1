import { ANNEX_A_LISTS, type ColumnSpec, type ListSpec } from './spec.js';
import { looksLikeNameColumn, normaliseHeader, type CellValue } from './values.js';

/**
 * Which list a sheet (or CSV file) holds, from its name: "List 1", "List_01", "L1 Contacts",
 * "Annex A List 8 - CLA", "8. Children in care", or a named sheet such as "Contacts" or "Sec47 and ICPC".
 */
export function identifyList(sheetName: string): ListSpec | undefined {
  const n = normaliseHeader(sheetName.replace(/\.(csv|xlsx|txt)$/i, ''));
  const numbered = /(?:^|\b)(?:annex a )?(?:list|l)\s?0*(\d{1,2})\b/.exec(n) ?? /^0*(\d{1,2})\b(?= [a-z])/.exec(n);
  if (numbered) {
    const byNumber = ANNEX_A_LISTS.find((l) => l.number === Number(numbered[1]));
    if (byNumber) return byNumber;
  }
  const compact = n.replace(/^annex a /, '');
  // Longest name first, so "children in care" wins over "care" and "adopters" over "adoption".
  let best: { list: ListSpec; length: number } | undefined;
  for (const list of ANNEX_A_LISTS) {
    for (const name of [list.title.toLowerCase(), ...list.sheetNames]) {
      const norm = normaliseHeader(name);
      const hit =
        compact === norm ||
        compact.startsWith(`${norm} `) ||
        compact.endsWith(` ${norm}`) ||
        compact.includes(` ${norm} `);
      if (hit && (!best || norm.length > best.length)) best = { list, length: norm.length };
    }
  }
  return best?.list;
}

/** Header spellings that differ only in a trailing "(Y/N)" or "?" are the same column. */
const squash = (norm: string) => norm.replace(/ (y n|yes no)$/, '').replace(/ /g, '');

const headerIndex = new Map<ListSpec, Map<string, ColumnSpec>>();
function indexFor(list: ListSpec): Map<string, ColumnSpec> {
  let index = headerIndex.get(list);
  if (!index) {
    index = new Map();
    for (const col of list.columns) {
      for (const name of [col.name, ...(col.aliases ?? [])]) {
        const norm = normaliseHeader(name);
        if (!index.has(norm)) index.set(norm, col);
        const squashed = squash(norm);
        if (!index.has(squashed)) index.set(squashed, col);
      }
    }
    headerIndex.set(list, index);
  }
  return index;
}

export function matchColumn(list: ListSpec, header: string): ColumnSpec | undefined {
  const index = indexFor(list);
  const norm = normaliseHeader(header);
  return index.get(norm) ?? index.get(squash(norm));
}

export interface HeaderMatch {
  /** For each cell position, the column it holds (undefined: ignored). */
  columns: (ColumnSpec | undefined)[];
  matched: ColumnSpec[];
  /** Headers that matched nothing (ignored, never stored). */
  unknown: { index: number; header: string }[];
  /** Headers that look like people's names (the sheet is refused). */
  nameColumns: { index: number; header: string }[];
  /** Required columns with no header. */
  missingRequired: ColumnSpec[];
  /** A column given twice: the later copy is ignored. */
  duplicates: { index: number; header: string }[];
}

export function matchHeaders(list: ListSpec, cells: CellValue[]): HeaderMatch {
  const columns: (ColumnSpec | undefined)[] = [];
  const matched: ColumnSpec[] = [];
  const unknown: HeaderMatch['unknown'] = [];
  const nameColumns: HeaderMatch['nameColumns'] = [];
  const duplicates: HeaderMatch['duplicates'] = [];
  cells.forEach((cell, index) => {
    if (cell === null || String(cell).trim() === '') return;
    const header = String(cell).trim();
    const col = matchColumn(list, header);
    if (col) {
      if (matched.includes(col)) {
        duplicates.push({ index, header });
        return;
      }
      columns[index] = col;
      matched.push(col);
    } else if (looksLikeNameColumn(header)) nameColumns.push({ index, header });
    else unknown.push({ index, header });
  });
  const missingRequired = list.columns.filter((c) => c.required && !matched.includes(c));
  return { columns, matched, unknown, nameColumns, missingRequired, duplicates };
}

/**
 * Is this row the header row? Titles and notes often sit above it; the header row is the first with at
 * least two recognised column names.
 */
export function isHeaderRow(list: ListSpec, cells: CellValue[]): boolean {
  let hits = 0;
  for (const cell of cells) {
    if (typeof cell === 'string' && matchColumn(list, cell)) hits++;
    if (hits >= 2) return true;
  }
  return false;
}

/** Columns every child list shares (identifier, gender, ethnicity, birth, age, disability, team, worker). */
const SHARED_KEYS = new Set(['childId', 'gender', 'ethnicity', 'birth', 'age', 'disability', 'team', 'worker']);

/**
 * The list a header row belongs to when the sheet's name does not say (or says something else): the
 * list whose own columns (not the ones every list shares) it matches most, among the lists whose
 * required columns are all there.
 */
export function listFromHeaders(cells: CellValue[]): { list: ListSpec; own: number } | undefined {
  let best: { list: ListSpec; own: number } | undefined;
  for (const candidate of ANNEX_A_LISTS) {
    if (!isHeaderRow(candidate, cells)) continue;
    const m = matchHeaders(candidate, cells);
    if (m.missingRequired.length) continue;
    const own = m.matched.filter((c) => !SHARED_KEYS.has(c.key)).length;
    // The shared columns alone say nothing about which list it is.
    if (own > 0 && (!best || own > best.own)) best = { list: candidate, own };
  }
  return best;
}
