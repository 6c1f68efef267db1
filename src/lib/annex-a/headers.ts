import { ANNEX_A_LISTS, type ColumnSpec, type ListSpec } from './spec.js';
import { looksLikeNameColumn, normaliseHeader, type CellValue } from './values.js';

/**
 * Which list a sheet (or CSV file) holds, from its name: "List 1", "List_01", "L1 Contacts",
 * "Annex A List 8 - CLA", or a named sheet such as "Contacts" or "Sec47 and ICPC".
 */
export function identifyList(sheetName: string): ListSpec | undefined {
  const n = normaliseHeader(sheetName.replace(/\.(csv|xlsx)$/i, ''));
  const numbered = /(?:^|\b)(?:annex a )?(?:list|l)\s?0*(\d{1,2})\b/.exec(n);
  if (numbered) return ANNEX_A_LISTS.find((l) => l.number === Number(numbered[1]));
  const compact = n.replace(/^annex a /, '');
  // Longest name first, so "children in care" wins over "care" and "adopters" over "adoption".
  let best: { list: ListSpec; length: number } | undefined;
  for (const list of ANNEX_A_LISTS) {
    for (const name of [list.title.toLowerCase(), ...list.sheetNames]) {
      const norm = normaliseHeader(name);
      const hit = compact === norm || compact.startsWith(`${norm} `) || compact.endsWith(` ${norm}`);
      if (hit && (!best || norm.length > best.length)) best = { list, length: norm.length };
    }
  }
  return best?.list;
}

const headerIndex = new Map<ListSpec, Map<string, ColumnSpec>>();
function indexFor(list: ListSpec): Map<string, ColumnSpec> {
  let index = headerIndex.get(list);
  if (!index) {
    index = new Map();
    for (const col of list.columns) {
      for (const name of [col.name, ...(col.aliases ?? [])]) {
        const norm = normaliseHeader(name);
        if (!index.has(norm)) index.set(norm, col);
        const squashed = norm.replace(/ /g, '');
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
  return index.get(norm) ?? index.get(norm.replace(/ /g, ''));
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
 * Is this row the header row? Notes and titles often sit above it; the header row is the first with at
 * least two recognised column names (or the child identifier and one more).
 */
export function isHeaderRow(list: ListSpec, cells: CellValue[]): boolean {
  let hits = 0;
  for (const cell of cells) {
    if (typeof cell === 'string' && matchColumn(list, cell)) hits++;
    if (hits >= 2) return true;
  }
  return false;
}

/** Column letters for messages: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
