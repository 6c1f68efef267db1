import fs from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ddmmyyyy, type Cell, type Sheet } from './generator-values.js';
import { generateSheets, type GeneratorOptions } from './generator.js';

/** Write the workbook as .xlsx to a stream, as Excel saves it: shared strings, and date cells styled as dates. */
export async function writeWorkbook(sheets: Sheet[], stream: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const p of sheet.preamble ?? []) ws.addRow(p).commit();
    ws.addRow(sheet.headers).commit();
    for (const values of sheet.rows) {
      const row = ws.addRow(values);
      for (let c = 0; c < values.length; c++) if (values[c] instanceof Date) row.getCell(c + 1).numFmt = 'dd/mm/yyyy';
      row.commit();
    }
    for (let b = 0; b < (sheet.trailingBlank ?? 0); b++) ws.addRow([]).commit();
    ws.commit();
  }
  await wb.commit();
}

export async function generateWorkbookBuffer(options: GeneratorOptions): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeWorkbook(generateSheets(options), out);
  await done;
  return Buffer.concat(chunks);
}

export async function generateWorkbookFile(options: GeneratorOptions, file: string): Promise<{ rows: number }> {
  const sheets = generateSheets(options);
  const stream = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  await writeWorkbook(sheets, stream);
  await closed;
  return { rows: sheets.reduce((n, s) => n + s.rows.length, 0) };
}

/** The same children as CSV files (one per list, dates as dd/mm/yyyy text as a CSV export writes them). */
export function sheetsToCsv(sheets: Sheet[]): { name: string; text: string }[] {
  const cell = (v: Cell) => {
    if (v === null) return '';
    const s = v instanceof Date ? ddmmyyyy(v.toISOString().slice(0, 10)) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return sheets.map((s) => ({
    name: `${s.name}.csv`,
    text: [s.headers, ...s.rows].map((r) => r.map(cell).join(',')).join('\n'),
  }));
}
