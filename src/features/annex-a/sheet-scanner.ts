/**
 * A worksheet and shared-strings reader that works on the inflated bytes directly, without a general
 * XML tokeniser: a worksheet is a long run of `<row><c r=".." t=".."><v>..</v></c></row>`, so finding
 * the few tags that matter with `indexOf` and reading numbers straight from the bytes is several times
 * faster than building a token for every element, attribute and text node (which is what a SAX parser
 * does, and what the import's old floor measured).
 *
 * It reads what Excel and the common export libraries write: shared, inline and formula strings,
 * numbers, booleans and error cells, rows and cells with or without their `r` reference, `<f>`
 * formulas, rich text runs and phonetic runs. A part whose elements carry a namespace prefix
 * (`<x:row>`) is left to the SAX reader (`prefixed` tells the caller), so unusual writers still work.
 */
import type { CellValue } from '../../lib/annex-a/values.js';
import {
  APOS,
  decodeEntities,
  ChunkedPart,
  endsName,
  F_END,
  GT,
  INLINE_TEXT_DEPTH,
  IS_END,
  LT,
  QUOTE,
  ROW_END,
  SheetDamagedError,
  SLASH,
  textRuns,
  tooManyColumns,
  type ScanLimits,
} from './scan-parts.js';

export {
  decodeEntities,
  SharedStringsScanner,
  SheetDamagedError,
  tooDeep,
  tooManyColumns,
  type ScanLimits,
} from './scan-parts.js';

/**
 * A number written in a `<v>`: digits, with an optional sign and decimal part (read from the bytes:
 * integer over a power of ten is the same correctly rounded double `Number` gives), or anything else
 * `Number` reads (exponents).
 */
function numberAt(buf: Buffer, start: number, end: number): number | string {
  let i = start;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  if (i === end) return buf.toString('latin1', start, end);
  let n = 0;
  let scale = 1;
  let dot = false;
  for (; i < end; i++) {
    const b = buf[i];
    if (b === 0x2e && !dot) {
      dot = true;
      continue;
    }
    const c = b - 48;
    if (c < 0 || c > 9 || n > 9e14) {
      const s = buf.toString('latin1', start, end);
      const v = Number(s);
      return Number.isFinite(v) ? v : s;
    }
    n = n * 10 + c;
    if (dot) scale *= 10;
  }
  const v = scale === 1 ? n : n / scale;
  return neg ? -v : v;
}

/** Excel's column letters to a 0-based index, from `r="AB12"`. */
function columnAt(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export interface ScannedRow {
  rowNumber: number;
  cells: CellValue[];
}

/**
 * Streams a worksheet part: push inflated chunks, get complete rows. Rows are only ever cut at a
 * `</row>`, so a row split across chunks is read whole from the next call.
 */
export class WorksheetScanner extends ChunkedPart {
  private rowNumber = 0;

  constructor(
    private readonly strings: readonly string[],
    private readonly onRow: (rowNumber: number, cells: CellValue[]) => void,
    private readonly limits: ScanLimits,
  ) {
    super('sheetData', ROW_END, 'has a row longer than any worksheet row');
  }

  protected read(buf: Buffer, to: number): void {
    this.rows(buf, 0, to);
  }

  /**
   * The rest of the part: self-closing rows after the last `</row>`, then the end of the sheet data. A
   * part whose sheet data never ends, or that stops in the middle of a row, is damaged (the one
   * well-formedness check the scanner makes: a cut-off or corrupted part always fails it).
   */
  end(): void {
    if (this.prefixed) return;
    const rest = this.pending ?? Buffer.alloc(0);
    this.pending = null;
    if (!this.decided) throw new SheetDamagedError('has no sheet data');
    const close = rest.indexOf('</sheetData>');
    const selfClosed = rest.indexOf('<sheetData') === 0 && rest[rest.indexOf(GT) - 1] === SLASH;
    if (close < 0 && !selfClosed) throw new SheetDamagedError('is not well-formed XML: its sheet data never ends');
    const open = rest.indexOf('<row');
    if (open >= 0 && open < close && rest.indexOf('/>', open) < 0)
      throw new SheetDamagedError('ends in the middle of a row');
    if (close > 0) this.rows(rest, 0, close);
  }

  /**
   * Read every row in buf[from, to). Tags are found by walking the bytes in JavaScript: a native
   * indexOf per tag costs more in crossing into C++ than it saves on the few bytes between tags.
   */
  private rows(buf: Buffer, from: number, to: number): void {
    const strings = this.strings;
    let i = from;
    let cells: CellValue[] | null = null;
    let col = -1;
    for (;;) {
      while (i < to && buf[i] !== LT) i++;
      if (i >= to) break;
      const b1 = buf[i + 1];
      if (b1 === 0x63 /* c */ && endsName(buf[i + 2])) {
        // <c r="B4" s="1" t="s"><v>…</v></c>, or <c r="B4"/>
        let type = 0; // 0 number, s shared, b boolean, e error, t inline or formula string, d ISO date text
        let ref = -1;
        let j = i + 2;
        for (; j < to; j++) {
          const ch = buf[j];
          if (ch === GT) break;
          if (ch === QUOTE || ch === APOS) {
            // a value this attribute loop does not want: skip it whole (it may hold '>')
            j++;
            while (j < to && buf[j] !== ch) j++;
            continue;
          }
          if ((ch === 0x72 /* r */ || ch === 0x74) /* t */ && buf[j + 1] === 0x3d && endsName(buf[j - 1])) {
            const q = buf[j + 2];
            const vs = j + 3;
            let ve = vs;
            while (ve < to && buf[ve] !== q) ve++;
            if (ch === 0x72) ref = columnAt(buf, vs, ve);
            else {
              const t0 = buf[vs];
              type =
                t0 === 0x73
                  ? ve - vs === 1
                    ? 0x73
                    : 0x74
                  : t0 === 0x69
                    ? 0x74
                    : t0 === 0x62
                      ? 0x62
                      : t0 === 0x65
                        ? 0x65
                        : t0 === 0x64
                          ? 0x64
                          : 0;
            }
            j = ve;
          }
        }
        if (j >= to) throw new SheetDamagedError('has a cell that is not closed');
        col = ref >= 0 ? ref : col + 1;
        if (!cells) cells = [];
        i = j + 1;
        if (buf[j - 1] === SLASH) continue;
        // The cell's content, up to </c>.
        let value: CellValue = null;
        for (;;) {
          while (i < to && buf[i] !== LT) i++;
          if (i >= to) throw new SheetDamagedError('has a cell that is not closed');
          const c1 = buf[i + 1];
          if (c1 === SLASH && buf[i + 2] === 0x63 && buf[i + 3] === GT) {
            i += 4;
            break;
          }
          if (c1 === 0x76 /* v */ && (buf[i + 2] === GT || endsName(buf[i + 2]))) {
            let vs = i + 2;
            while (vs < to && buf[vs] !== GT) vs++;
            if (buf[vs - 1] === SLASH) {
              i = vs + 1;
              continue;
            }
            vs++;
            let ve = vs;
            while (ve < to && buf[ve] !== LT) ve++;
            if (type !== 0x74 || value === null) value = ve > vs ? this.cellText(buf, vs, ve, type, strings) : null;
            i = ve;
            continue;
          }
          if (c1 === 0x69 /* i */ && buf[i + 2] === 0x73 && endsName(buf[i + 3])) {
            const isEnd = buf.indexOf(IS_END, i);
            if (isEnd < 0 || isEnd > to) throw new SheetDamagedError('has a cell that is not closed');
            value = textRuns(buf, i, isEnd, this.limits.maxXmlDepth - INLINE_TEXT_DEPTH);
            i = isEnd + 5;
            continue;
          }
          if (c1 === 0x66 /* f */ && endsName(buf[i + 2])) {
            // a formula: its text is not the value (the <v> after it is)
            let fe = i + 2;
            while (fe < to && buf[fe] !== GT) fe++;
            if (buf[fe - 1] === SLASH) {
              i = fe + 1;
              continue;
            }
            const close = buf.indexOf(F_END, fe);
            i = close < 0 || close > to ? to : close + 4;
            continue;
          }
          i++;
        }
        // Past the last column allowed: an empty cell (a row formatted to the sheet's edge) is dropped.
        if (col < this.limits.maxColumns) cells[col] = value;
        else if (value !== null) throw tooManyColumns(this.limits);
      } else if (b1 === 0x72 /* r */ && buf[i + 2] === 0x6f && buf[i + 3] === 0x77 && endsName(buf[i + 4])) {
        let close = i + 4;
        while (close < to && buf[close] !== GT) close++;
        if (close >= to) throw new SheetDamagedError('has a row that is not closed');
        const r = this.rowAttr(buf, i + 4, close);
        this.rowNumber = r > 0 ? r : this.rowNumber + 1;
        col = -1;
        if (buf[close - 1] === SLASH) {
          this.onRow(this.rowNumber, []);
          cells = null;
        } else cells = [];
        i = close + 1;
      } else if (
        b1 === SLASH &&
        buf[i + 2] === 0x72 &&
        buf[i + 3] === 0x6f &&
        buf[i + 4] === 0x77 &&
        buf[i + 5] === GT
      ) {
        const row = cells ?? [];
        for (let k = 0; k < row.length; k++) if (row[k] === undefined) row[k] = null;
        this.onRow(this.rowNumber, row);
        cells = null;
        i += 6;
      } else i++;
    }
  }

  /** A `<v>`'s text by the cell's type: a shared string, a number, TRUE/FALSE, an error (nothing), or text. */
  private cellText(buf: Buffer, vs: number, ve: number, type: number, strings: readonly string[]): CellValue {
    switch (type) {
      case 0x73: {
        const idx = numberAt(buf, vs, ve);
        return typeof idx === 'number' ? (strings[idx] ?? null) : null;
      }
      case 0x62:
        return buf[vs] === 0x31;
      case 0x65:
        return null;
      case 0x74:
        return decodeEntities(buf.toString('utf8', vs, ve));
      case 0x64:
        return buf.toString('latin1', vs, Math.min(ve, vs + 10));
      default:
        return numberAt(buf, vs, ve);
    }
  }

  /** A row's `r="12"`, read from the digits (0 when it has none). */
  private rowAttr(buf: Buffer, from: number, to: number): number {
    for (let a = from; a < to; a++) {
      if (buf[a] === 0x72 && buf[a + 1] === 0x3d && endsName(buf[a - 1])) {
        let n = 0;
        for (let d = a + 3; d < to; d++) {
          const c = buf[d] - 48;
          if (c < 0 || c > 9) break;
          n = n * 10 + c;
        }
        return n;
      }
    }
    return 0;
  }
}
