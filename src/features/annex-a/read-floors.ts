/**
 * The benchmark's floors (bench/annex-a.ts): how long unzipping, tokenising and scanning a workbook
 * take on their own, with the same limits and budget as an import, to set the import's time against.
 */
import type yauzl from 'yauzl';
import { ExpansionBudget } from '../../lib/upload-limits.js';
import type { UploadSource } from './read-types.js';
import { ANNEX_A_LIMITS, readUpload } from './reader.js';
import { listEntries, openZip, parseXml, streamBytes, type OpenZip } from './zip-parts.js';

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
