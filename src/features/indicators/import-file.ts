import { BadRequestError } from '../../lib/errors.js';
import type { UploadLimits } from '../../lib/upload-limits.js';
import { isXlsx, readCsvRows, readFirstXlsxSheet } from '../uploads/sheet-reader.js';

/**
 * Read an uploaded .csv or .xlsx into rows of cells (the first worksheet of a workbook), streaming and
 * within the indicator import's limits: a workbook is never loaded whole (before, one 3.6 MB file that
 * expanded to 1 GB added ~1 GB of memory each time, and four at once stopped the server).
 */
export async function readUploadedSheet(filename: string, buffer: Buffer, limits: UploadLimits): Promise<unknown[][]> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) return readCsvRows(buffer, limits);
  if (lower.endsWith('.xlsx')) {
    if (!isXlsx(buffer))
      throw new BadRequestError('The Excel file cannot be read', [
        { path: 'file', message: 'The selected file could not be read as an Excel workbook (.xlsx)' },
      ]);
    return readFirstXlsxSheet(buffer, limits);
  }
  throw new BadRequestError('Upload a .csv or .xlsx file', [
    { path: 'file', message: 'The selected file must be a CSV or an Excel workbook (.xlsx)' },
  ]);
}
