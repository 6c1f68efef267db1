/** What the Annex A readers share: where an upload is, where its rows go, and how a bad file is refused. */
import { ValidationError } from '../../lib/errors.js';
import type { CellValue } from '../../lib/annex-a/values.js';

export interface SheetSink {
  startSheet(name: string): void;
  row(rowNumber: number, cells: CellValue[]): void;
  endSheet(): void;
}

export type UploadSource = { path: string } | { buffer: Buffer };

export class AnnexAFileError extends ValidationError {
  constructor(message: string) {
    super([{ path: 'file', message }], message);
  }
}

export type FileKind = 'xlsx' | 'csv-zip' | 'csv';

/** Which XML reader reads worksheets: the byte scanner (default), or the general SAX parser (for tests that compare them). */
export interface ReadOptions {
  xml?: 'scan' | 'sax';
}
