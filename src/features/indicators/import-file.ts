import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { BadRequestError } from '../../lib/errors.js';

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return v.text;
    if ('error' in v) return String(v.error);
  }
  return v;
}

/** Read an uploaded .csv or .xlsx into rows of cells (the first worksheet of a workbook). */
export async function readUploadedSheet(filename: string, buffer: Buffer): Promise<unknown[][]> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) {
    try {
      return parse(buffer.toString('utf8'), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    } catch (err) {
      throw new BadRequestError(`The CSV file cannot be read: ${(err as Error).message}`, [{ path: 'file', message: 'The selected file could not be read as CSV' }]);
    }
  }
  if (lower.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch {
      throw new BadRequestError('The Excel file cannot be read', [{ path: 'file', message: 'The selected file could not be read as an Excel workbook (.xlsx)' }]);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new BadRequestError('The workbook has no worksheets', [{ path: 'file', message: 'The selected workbook has no worksheets' }]);
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: unknown[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellValue(row.getCell(c).value));
      rows[n - 1] = cells;
    });
    return Array.from(rows, (r) => r ?? []);
  }
  throw new BadRequestError('Upload a .csv or .xlsx file', [{ path: 'file', message: 'The selected file must be a CSV or an Excel workbook (.xlsx)' }]);
}
