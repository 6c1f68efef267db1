/**
 * The zip and XML plumbing of the xlsx reader: opening the zip, listing its parts, and inflating a part
 * through the ExpansionBudget into a streaming XML parser that checks the depth and text limits.
 */
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';
import { BadRequestError } from '../../lib/errors.js';
import { ExpansionBudget, UploadLimitError, type UploadLimits } from '../../lib/upload-limits.js';

export const notWorkbook = (detail = 'save it again as .xlsx and try again') =>
  new BadRequestError('The file could not be read as an Excel workbook', [
    { path: 'file', message: `The file could not be read as an Excel workbook: ${detail}` },
  ]);

export function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(notWorkbook('its zip structure is damaged')) : resolve(zip),
    );
  });
}

/** What a reader tells the person whose zip has too many parts, or a damaged directory. */
export interface ZipRefusals {
  tooManyParts: () => Error;
  damaged: () => Error;
}

const SPREADSHEET_REFUSALS: ZipRefusals = {
  tooManyParts: () => new UploadLimitError('The file has too many parts to be a spreadsheet of this kind', 'entries'),
  damaged: () => notWorkbook('its zip structure is damaged'),
};

export function listEntries(
  zip: yauzl.ZipFile,
  maxEntries: number,
  refusals: ZipRefusals = SPREADSHEET_REFUSALS,
): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > maxEntries) return reject(refusals.tooManyParts());
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(refusals.damaged()));
    zip.readEntry();
  });
}

export interface XmlHandlers {
  open?: (name: string, attrs: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/**
 * Inflate one part through the budget and tokenise its XML chunk by chunk. saxes keeps one handler per
 * event, so the depth limit and the caller's handlers are registered here together.
 */
export async function parsePart(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: ExpansionBudget,
  limits: UploadLimits,
  handlers: XmlHandlers,
): Promise<void> {
  const parser = new SaxesParser({ position: false });
  if (entry.generalPurposeBitFlag & 0x1)
    throw notWorkbook('it is password-protected; remove the password and try again');
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) =>
      err || !s ? reject(notWorkbook(`its part ${entry.fileName} cannot be read`)) : resolve(s),
    ),
  );
  const spend = budget.part(entry.compressedSize);
  let depth = 0;
  let failed: Error | undefined;
  parser.on('error', (e) => {
    failed ??= e;
  });
  parser.on('opentag', (node) => {
    if (++depth > limits.maxXmlDepth)
      throw new UploadLimitError(
        'The workbook’s XML is nested more deeply than any spreadsheet needs, so it was not read',
        'depth',
      );
    handlers.open?.(localName(node.name), node.attributes as Record<string, string>);
  });
  parser.on('closetag', (node) => {
    depth--;
    handlers.close?.(localName(node.name));
  });
  if (handlers.text) parser.on('text', handlers.text);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) {
      spend((chunk as Buffer).length);
      if (!failed) parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      if (failed) break;
    }
    if (!failed) parser.close();
  } catch (err) {
    stream.destroy();
    if (err instanceof UploadLimitError || err instanceof BadRequestError) throw err;
    const message = (err as Error).message ?? '';
    if (/too many bytes|too few bytes|size/i.test(message))
      throw new UploadLimitError(
        'The file expands to more than its zip directory says (it looks like a zip bomb), so it was not read',
        'expanded',
      );
    if (failed)
      throw failed instanceof UploadLimitError || failed instanceof BadRequestError
        ? failed
        : notWorkbook(`its part ${entry.fileName} is not well-formed XML`);
    throw notWorkbook(`its part ${entry.fileName} is damaged`);
  }
  stream.destroy();
  if (failed)
    throw failed instanceof UploadLimitError || failed instanceof BadRequestError
      ? failed
      : notWorkbook(`its part ${entry.fileName} is not well-formed XML`);
}

export const localName = (n: string) => n.slice(n.indexOf(':') + 1);

export async function readSmallXml(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: ExpansionBudget,
  limits: UploadLimits,
  onOpen: (name: string, attrs: Record<string, string>) => void,
): Promise<void> {
  if (entry.uncompressedSize > 5 * 1024 * 1024)
    throw new UploadLimitError(`The workbook part ${entry.fileName} is larger than any workbook needs`, 'part');
  await parsePart(zip, entry, budget, limits, { open: onOpen });
}

export interface SharedStringsLimits {
  maxCellChars: number;
  maxSharedStrings: number;
  /** Text in all, where the reader cannot rely on the part's declared size alone. */
  maxTextChars?: number;
}

/**
 * The handlers that collect a shared-strings part's texts: each `<si>`'s `<t>` runs joined, phonetic
 * guides (`<rPh>`) left out, element names read without their namespace prefix. Past a limit `tooBig`
 * is thrown, so the part is refused while it is read.
 */
export function sharedStringsCollector(
  limits: SharedStringsLimits,
  tooBig: () => Error,
): { strings: string[]; handlers: XmlHandlers } {
  const { maxCellChars, maxSharedStrings, maxTextChars = Infinity } = limits;
  const strings: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let current = '';
  let textChars = 0;
  const handlers: XmlHandlers = {
    open: (name) => {
      const n = localName(name);
      if (n === 'si') {
        inSi = true;
        current = '';
      } else if (n === 'rPh') phonetic++;
      else if (n === 't' && inSi && !phonetic) inT = true;
    },
    text: (t) => {
      if (!inT) return;
      current += t;
      textChars += t.length;
      if (current.length > maxCellChars || textChars > maxTextChars) throw tooBig();
    },
    close: (name) => {
      const n = localName(name);
      if (n === 't') inT = false;
      else if (n === 'rPh') phonetic--;
      else if (n === 'si') {
        strings.push(current);
        inSi = false;
        if (strings.length > maxSharedStrings) throw tooBig();
      }
    },
  };
  return { strings, handlers };
}
