/**
 * An .xlsx workbook's sheets, in order, into the sink: the workbook part names the sheets, the shared
 * strings are read whole (every cell may point into them), and each worksheet streams row by row
 * through the byte scanner, or the general XML reader for parts written with namespace prefixes.
 */
import path from 'node:path';
import type yauzl from 'yauzl';
import { UploadLimitError, type UploadLimits } from '../../lib/upload-limits.js';
import type { CellValue } from '../../lib/annex-a/values.js';
import { AnnexAFileError, type ReadOptions, type SheetSink } from './read-types.js';
import {
  SharedStringsScanner,
  SheetDamagedError,
  WorksheetScanner,
  tooManyColumns,
  type ScanLimits,
} from './sheet-scanner.js';
import { parseXml, readSmallXml, streamBytes, type OpenZip } from './zip-parts.js';
import { columnIndexOf } from '../uploads/sheet-reader.js';
import { localName, sharedStringsCollector } from '../uploads/sheet-zip.js';

export async function readXlsx(
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
  if (entry.uncompressedSize > open.limits.maxSharedStringsBytes) throw tooManyStrings();
  const { strings, handlers } = sharedStringsCollector(open.limits, tooManyStrings);
  await parseXml(open, entry, handlers);
  return strings;
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
        col = a.r ? columnIndexOf(a.r) : col + 1;
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
