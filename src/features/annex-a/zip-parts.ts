/**
 * The parts of a zip (a workbook or a zip of CSV files), inflated one at a time as a stream and
 * counted against the upload's expansion budget as they come out, with the errors of a damaged or
 * hostile file mapped to messages a person can act on; and the general XML reader for small parts
 * and parts written with namespace prefixes, with the XML depth limit.
 */
import { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';
import { ValidationError } from '../../lib/errors.js';
import type { ExpansionBudget, UploadLimits } from '../../lib/upload-limits.js';
import { AnnexAFileError, type UploadSource } from './read-types.js';
import { SheetDamagedError, tooDeep } from './sheet-scanner.js';
import { listEntries as listZipEntries, type XmlHandlers } from '../uploads/sheet-zip.js';

export function openZip(source: UploadSource): Promise<yauzl.ZipFile> {
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

export const listEntries = (zip: yauzl.ZipFile, maxEntries: number): Promise<yauzl.Entry[]> =>
  listZipEntries(zip, maxEntries, {
    tooManyParts: () => new AnnexAFileError('The file has too many parts to be an Annex A workbook'),
    damaged: () => new AnnexAFileError('The file is not a valid Excel workbook: its zip structure is damaged'),
  });

/**
 * Inflated output per chunk. Node's default (16 KB) costs a round trip through the thread pool and a
 * callback per 16 KB: for a 100 MB workbook that overhead was most of the time spent unzipping.
 */
const INFLATE_CHUNK = 256 * 1024;

/** An open zip, its parts by name, and the budget every part's inflated bytes are counted against. */
export interface OpenZip {
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
export function entryStream({ zip, budget }: OpenZip, entry: yauzl.Entry): Promise<Readable> {
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
export const isRefusal = (err: unknown): err is ValidationError => err instanceof ValidationError;

/** Pipe an entry's text through a handler, chunk by chunk, mapping inflate and size errors to clear messages. */
export async function streamText(open: OpenZip, entry: yauzl.Entry, onText: (chunk: string) => void): Promise<void> {
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

export async function readSmallXml(
  open: OpenZip,
  entry: yauzl.Entry,
  onOpen: (name: string, attrs: Record<string, string>) => void,
): Promise<void> {
  if (entry.uncompressedSize > 20 * 1024 * 1024)
    throw new AnnexAFileError(`The workbook part ${entry.fileName} is too large`);
  await parseXml(open, entry, { open: onOpen });
}

/**
 * Tokenise a part with the general XML reader, refusing it past the XML depth limit. saxes keeps one
 * handler per event, so the depth count and the caller's handlers are registered here together.
 */
export async function parseXml(open: OpenZip, entry: yauzl.Entry, handlers: XmlHandlers): Promise<void> {
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

/** Pipe an entry's bytes through a handler, chunk by chunk, with the same error mapping as streamText. */
export async function streamBytes(open: OpenZip, entry: yauzl.Entry, onChunk: (chunk: Buffer) => void): Promise<void> {
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
