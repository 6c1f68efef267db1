/**
 * What the byte scanners share (see sheet-scanner.ts): the limits they check as they read, the bytes
 * they look for, entity decoding, a part pushed in chunks and cut only at whole items, the text of
 * `<t>` runs, and the shared-strings scanner.
 */
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
export const INLINE_TEXT_DEPTH = 5;
const SHARED_TEXT_DEPTH = 2;

export const LT = 0x3c; // <
export const GT = 0x3e; // >
export const SLASH = 0x2f; // /
export const QUOTE = 0x22; // "
export const APOS = 0x27; // '

export const ROW_END = Buffer.from('</row>');
const T_END = Buffer.from('</t>');
const SI_START = Buffer.from('<si');
const SI_END = Buffer.from('</si>');
const RPH_END = Buffer.from('</rPh>');
export const IS_END = Buffer.from('</is>');
export const F_END = Buffer.from('</f>');
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
export function endsName(b: number | undefined): boolean {
  return b === 0x20 || b === GT || b === SLASH || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * What both scanners share: chunks arrive at any byte; the part's first element says whether it uses
 * namespace prefixes (then the caller uses the XML reader); after that, only whole items, up to the
 * last complete closing tag, are handed on, and the rest waits for the next chunk.
 */
export abstract class ChunkedPart {
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
 * The text of `<t>` runs between from and to, leaving out phonetic runs (`<rPh>`); other elements
 * (rich-text runs and their properties) are counted for the depth limit and passed over.
 */
export function textRuns(buf: Buffer, from: number, to: number, maxDepth: number): string {
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
