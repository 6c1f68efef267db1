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
import type { CellValue } from '../../lib/annex-a/values.js';
import { SharedStringsScanner, SheetDamagedError, WorksheetScanner } from './sheet-scanner.js';

export interface SheetSink {
  startSheet(name: string): void;
  row(rowNumber: number, cells: CellValue[]): void;
  endSheet(): void;
}

export interface ReadLimits {
  /** Largest total expanded size of the zip's entries. */
  maxExpandedBytes: number;
  /** Largest expansion ratio of one entry (uncompressed / compressed) for entries over 1 MB. */
  maxRatio: number;
  /** Largest shared-strings part (held in memory). */
  maxSharedStringsBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxExpandedBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  maxSharedStringsBytes: 256 * 1024 * 1024,
};

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

/** Read the upload into the sink, sheet by sheet. */
export async function readUpload(
  source: UploadSource,
  filename: string,
  sink: SheetSink,
  limits: ReadLimits = DEFAULT_LIMITS,
  options: ReadOptions = {},
): Promise<FileKind> {
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
    await readCsv('buffer' in source ? bufferStream(source.buffer) : fs.createReadStream(source.path), sink);
    sink.endSheet();
    return 'csv';
  }
  throw new AnnexAFileError(
    'The file is not an Excel workbook (.xlsx) or a CSV file. Save the Annex A workbook as .xlsx and upload it again',
  );
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

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > 20_000)
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

/**
 * An entry's bytes, inflated. A deflated entry is inflated here rather than by yauzl so the chunk size
 * can be set; the expanded size is then checked here as yauzl would: more bytes than the entry declares
 * is a zip bomb (stopped at once), fewer a damaged file.
 */
function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  const deflated = entry.compressionMethod === 8;
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, deflated ? { decompress: false } : {}, (err, stream) => {
      if (err || !stream) return reject(new AnnexAFileError(`The workbook part ${entry.fileName} cannot be read`));
      if (!deflated) return resolve(stream);
      const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
      const declared = entry.uncompressedSize;
      let seen = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.length;
          if (seen > declared) return done(new Error('too many bytes in the stream'));
          done(null, chunk);
        },
        flush(done) {
          done(seen === declared ? null : new Error('too few bytes in the stream'));
        },
      });
      stream.on('error', (e) => inflate.destroy(e));
      inflate.on('error', (e) => counted.destroy(e));
      resolve(stream.pipe(inflate).pipe(counted));
    });
  });
}

const ZIP_BOMB =
  'The file expands to far more than any Annex A workbook (it looks like a zip bomb), so it was not opened';

function checkSizes(entries: yauzl.Entry[], limits: ReadLimits): void {
  let total = 0;
  for (const e of entries) {
    if (e.generalPurposeBitFlag & 0x1)
      throw new AnnexAFileError('The file is password-protected. Remove the password and upload it again');
    total += e.uncompressedSize;
    if (total > limits.maxExpandedBytes) throw new AnnexAFileError(ZIP_BOMB);
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > limits.maxRatio * Math.max(e.compressedSize, 1))
      throw new AnnexAFileError(ZIP_BOMB);
  }
}

/** Pipe an entry's text through a handler, chunk by chunk, mapping inflate and size errors to clear messages. */
async function streamText(zip: yauzl.ZipFile, entry: yauzl.Entry, onText: (chunk: string) => void): Promise<void> {
  const stream = await entryStream(zip, entry);
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) onText(chunk as string);
  } catch (err) {
    if (err instanceof AnnexAFileError) throw err;
    const message = (err as Error).message ?? '';
    if (/too many bytes|too few bytes|size/i.test(message)) throw new AnnexAFileError(ZIP_BOMB);
    throw new AnnexAFileError(`The workbook part ${entry.fileName} is damaged and cannot be read`);
  }
}

async function readZip(
  source: UploadSource,
  sink: SheetSink,
  limits: ReadLimits,
  options: ReadOptions,
): Promise<FileKind> {
  const zip = await openZip(source);
  try {
    const entries = await listEntries(zip);
    checkSizes(entries, limits);
    const byName = new Map(entries.map((e) => [e.fileName.replace(/^\/+/, ''), e]));
    if (byName.has('xl/workbook.xml')) {
      await readXlsx(zip, byName, sink, limits, options);
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
      await readCsv(await entryStream(zip, e), sink);
      sink.endSheet();
    }
    return 'csv-zip';
  } finally {
    zip.close();
  }
}

async function readCsv(stream: Readable, sink: SheetSink): Promise<void> {
  const parser = stream.pipe(
    csvParse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  let n = 0;
  try {
    for await (const record of parser) {
      n++;
      sink.row(n, record as string[]);
    }
  } catch (err) {
    if (err instanceof AnnexAFileError) throw err;
    throw new AnnexAFileError(`The CSV file cannot be read at record ${n + 1}: ${(err as Error).message}`);
  }
}

async function readSmallXml(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  onOpen: (name: string, attrs: Record<string, string>) => void,
): Promise<void> {
  if (entry.uncompressedSize > 20 * 1024 * 1024)
    throw new AnnexAFileError(`The workbook part ${entry.fileName} is too large`);
  const parser = new SaxesParser(FAST);
  parser.on('opentag', (node) => onOpen(node.name, node.attributes as Record<string, string>));
  await parseXml(zip, entry, parser);
}

async function parseXml(zip: yauzl.ZipFile, entry: yauzl.Entry, parser: SaxesParser): Promise<void> {
  let failed: Error | undefined;
  parser.on('error', (e) => {
    failed = e;
  });
  await streamText(zip, entry, (chunk) => {
    if (!failed) parser.write(chunk);
  });
  if (!failed) parser.close();
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
async function streamBytes(zip: yauzl.ZipFile, entry: yauzl.Entry, onChunk: (chunk: Buffer) => void): Promise<void> {
  const stream = await entryStream(zip, entry);
  try {
    for await (const chunk of stream) onChunk(chunk as Buffer);
  } catch (err) {
    if (err instanceof AnnexAFileError) throw err;
    if (err instanceof SheetDamagedError)
      throw new AnnexAFileError(`The workbook part ${entry.fileName} ${err.message}, so the workbook is damaged`);
    const message = (err as Error).message ?? '';
    if (/too many bytes|too few bytes|size/i.test(message)) throw new AnnexAFileError(ZIP_BOMB);
    throw new AnnexAFileError(`The workbook part ${entry.fileName} is damaged and cannot be read`);
  }
}

async function readXlsx(
  zip: yauzl.ZipFile,
  byName: Map<string, yauzl.Entry>,
  sink: SheetSink,
  limits: ReadLimits,
  options: ReadOptions,
): Promise<void> {
  const sheets: { name: string; rid: string }[] = [];
  await readSmallXml(zip, byName.get('xl/workbook.xml')!, (name, attrs) => {
    if (localName(name) === 'sheet')
      sheets.push({
        name: attrs.name ?? 'Sheet',
        rid: attrs['r:id'] ?? Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1] ?? '',
      });
  });
  const targets = new Map<string, string>();
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (rels) {
    await readSmallXml(zip, rels, (name, attrs) => {
      if (localName(name) === 'Relationship' && attrs.Id && attrs.Target) targets.set(attrs.Id, attrs.Target);
    });
  }
  const shared = byName.get('xl/sharedStrings.xml');
  const sax = options.xml === 'sax';
  const strings = shared
    ? sax
      ? await readSharedStringsSax(zip, shared, limits)
      : await readSharedStrings(zip, shared, limits)
    : [];
  for (let i = 0; i < sheets.length; i++) {
    const s = sheets[i];
    const target = targets.get(s.rid) ?? `worksheets/sheet${i + 1}.xml`;
    const partName = target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
    const entry = byName.get(partName);
    if (!entry) throw new AnnexAFileError(`The workbook is damaged: sheet "${s.name}" has no data part`);
    sink.startSheet(s.name);
    if (sax) await readSheetSax(zip, entry, strings, sink);
    else await readSheet(zip, entry, strings, sink);
    sink.endSheet();
  }
}

async function readSharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: ReadLimits): Promise<string[]> {
  if (entry.uncompressedSize > limits.maxSharedStringsBytes)
    throw new AnnexAFileError(
      'The workbook’s text table is larger than any Annex A workbook needs, so it was not opened',
    );
  const scanner = new SharedStringsScanner();
  await streamBytes(zip, entry, (chunk) => {
    if (!scanner.prefixed) scanner.push(chunk);
  });
  if (!scanner.prefixed) {
    scanner.end();
    return scanner.strings;
  }
  return readSharedStringsSax(zip, entry, limits);
}

/** The shared strings of a part written with namespace prefixes (`<x:si>`): the general XML reader. */
async function readSharedStringsSax(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: ReadLimits): Promise<string[]> {
  if (entry.uncompressedSize > limits.maxSharedStringsBytes)
    throw new AnnexAFileError(
      'The workbook’s text table is larger than any Annex A workbook needs, so it was not opened',
    );
  const strings: string[] = [];
  const parser = new SaxesParser(FAST);
  let inSi = false;
  let inT = false;
  let skip = 0;
  let current = '';
  parser.on('opentag', (node) => {
    const n = localName(node.name);
    if (n === 'si') {
      inSi = true;
      current = '';
    } else if (n === 'rPh') skip++;
    else if (n === 't' && inSi && !skip) inT = true;
  });
  parser.on('text', (t) => {
    if (inT) current += t;
  });
  parser.on('closetag', (node) => {
    const n = localName(node.name);
    if (n === 't') inT = false;
    else if (n === 'rPh') skip--;
    else if (n === 'si') {
      strings.push(current);
      inSi = false;
    }
  });
  await parseXml(zip, entry, parser);
  return strings;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Stream one worksheet's rows into the sink: the byte scanner, or the XML reader for a prefixed part. */
async function readSheet(zip: yauzl.ZipFile, entry: yauzl.Entry, strings: string[], sink: SheetSink): Promise<void> {
  const scanner = new WorksheetScanner(strings, (n, cells) => sink.row(n, cells));
  await streamBytes(zip, entry, (chunk) => {
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
  await readSheetSax(zip, entry, strings, sink);
}

/** One worksheet through the general XML reader (parts whose elements carry a namespace prefix). */
async function readSheetSax(zip: yauzl.ZipFile, entry: yauzl.Entry, strings: string[], sink: SheetSink): Promise<void> {
  const parser = new SaxesParser(FAST);
  let rowNumber = 0;
  let cells: CellValue[] = [];
  let col = -1;
  let type = '';
  let text = '';
  let capture = false;
  let inCell = false;
  parser.on('opentag', (node) => {
    const n = localName(node.name);
    if (n === 'c') {
      const a = node.attributes as Record<string, string>;
      col = a.r ? columnIndex(a.r) : col + 1;
      type = a.t ?? '';
      text = '';
      inCell = true;
    } else if (n === 'v' || (n === 't' && inCell)) {
      capture = true;
    } else if (n === 'row') {
      const a = node.attributes as Record<string, string>;
      rowNumber = a.r ? Number(a.r) : rowNumber + 1;
      cells = [];
      col = -1;
    }
  });
  parser.on('text', (t) => {
    if (capture) text += t;
  });
  parser.on('closetag', (node) => {
    const n = localName(node.name);
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
      cells[col] = value;
    } else if (n === 'row') {
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      sink.row(rowNumber, cells);
    }
  });
  await parseXml(zip, entry, parser);
}

/** The parts the floors read: every worksheet and the shared strings. */
const SHEET_PART = /^xl\/(worksheets\/.*|sharedStrings)\.xml$/;

/** The benchmark's first floor: unzip (inflate) every worksheet and the shared strings, nothing more. */
export async function inflateOnly(source: UploadSource): Promise<{ bytes: number }> {
  const zip = await openZip(source);
  try {
    let bytes = 0;
    for (const e of await listEntries(zip)) {
      if (!SHEET_PART.test(e.fileName)) continue;
      await streamBytes(zip, e, (chunk) => {
        bytes += chunk.length;
      });
    }
    return { bytes };
  } finally {
    zip.close();
  }
}

/** The old floor: unzip every worksheet and tokenise its XML with the SAX parser, doing nothing with it. */
export async function tokeniseOnly(source: UploadSource): Promise<{ elements: number; bytes: number }> {
  const zip = await openZip(source);
  try {
    const entries = await listEntries(zip);
    let elements = 0;
    let bytes = 0;
    for (const e of entries) {
      if (!SHEET_PART.test(e.fileName)) continue;
      const parser = new SaxesParser(FAST);
      parser.on('opentag', () => {
        elements++;
      });
      parser.on('text', () => {});
      bytes += e.uncompressedSize;
      await parseXml(zip, e, parser);
    }
    return { elements, bytes };
  } finally {
    zip.close();
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
