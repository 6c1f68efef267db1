/**
 * Streaming readers for the spreadsheets people import (indicator values, plan actions): the first
 * worksheet of an .xlsx, or a CSV file, as rows of cells. Nothing is loaded whole: the zip's parts are
 * inflated chunk by chunk through an ExpansionBudget, the sheet's XML is tokenised as it inflates, and
 * every limit of src/lib/upload-limits.ts (expanded size, ratio, rows, columns, cell length, shared
 * strings, XML depth) is checked on the way, so a hostile file is refused before it costs memory.
 */
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { parse as csvParse } from 'csv-parse';
import { BadRequestError } from '../../lib/errors.js';
import { ExpansionBudget, UploadLimitError, type UploadLimits } from '../../lib/upload-limits.js';
import { listEntries, notWorkbook, openZip, parsePart, readSmallXml, sharedStringsCollector } from './sheet-zip.js';

export type Cell = string | number | boolean | Date | null;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function isXlsx(buffer: Buffer): boolean {
  return buffer.length > 4 && buffer.subarray(0, 4).equals(ZIP_MAGIC);
}

/** The first worksheet of an .xlsx workbook, row by row (row 1 first); empty rows are empty arrays. */
export async function readFirstXlsxSheet(buffer: Buffer, limits: UploadLimits): Promise<Cell[][]> {
  if (buffer.subarray(0, 8).equals(CFB_MAGIC))
    throw notWorkbook('it is password-protected or an old .xls file; remove the password and save it as .xlsx');
  if (!isXlsx(buffer)) throw notWorkbook();
  const zip = await openZip(buffer);
  try {
    const entries = await listEntries(zip, limits.maxEntries);
    const budget = new ExpansionBudget(limits);
    budget.checkDeclared(entries);
    const byName = new Map(entries.map((e) => [e.fileName.replace(/^\/+/, ''), e]));
    const workbook = byName.get('xl/workbook.xml');
    if (!workbook) throw notWorkbook('it is a zip file but not a workbook');
    const { firstSheetRid, date1904 } = await readWorkbookPart(zip, workbook, budget, limits);
    const rels = byName.get('xl/_rels/workbook.xml.rels');
    let target = 'worksheets/sheet1.xml';
    if (rels && firstSheetRid) {
      await readSmallXml(zip, rels, budget, limits, (name, attrs) => {
        if (name === 'Relationship' && attrs.Id === firstSheetRid && attrs.Target) target = attrs.Target;
      });
    }
    const partName = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const sheet = byName.get(partName);
    if (!sheet) throw notWorkbook('its first sheet has no data');
    const styles = byName.get('xl/styles.xml');
    const dateStyles = styles ? await readDateStyles(zip, styles, budget, limits) : new Set<number>();
    const shared = byName.get('xl/sharedStrings.xml');
    const strings = shared ? await readSharedStrings(zip, shared, budget, limits) : [];
    return await readSheet(zip, sheet, budget, limits, strings, dateStyles, date1904);
  } finally {
    zip.close();
  }
}

async function readWorkbookPart(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: ExpansionBudget, limits: UploadLimits) {
  let firstSheetRid: string | undefined;
  let date1904 = false;
  await readSmallXml(zip, entry, budget, limits, (n, attrs) => {
    if (n === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
    if (n === 'sheet' && firstSheetRid === undefined)
      firstSheetRid = attrs['r:id'] ?? Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
  });
  return { firstSheetRid, date1904 };
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30), and custom ones with d, m, y, h or s. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,%E+\-\s]*$/i.test(bare);
}

/** The indexes of the cell styles (`s` on a cell) whose number format is a date. */
async function readDateStyles(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: ExpansionBudget,
  limits: UploadLimits,
): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  if (entry.uncompressedSize > 5 * 1024 * 1024)
    throw new UploadLimitError('The workbook’s styles are larger than any workbook needs', 'part');
  await parsePart(zip, entry, budget, limits, {
    open: (n, a) => {
      if (n === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (n === 'cellXfs') inCellXfs = true;
      else if (n === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close: (n) => {
      if (n === 'cellXfs') inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  xfFormats.forEach((id, index) => {
    if (BUILT_IN_DATES.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) dates.add(index);
  });
  return dates;
}

async function readSharedStrings(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: ExpansionBudget,
  limits: UploadLimits,
): Promise<string[]> {
  const tooBig = () =>
    new UploadLimitError(
      'The workbook’s table of text is larger than a spreadsheet of this kind needs, so it was not read',
      'shared-strings',
    );
  if (entry.uncompressedSize > limits.maxSharedStringsBytes) throw tooBig();
  const { strings, handlers } = sharedStringsCollector(
    {
      maxCellChars: limits.maxCellChars,
      maxSharedStrings: limits.maxSharedStrings,
      maxTextChars: limits.maxSharedStringsBytes,
    },
    tooBig,
  );
  await parsePart(zip, entry, budget, limits, handlers);
  return strings;
}

/** Column letters of a cell reference ("AB12") as a 0-based index; -1 when there are none. */
export function columnIndexOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > 16_384) return 16_384; // past Excel's last column (XFD)
  }
  return n - 1;
}

/** An Excel serial day number as a UTC date (1900 system, whose day 60 is the non-existent 29 Feb 1900). */
export function excelSerialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null; // 31 Dec 9999
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86_400_000));
}

async function readSheet(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: ExpansionBudget,
  limits: UploadLimits,
  strings: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  const maxRowNumber = limits.maxRows + 1; // the heading row and the data rows
  const tooManyRows = () =>
    new UploadLimitError(
      `The file has more than ${limits.maxRows.toLocaleString('en-GB')} rows: split it and import each part`,
      'rows',
    );
  const tooManyColumns = () =>
    new UploadLimitError(
      `The file has more than ${limits.maxColumns.toLocaleString('en-GB')} columns: remove the columns that are not part of the import`,
      'columns',
    );
  let rowNumber = 0;
  let cells: Cell[] = [];
  let col = -1;
  let type = '';
  let style = -1;
  let text = '';
  let capture = false;
  let inCell = false;
  await parsePart(zip, entry, budget, limits, {
    open: (n, a) => {
      if (n === 'c') {
        col = a.r ? columnIndexOf(a.r) : col + 1;
        if (col >= limits.maxColumns) throw tooManyColumns();
        type = a.t ?? '';
        style = a.s === undefined ? -1 : Number(a.s);
        text = '';
        inCell = true;
      } else if ((n === 'v' || n === 't') && inCell) {
        capture = true;
      } else if (n === 'row') {
        const r = a.r === undefined ? rowNumber + 1 : Number(a.r);
        if (!Number.isInteger(r) || r < 1) throw notWorkbook('a row of its first sheet has no proper number');
        if (r > maxRowNumber) throw tooManyRows();
        rowNumber = r;
        cells = [];
        col = -1;
      }
    },
    text: (t) => {
      if (!capture) return;
      text += t;
      if (text.length > limits.maxCellChars)
        throw new UploadLimitError(
          `A cell in row ${rowNumber} holds more than ${limits.maxCellChars.toLocaleString('en-GB')} characters`,
          'cell',
        );
    },
    close: (n) => {
      if (n === 'v' || n === 't') capture = false;
      else if (n === 'c') {
        inCell = false;
        cells[col] = cellValue(text, type, style, strings, dateStyles, date1904);
      } else if (n === 'row') {
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        rows[rowNumber - 1] = cells;
      }
    },
  });
  return Array.from(rows, (r) => r ?? []);
}

function cellValue(
  text: string,
  type: string,
  style: number,
  strings: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): Cell {
  if (text === '') return null;
  switch (type) {
    case 's':
      return strings[Number(text)] ?? null;
    case 'str':
    case 'inlineStr':
      return text;
    case 'e':
      return text; // "#N/A", "#REF!": the cell's own error text
    case 'b':
      return text === '1' || text === 'true';
    case 'd':
      return Number.isNaN(Date.parse(text)) ? text : new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
    default: {
      const num = Number(text);
      if (!Number.isFinite(num)) return text;
      if (dateStyles.has(style)) return excelSerialToDate(num, date1904) ?? num;
      return num;
    }
  }
}

/**
 * A CSV file as rows, parsed as it streams, stopping at the row, column and record-size limits.
 * `delimiter` defaults to a comma, or a semicolon when the first line has more of them.
 */
export async function readCsvRows(
  buffer: Buffer,
  limits: UploadLimits,
  opts: { skipEmptyLines?: boolean } = {},
): Promise<string[][]> {
  const firstLine = buffer
    .subarray(0, 64 * 1024)
    .toString('utf8')
    .split('\n')[0];
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const parser = Readable.from(chunks(buffer)).pipe(
    csvParse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: opts.skipEmptyLines ?? true,
      delimiter,
      max_record_size: Math.max(limits.maxCellChars * 4, 1024 * 1024),
    }),
  );
  const rows: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (record.length > limits.maxColumns)
        throw new UploadLimitError(
          `The file has more than ${limits.maxColumns.toLocaleString('en-GB')} columns: remove the columns that are not part of the import`,
          'columns',
        );
      if (record.some((c) => c.length > limits.maxCellChars))
        throw new UploadLimitError(
          `A value in row ${rows.length + 1} holds more than ${limits.maxCellChars.toLocaleString('en-GB')} characters`,
          'cell',
        );
      rows.push(record);
      if (rows.length > limits.maxRows + 1)
        throw new UploadLimitError(
          `The file has more than ${limits.maxRows.toLocaleString('en-GB')} rows: split it and import each part`,
          'rows',
        );
    }
  } catch (err) {
    parser.destroy();
    if (err instanceof UploadLimitError) throw err;
    throw new BadRequestError('The CSV file could not be read', [
      { path: 'file', message: `The CSV file could not be read: ${(err as Error).message.slice(0, 200)}` },
    ]);
  }
  return rows;
}

function* chunks(buffer: Buffer): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += 64 * 1024) yield buffer.subarray(i, i + 64 * 1024);
}
