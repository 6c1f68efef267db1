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
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import { ExpansionBudget, UploadLimitError, uploadLimits, type UploadLimits } from '../../lib/upload-limits.js';
import { AnnexAFileError, type FileKind, type ReadOptions, type SheetSink, type UploadSource } from './read-types.js';
import { tooManyColumns } from './sheet-scanner.js';
import { readXlsx } from './xlsx-reader.js';
import { entryStream, isRefusal, listEntries, openZip, type OpenZip } from './zip-parts.js';

export { AnnexAFileError, type FileKind, type ReadOptions, type SheetSink, type UploadSource } from './read-types.js';

/** Every limit comes from the one upload-limits module (issue 13): `uploadLimits('annex-a', settings)`. */
export const ANNEX_A_LIMITS: UploadLimits = uploadLimits('annex-a');

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
