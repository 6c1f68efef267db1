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
import { UploadLimitError, type UploadLimits } from '../../lib/upload-limits.js';

/** The upload limits the scanners check as they read (the rest are checked by the reader). */
export type ScanLimits = Pick<UploadLimits, 'maxColumns' | 'maxXmlDepth' | 'maxSharedStrings' | 'maxCellChars'>;

export const tooDeep = () =>
  new UploadLimitError(
    'The workbook’s XML is nested more deeply than any spreadsheet needs, so it was not read',
    'depth',
  );

export const tooManyColumns = (limits: Pick<UploadLimits, 'maxColumns'>) =>
  new UploadLimitError(
    `A sheet has values in more than ${limits.maxColumns.toLocaleString('en-GB')} columns, more than any Annex A list has: remove the columns that are not part of the template`,
    'columns',
  );

/**
 * Elements a text's runs sit inside: `<worksheet><sheetData><row><c><is>` for an inline string,
 * `<sst><si>` for a shared one. The scanners keep no element stack (nesting costs them nothing
 * elsewhere), so the XML depth limit is checked where they read nested content: inside a text.
 */
const INLINE_TEXT_DEPTH = 5;
const SHARED_TEXT_DEPTH = 2;

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f; // /
const QUOTE = 0x22; // "
const APOS = 0x27; // '

const ROW_END = Buffer.from('</row>');
const T_END = Buffer.from('</t>');
const SI_START = Buffer.from('<si');
const SI_END = Buffer.from('</si>');
const RPH_END = Buffer.from('</rPh>');
const IS_END = Buffer.from('</is>');
const F_END = Buffer.from('</f>');
/** Refuse a single row longer than this (no Annex A row comes near it): a damaged or hostile part. */
const MAX_ROW_BYTES = 8 * 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Is the byte after a tag name the end of the name (space, `>` or `/`)? */
function endsName(b: number | undefined): boolean {
  return b === 0x20 || b === GT || b === SLASH || b === 0x09 || b === 0x0a || b === 0x0d;
}

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
 * What both scanners share: chunks arrive at any byte; the part's first element says whether it uses
 * namespace prefixes (then the caller uses the XML reader); after that, only whole items, up to the
 * last complete closing tag, are handed on, and the rest waits for the next chunk.
 */
abstract class ChunkedPart {
  protected pending: Buffer | null = null;
  protected decided = false;
  /** The part uses namespace prefixes: the caller should use the SAX reader instead. */
  prefixed = false;

  constructor(
    private readonly root: string,
    private readonly itemEnd: Buffer,
    private readonly tooLong: string,
  ) {}

  push(chunk: Buffer): void {
    if (this.pending && this.decided) {
      // Join the waiting tail with the chunk only up to the chunk's first item end, not the whole
      // chunk: copying every chunk again was as much garbage as the part itself.
      const first = chunk.indexOf(this.itemEnd);
      if (first >= 0) {
        const cut = first + this.itemEnd.length;
        const head = Buffer.concat([this.pending, chunk.subarray(0, cut)]);
        this.pending = null;
        this.read(head, head.length);
        if (cut === chunk.length) return;
        chunk = chunk.subarray(cut);
      }
    }
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (!this.decided) {
      const plain = buf.indexOf(`<${this.root}`);
      const prefixed = buf.indexOf(`:${this.root}`);
      if (plain < 0 && prefixed < 0) {
        if (buf.length > MAX_ROW_BYTES) throw new SheetDamagedError(`has no ${this.root} element`);
        this.pending = buf;
        return;
      }
      this.decided = true;
      if (prefixed >= 0 && (plain < 0 || prefixed < plain)) {
        this.prefixed = true;
        return;
      }
      buf = buf.subarray(plain);
    }
    const last = buf.lastIndexOf(this.itemEnd);
    if (last < 0) {
      if (buf.length > MAX_ROW_BYTES) throw new SheetDamagedError(this.tooLong);
      this.pending = buf;
      return;
    }
    const cut = last + this.itemEnd.length;
    this.read(buf, cut);
    if (cut < buf.length) this.pending = Buffer.from(buf.subarray(cut));
  }

  /** Read the whole items in buf[0, to). */
  protected abstract read(buf: Buffer, to: number): void;
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

/**
 * The text of `<t>` runs between from and to, leaving out phonetic runs (`<rPh>`); other elements
 * (rich-text runs and their properties) are counted for the depth limit and passed over.
 */
function textRuns(buf: Buffer, from: number, to: number, maxDepth: number): string {
  let out = '';
  let i = from;
  let depth = 0;
  while (i < to) {
    const lt = buf.indexOf(LT, i);
    if (lt < 0 || lt >= to) break;
    if (buf[lt + 1] === SLASH) {
      depth--;
      i = lt + 2;
      continue;
    }
    if (buf[lt + 1] === 0x72 && buf[lt + 2] === 0x50 && buf[lt + 3] === 0x68) {
      // <rPh …>…</rPh>: a reading aid for East Asian text, not part of the value
      const end = buf.indexOf(RPH_END, lt);
      i = end < 0 || end > to ? to : end + 6;
      continue;
    }
    if (buf[lt + 1] === 0x74 && endsName(buf[lt + 2])) {
      const open = buf.indexOf(GT, lt);
      if (open < 0 || open >= to) break;
      if (buf[open - 1] === SLASH) {
        i = open + 1;
        continue;
      }
      const close = buf.indexOf(T_END, open);
      if (close < 0 || close > to) break;
      out += buf.toString('utf8', open + 1, close);
      i = close + 4;
    } else {
      const gt = buf.indexOf(GT, lt);
      if (gt < 0 || gt >= to) break;
      if (buf[gt - 1] !== SLASH && ++depth > maxDepth) throw tooDeep();
      i = gt + 1;
    }
  }
  return decodeEntities(out);
}

/** The shared-strings part: each `<si>`'s text (its `<t>` runs, without phonetic runs), in order. */
export class SharedStringsScanner extends ChunkedPart {
  readonly strings: string[] = [];

  constructor(private readonly limits: ScanLimits) {
    super('sst', SI_END, 'has a text longer than any cell');
  }

  protected read(buf: Buffer, to: number): void {
    this.items(buf, to);
  }

  end(): void {
    const rest = this.pending;
    this.pending = null;
    if (rest && !this.prefixed && rest.indexOf('<si') >= 0) this.items(rest, rest.length);
  }

  private items(buf: Buffer, to: number): void {
    let i = 0;
    while (i < to) {
      const si = buf.indexOf(SI_START, i);
      if (si < 0 || si >= to) break;
      const open = buf.indexOf(GT, si);
      if (open < 0 || open >= to) break;
      if (buf[open - 1] === SLASH) {
        this.strings.push('');
        i = open + 1;
        continue;
      }
      const end = buf.indexOf(SI_END, open);
      if (end < 0 || end > to) throw new SheetDamagedError('has a text that is not closed');
      const text = textRuns(buf, open + 1, end, this.limits.maxXmlDepth - SHARED_TEXT_DEPTH);
      if (text.length > this.limits.maxCellChars || this.strings.push(text) > this.limits.maxSharedStrings)
        throw new UploadLimitError(
          'The workbook’s text table is larger than any Annex A workbook needs, so it was not opened',
          'shared-strings',
        );
      i = end + 5;
    }
  }
}

export class SheetDamagedError extends Error {}
