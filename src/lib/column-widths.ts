/**
 * Column widths for a printed table (A4 board pack, Word) that fit their content: no column is so narrow
 * that a word in it must break mid-word ("Eviden/ce") or a RAG label spills into the next column.
 *
 * Each column needs at least the width of its longest word (a RAG label such as "Not started" counts
 * as one word: it is never wrapped), estimated at 0.55 of the font size per character (0.62 for the
 * bold header) plus the cell's padding. Words longer than 24 characters (web addresses) are allowed to
 * break. What is left is shared by the columns' relative weights (longer text gets more). Percentages
 * are whole numbers adding up to 100.
 */

export interface ColumnSpec {
  header: string;
  /** Relative share of the remaining width (default 1). */
  weight?: number;
}

export interface WidthOptions {
  /** Width of the text area in points (A4 portrait with 15 mm margins: 180 mm ≈ 510 pt). */
  pageWidthPt?: number;
  fontSizePt?: number;
  /** Left plus right cell padding, in points. */
  paddingPt?: number;
}

const LONGEST_WORD = 24;

function longestWord(text: string, whole: boolean): number {
  const n = whole ? text.trim().length : Math.max(0, ...text.split(/\s+/).map((w) => w.length));
  return Math.min(n, LONGEST_WORD);
}

/**
 * `cells[r][c]` is the text of row r, column c; `unbroken[r][c]` marks a cell that must stay on one
 * line (a RAG label).
 */
export function fitColumnWidths(
  columns: readonly ColumnSpec[],
  cells: readonly (readonly string[])[],
  unbroken: readonly (readonly boolean[])[] = [],
  opts: WidthOptions = {},
): number[] {
  const page = opts.pageWidthPt ?? 510;
  const size = opts.fontSizePt ?? 10;
  const pad = opts.paddingPt ?? 10;
  const n = columns.length;
  if (!n) return [];
  const minimum = columns.map((col, c) => {
    const headerPt = longestWord(col.header, false) * size * 0.62 + pad;
    let cellPt = 0;
    cells.forEach((row, r) => {
      const text = row[c] ?? '';
      cellPt = Math.max(cellPt, longestWord(text, unbroken[r]?.[c] ?? false) * size * 0.55 + pad);
    });
    return (Math.max(headerPt, cellPt) / page) * 100;
  });
  const minTotal = minimum.reduce((a, b) => a + b, 0);
  // Too many columns to fit every word: share the width by the minimums alone.
  if (minTotal >= 100) return wholePercents(minimum.map((m) => (m / minTotal) * 100));
  const weights = columns.map((c) => c.weight ?? 1);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  // Give each column its weighted share, but never less than its minimum: raise the narrow ones and
  // take the difference from the others in proportion to what they have above their minimum.
  let widths = weights.map((w) => (w / weightTotal) * 100);
  for (let pass = 0; pass < n; pass++) {
    const short = widths.map((w, i) => Math.max(0, minimum[i] - w));
    const need = short.reduce((a, b) => a + b, 0);
    if (need <= 1e-9) break;
    const spare = widths.map((w, i) => (short[i] > 0 ? 0 : w - minimum[i]));
    const spareTotal = spare.reduce((a, b) => a + b, 0);
    widths = widths.map((w, i) => (short[i] > 0 ? minimum[i] : w - (spare[i] / spareTotal) * need));
  }
  return wholePercents(widths);
}

/** Round to whole percents adding up to exactly 100 (largest remainders first). */
function wholePercents(widths: number[]): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  const scaled = widths.map((w) => (w / total) * 100);
  const floors = scaled.map((w) => Math.max(1, Math.floor(w)));
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((w, i) => [w - Math.floor(w), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0 && k < order.length; k++, left--) floors[order[k][1]]++;
  for (let k = order.length - 1; left < 0 && k >= 0; k--) {
    const i = order[k][1];
    if (floors[i] > 1) {
      floors[i]--;
      left++;
    }
  }
  return floors;
}
