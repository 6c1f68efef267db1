/**
 * Streaming readers for an Annex A upload: an .xlsx workbook (unzipped with yauzl, its XML tokenised
 * with saxes, one row at a time), a .zip of CSV files, or one CSV. Nothing holds the whole sheet in
 * memory; only the shared-strings table (which every cell may point into) is kept whole.
 *
 * Bad files get a clear message: a password-protected workbook (encrypted OOXML is an OLE compound
 * file, not a zip), a file that is not a workbook, a zip bomb (the expanded size is checked against a
 * limit before and while inflating).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';
import { parse as csvParse } from 'csv-parse';
import { ValidationError } from '../../lib/errors.js';
import { ExpansionBudget, UploadLimitError, uploadLimits, type UploadLimits } from '../../lib/upload-limits.js';
import type { CellValue } from '../../lib/annex-a/values.js';
import {
  SharedStringsScanner,
  SheetDamagedError,
  WorksheetScanner,
  tooDeep,
  tooManyColumns,
  type ScanLimits,
} from './sheet-scanner.js';

export interface SheetSink {
  startSheet(name: string): void;
  row(rowNumber: number, cells: CellValue[]): void;
  endSheet(): void;
}

/** Every limit comes from the one upload-limits module (issue 13): `uploadLimits('annex-a', settings)`. */
export const ANNEX_A_LIMITS: UploadLimits = uploadLimits('annex-a');

export type UploadSource = { path: string } | { buffer: Buffer };

export class AnnexAFileError extends ValidationError {
  constructor(message: string) {
    super([{ path: 'file', message }], message);
  }
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function head(source: UploadSource, n: number): Promise<Buffer> {
  if ('buffer' in source) return source.buffer.subarray(0, n);
  const fh = await fs.promises.open(source.path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export type FileKind = 'xlsx' | 'csv-zip' | 'csv';

/** Which XML reader reads worksheets: the byte scanner (default), or the general SAX parser (for tests that compare them). */
export interface ReadOptions {
  xml?: 'scan' | 'sax';
}

/** Read the upload into the sink, sheet by sheet, refusing it at the first limit it passes. */
export async function readUpload(
  source: UploadSource,
  filename: string,
  target: SheetSink,
  limits: UploadLimits = ANNEX_A_LIMITS,
  options: ReadOptions = {},
): Promise<FileKind> {
  const sink = boundedSink(target, limits);
  const start = await head(source, 512);
  if (start.length === 0) throw new AnnexAFileError('The selected file is empty');
  if (start.subarray(0, 8).equals(CFB_MAGIC)) {
    throw new AnnexAFileError(
      'The file is password-protected (or an old-style .xls workbook). Remove the password, save it as an Excel workbook (.xlsx) and upload it again',
    );
  }
  if (start.subarray(0, 4).equals(ZIP_MAGIC)) return readZip(source, sink, limits, options);
  if (/\.csv$/i.test(filename) || looksLikeText(start)) {
    if (!looksLikeText(start)) throw new AnnexAFileError('The file is not a CSV file or an Excel workbook (.xlsx)');
    sink.startSheet(path.basename(filename));
    await readCsv('buffer' in source ? bufferStream(source.buffer) : fs.createReadStream(source.path), sink, limits);
    sink.endSheet();
    return 'csv';
  }
  throw new AnnexAFileError(
    'The file is not an Excel workbook (.xlsx) or a CSV file. Save the Annex A workbook as .xlsx and upload it again',
  );
}

/**
 * The row and column limits, whatever reads the sheet: more rows than the limit (with a heading row)
 * refuses the file; a value past the last column allowed does too, while empty cells out there (a
 * row formatted to the sheet's edge) are dropped.
 */
function boundedSink(sink: SheetSink, limits: UploadLimits): SheetSink {
  let rows = 0;
  return {
    startSheet(name) {
      rows = 0;
      sink.startSheet(name);
    },
    row(rowNumber, cells) {
      if (++rows > limits.maxRows + 1)
        throw new UploadLimitError(
          `A sheet has more than ${limits.maxRows.toLocaleString('en-GB')} rows, more than any Annex A list holds`,
          'rows',
        );
      if (cells.length > limits.maxColumns) {
        for (let i = limits.maxColumns; i < cells.length; i++)
          if (cells[i] !== null && cells[i] !== undefined && cells[i] !== '') throw tooManyColumns(limits);
        cells.length = limits.maxColumns;
      }
      sink.row(rowNumber, cells);
    },
    endSheet() {
      sink.endSheet();
    },
  };
}

function looksLikeText(buf: Buffer): boolean {
  if (!buf.length) return false;
  for (const b of buf) if (b < 9) return false;
  return true;
}

function bufferStream(buf: Buffer): Readable {
  // A Readable from the buffer, in chunks, without copying.
  return Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += 64 * 1024) yield buf.subarray(i, i + 64 * 1024);
    })(),
  );
}

function openZip(source: UploadSource): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) =>
      err || !zip
        ? reject(new AnnexAFileError('The file is not a valid Excel workbook: its zip structure is damaged'))
        : resolve(zip);
    if ('buffer' in source)
      yauzl.fromBuffer(source.buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, done);
    else yauzl.open(source.path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, done);
  });
}

function listEntries(zip: yauzl.ZipFile, maxEntries: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > maxEntries)
        return reject(new AnnexAFileError('The file has too many parts to be an Annex A workbook'));
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () =>
      reject(new AnnexAFileError('The file is not a valid Excel workbook: its zip structure is damaged')),
    );
    zip.readEntry();
  });
}

/**
 * Inflated output per chunk. Node's default (16 KB) costs a round trip through the thread pool and a
 * callback per 16 KB: for a 100 MB workbook that overhead was most of the time spent unzipping.
 */
const INFLATE_CHUNK = 256 * 1024;

/** An open zip, its parts by name, and the budget every part's inflated bytes are counted against. */
interface OpenZip {
  zip: yauzl.ZipFile;
  budget: ExpansionBudget;
  limits: UploadLimits;
}

/**
 * An entry's bytes, inflated, counted against the expansion budget as they come out. A deflated entry
 * is inflated here rather than by yauzl so the chunk size can be set; the expanded size is then checked
 * here as yauzl would: more bytes than the entry declares is a zip bomb (stopped at once), fewer a
 * damaged file.
 */
function entryStream({ zip, budget }: OpenZip, entry: yauzl.Entry): Promise<Readable> {
  const deflated = entry.compressionMethod === 8;
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, deflated ? { decompress: false } : {}, (err, stream) => {
      if (err || !stream) return reject(new AnnexAFileError(`The workbook part ${entry.fileName} cannot be read`));
      const spend = budget.part(entry.compressedSize);
      const declared = entry.uncompressedSize;
      let seen = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.length;
          if (seen > declared) return done(new Error('too many bytes in the stream'));
          try {
            spend(chunk.length);
          } catch (limit) {
            return done(limit as Error);
          }
          done(null, chunk);
        },
        flush(done) {
          done(seen === declared ? null : new Error('too few bytes in the stream'));
        },
      });
      if (!deflated) {
        stream.on('error', (e) => counted.destroy(e));
        return resolve(stream.pipe(counted));
      }
      const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
      stream.on('error', (e) => inflate.destroy(e));
      inflate.on('error', (e) => counted.destroy(e));
      resolve(stream.pipe(inflate).pipe(counted));
    });
  });
}

const ZIP_BOMB =
  'The file expands to far more than any Annex A workbook (it looks like a zip bomb), so it was not opened';

/** A refusal that already says what is wrong (a limit, a damaged part): passed on as it is. */
const isRefusal = (err: unknown): err is ValidationError => err instanceof ValidationError;

/** Pipe an entry's text through a handler, chunk by chunk, mapping inflate and size errors to clear messages. */
async function streamText(open: OpenZip, entry: yauzl.Entry, onText: (chunk: string) => void): Promise<void> {
  const stream = await entryStream(open, entry);
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) onText(chunk as string);
  } catch (err) {
    if (isRefusal(err)) throw err;
    const message = (err as Error).message ?? '';
    if (/too many bytes|too few bytes|size/i.test(message)) throw new AnnexAFileError(ZIP_BOMB);
    throw new AnnexAFileError(`The workbook part ${entry.fileName} is damaged and cannot be read`);
  }
}

async function readZip(
  source: UploadSource,
  sink: SheetSink,
  limits: UploadLimits,
  options: ReadOptions,
): Promise<FileKind> {
  const zip = await openZip(source);
  try {
    const entries = await listEntries(zip, limits.maxEntries);
    if (entries.some((e) => e.generalPurposeBitFlag & 0x1))
      throw new AnnexAFileError('The file is password-protected. Remove the password and upload it again');
    const budget = new ExpansionBudget(limits);
    budget.checkDeclared(entries);
    const open: OpenZip = { zip, budget, limits };
    const byName = new Map(entries.map((e) => [e.fileName.replace(/^\/+/, ''), e]));
    if (byName.has('xl/workbook.xml')) {
      await readXlsx(open, byName, sink, options);
      return 'xlsx';
    }
    if (byName.has('EncryptedPackage'))
      throw new AnnexAFileError('The file is password-protected. Remove the password and upload it again');
    const csvs = entries
      .filter((e) => /\.csv$/i.test(e.fileName) && !e.fileName.startsWith('__MACOSX/'))
      .sort((a, b) => a.fileName.localeCompare(b.fileName, 'en', { numeric: true }));
    if (!csvs.length)
      throw new AnnexAFileError('The file is a zip archive but not an Excel workbook, and it holds no CSV files');
    for (const e of csvs) {
      sink.startSheet(path.basename(e.fileName));
      await readCsv(await entryStream(open, e), sink, limits);
      sink.endSheet();
    }
    return 'csv-zip';
  } finally {
    zip.close();
  }
}

async function readCsv(stream: Readable, sink: SheetSink, limits: UploadLimits): Promise<void> {
  const parser = stream.pipe(
    csvParse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: Math.max(limits.maxCellChars * 4, 1024 * 1024),
    }),
  );
  let n = 0;
  try {
    for await (const record of parser) {
      n++;
      sink.row(n, record as string[]);
    }
  } catch (err) {
    if (isRefusal(err)) throw err;
    throw new AnnexAFileError(`The CSV file cannot be read at record ${n + 1}: ${(err as Error).message}`);
  }
}

async function readSmallXml(
  open: OpenZip,
  entry: yauzl.Entry,
  onOpen: (name: string, attrs: Record<string, string>) => void,
): Promise<void> {
  if (entry.uncompressedSize > 20 * 1024 * 1024)
    throw new AnnexAFileError(`The workbook part ${entry.fileName} is too large`);
  await parseXml(open, entry, { open: onOpen });
}

interface XmlHandlers {
  open?: (name: string, attrs: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/**
 * Tokenise a part with the general XML reader, refusing it past the XML depth limit. saxes keeps one
 * handler per event, so the depth count and the caller's handlers are registered here together.
 */
async function parseXml(open: OpenZip, entry: yauzl.Entry, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser(FAST);
  const maxDepth = open.limits.maxXmlDepth;
  let depth = 0;
  let failed: Error | undefined;
  parser.on('error', (e) => {
    failed ??= e;
  });
  parser.on('opentag', (node) => {
    if (++depth > maxDepth) failed ??= tooDeep();
    else handlers.open?.(node.name, node.attributes as Record<string, string>);
  });
  parser.on('closetag', (node) => {
    depth--;
    handlers.close?.(node.name);
  });
  if (handlers.text) parser.on('text', handlers.text);
  await streamText(open, entry, (chunk) => {
    if (!failed) parser.write(chunk);
  });
  if (!failed) parser.close();
  if (isRefusal(failed)) throw failed;
  if (failed)
    throw new AnnexAFileError(`The workbook part ${entry.fileName} is not well-formed XML, so the workbook is damaged`);
}

/** No line and column tracking (nothing reports them): the same options for the import and the benchmark's floor. */
const FAST = { position: false } as const;

const localName = (n: string) => {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
};

/** Pipe an entry's bytes through a handler, chunk by chunk, with the same error mapping as streamText. */
async function streamBytes(open: OpenZip, entry: yauzl.Entry, onChunk: (chunk: Buffer) => void): Promise<void> {
  const stream = await entryStream(open, entry);
  try {
    for await (const chunk of stream) onChunk(chunk as Buffer);
  } catch (err) {
    if (isRefusal(err)) throw err;
    if (err instanceof SheetDamagedError)
      throw new AnnexAFileError(`The workbook part ${entry.fileName} ${err.message}, so the workbook is damaged`);
    const message = (err as Error).message ?? '';
    if (/too many bytes|too few bytes|size/i.test(message)) throw new AnnexAFileError(ZIP_BOMB);
    throw new AnnexAFileError(`The workbook part ${entry.fileName} is damaged and cannot be read`);
  }
}

async function readXlsx(
  open: OpenZip,
  byName: Map<string, yauzl.Entry>,
  sink: SheetSink,
  options: ReadOptions,
): Promise<void> {
  const sheets: { name: string; rid: string }[] = [];
  await readSmallXml(open, byName.get('xl/workbook.xml')!, (name, attrs) => {
    if (localName(name) === 'sheet')
      sheets.push({
        name: attrs.name ?? 'Sheet',
        rid: attrs['r:id'] ?? Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1] ?? '',
      });
  });
  const targets = new Map<string, string>();
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (rels) {
    await readSmallXml(open, rels, (name, attrs) => {
      if (localName(name) === 'Relationship' && attrs.Id && attrs.Target) targets.set(attrs.Id, attrs.Target);
    });
  }
  const shared = byName.get('xl/sharedStrings.xml');
  const sax = options.xml === 'sax';
  const strings = shared
    ? sax
      ? await readSharedStringsSax(open, shared)
      : await readSharedStrings(open, shared)
    : [];
  for (let i = 0; i < sheets.length; i++) {
    const s = sheets[i];
    const target = targets.get(s.rid) ?? `worksheets/sheet${i + 1}.xml`;
    const partName = target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
    const entry = byName.get(partName);
    if (!entry) throw new AnnexAFileError(`The workbook is damaged: sheet "${s.name}" has no data part`);
    sink.startSheet(s.name);
    if (sax) await readSheetSax(open, entry, strings, sink);
    else await readSheet(open, entry, strings, sink);
    sink.endSheet();
  }
}

/** The limits the byte scanners check themselves (they keep no element stack, so depth is counted in text runs). */
const scanLimits = (limits: UploadLimits): ScanLimits => ({
  maxColumns: limits.maxColumns,
  maxXmlDepth: limits.maxXmlDepth,
  maxSharedStrings: limits.maxSharedStrings,
  maxCellChars: limits.maxCellChars,
});

const tooManyStrings = () =>
  new UploadLimitError(
    'The workbook’s text table is larger than any Annex A workbook needs, so it was not opened',
    'shared-strings',
  );

async function readSharedStrings(open: OpenZip, entry: yauzl.Entry): Promise<string[]> {
  if (entry.uncompressedSize > open.limits.maxSharedStringsBytes) throw tooManyStrings();
  const scanner = new SharedStringsScanner(scanLimits(open.limits));
  await streamBytes(open, entry, (chunk) => {
    if (!scanner.prefixed) scanner.push(chunk);
  });
  if (!scanner.prefixed) {
    scanner.end();
    return scanner.strings;
  }
  return readSharedStringsSax(open, entry);
}

/** The shared strings of a part written with namespace prefixes (`<x:si>`): the general XML reader. */
async function readSharedStringsSax(open: OpenZip, entry: yauzl.Entry): Promise<string[]> {
  const { maxSharedStringsBytes, maxSharedStrings, maxCellChars } = open.limits;
  if (entry.uncompressedSize > maxSharedStringsBytes) throw tooManyStrings();
  const strings: string[] = [];
  let inSi = false;
  let inT = false;
  let skip = 0;
  let current = '';
  await parseXml(open, entry, {
    open: (name) => {
      const n = localName(name);
      if (n === 'si') {
        inSi = true;
        current = '';
      } else if (n === 'rPh') skip++;
      else if (n === 't' && inSi && !skip) inT = true;
    },
    text: (t) => {
      if (!inT) return;
      current += t;
      if (current.length > maxCellChars) throw tooManyStrings();
    },
    close: (name) => {
      const n = localName(name);
      if (n === 't') inT = false;
      else if (n === 'rPh') skip--;
      else if (n === 'si') {
        strings.push(current);
        inSi = false;
        if (strings.length > maxSharedStrings) throw tooManyStrings();
      }
    },
  });
  return strings;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > 16_384) return 16_384; // past Excel's last column (XFD)
  }
  return n - 1;
}

/** Stream one worksheet's rows into the sink: the byte scanner, or the XML reader for a prefixed part. */
async function readSheet(open: OpenZip, entry: yauzl.Entry, strings: string[], sink: SheetSink): Promise<void> {
  const scanner = new WorksheetScanner(strings, (n, cells) => sink.row(n, cells), scanLimits(open.limits));
  await streamBytes(open, entry, (chunk) => {
    if (!scanner.prefixed) scanner.push(chunk);
  });
  if (!scanner.prefixed) {
    try {
      scanner.end();
    } catch (err) {
      if (err instanceof SheetDamagedError)
        throw new AnnexAFileError(`The workbook part ${entry.fileName} ${err.message}, so the workbook is damaged`);
      throw err;
    }
    return;
  }
  await readSheetSax(open, entry, strings, sink);
}

/** One worksheet through the general XML reader (parts whose elements carry a namespace prefix). */
async function readSheetSax(open: OpenZip, entry: yauzl.Entry, strings: string[], sink: SheetSink): Promise<void> {
  const { maxColumns } = open.limits;
  let rowNumber = 0;
  let cells: CellValue[] = [];
  let col = -1;
  let type = '';
  let text = '';
  let capture = false;
  let inCell = false;
  await parseXml(open, entry, {
    open: (name, a) => {
      const n = localName(name);
      if (n === 'c') {
        col = a.r ? columnIndex(a.r) : col + 1;
        type = a.t ?? '';
        text = '';
        inCell = true;
      } else if (n === 'v' || (n === 't' && inCell)) {
        capture = true;
      } else if (n === 'row') {
        rowNumber = a.r ? Number(a.r) : rowNumber + 1;
        cells = [];
        col = -1;
      }
    },
    text: (t) => {
      if (capture) text += t;
    },
    close: (name) => {
      const n = localName(name);
      if (n === 'v' || n === 't') capture = false;
      else if (n === 'c') {
        inCell = false;
        let value: CellValue = null;
        if (text !== '') {
          if (type === 's') value = strings[Number(text)] ?? null;
          else if (type === 'str' || type === 'inlineStr' || type === 'e') value = type === 'e' ? null : text;
          else if (type === 'b') value = text === '1';
          else if (type === 'd') value = text.slice(0, 10);
          else {
            const num = Number(text);
            value = Number.isFinite(num) ? num : text;
          }
        }
        if (col < maxColumns) cells[col] = value;
        else if (value !== null) throw tooManyColumns(open.limits);
      } else if (n === 'row') {
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        sink.row(rowNumber, cells);
      }
    },
  });
}

/** The parts the floors read: every worksheet and the shared strings. */
const SHEET_PART = /^xl\/(worksheets\/.*|sharedStrings)\.xml$/;

/** A zip opened for a benchmark floor: the same limits and budget as an import. */
async function openForFloor(source: UploadSource): Promise<{ open: OpenZip; entries: yauzl.Entry[] }> {
  const zip = await openZip(source);
  const limits = ANNEX_A_LIMITS;
  const entries = await listEntries(zip, limits.maxEntries);
  return { open: { zip, budget: new ExpansionBudget(limits), limits }, entries };
}

/** The benchmark's first floor: unzip (inflate) every worksheet and the shared strings, nothing more. */
export async function inflateOnly(source: UploadSource): Promise<{ bytes: number }> {
  const { open, entries } = await openForFloor(source);
  try {
    let bytes = 0;
    for (const e of entries) {
      if (!SHEET_PART.test(e.fileName)) continue;
      await streamBytes(open, e, (chunk) => {
        bytes += chunk.length;
      });
    }
    return { bytes };
  } finally {
    open.zip.close();
  }
}

/** The old floor: unzip every worksheet and tokenise its XML with the SAX parser, doing nothing with it. */
export async function tokeniseOnly(source: UploadSource): Promise<{ elements: number; bytes: number }> {
  const { open, entries } = await openForFloor(source);
  try {
    let elements = 0;
    let bytes = 0;
    for (const e of entries) {
      if (!SHEET_PART.test(e.fileName)) continue;
      bytes += e.uncompressedSize;
      await parseXml(open, e, {
        open: () => {
          elements++;
        },
        text: () => {},
      });
    }
    return { elements, bytes };
  } finally {
    open.zip.close();
  }
}

/** The new floor: unzip and scan every worksheet into rows of cell values (what any reader must do), and no more. */
export async function scanOnly(source: UploadSource): Promise<{ rows: number; cells: number }> {
  let rows = 0;
  let cells = 0;
  await readUpload(source, 'floor.xlsx', {
    startSheet() {},
    row(_n, c) {
      rows++;
      cells += c.length;
    },
    endSheet() {},
  });
  return { rows, cells };
}
