import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ListStats } from '../../lib/annex-a/importer.js';
import type { StoredFinding } from './service.js';

const HEADERS = ['Severity', 'Check', 'List', 'Sheet', 'Row', 'Column', 'Value', 'Reason'];

const cells = (f: StoredFinding) => [f.severity, f.checkName, f.listNumber, f.sheet, f.rowNumber, f.columnName, f.value, f.reason];

/** A cell that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection). */
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function findingsCsv(findings: StoredFinding[]): string {
  return [HEADERS, ...findings.map(cells)].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The report as a workbook: a summary sheet per list and column, then the findings. */
export async function writeQualityWorkbook(stream: Writable, lists: ListStats[], findings: StoredFinding[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const summary = wb.addWorksheet('Columns');
  summary.addRow(['List', 'Title', 'Sheet', 'Rows', 'Column', 'Present', 'Filled', 'Missing', 'Invalid']).commit();
  for (const l of lists) for (const c of l.columns) summary.addRow([l.list, l.title, l.sheet, l.rows, c.name, c.present ? 'Yes' : 'No', c.filled, c.missing, c.invalid]).commit();
  summary.commit();
  const ws = wb.addWorksheet('Findings');
  ws.addRow(HEADERS).commit();
  for (const f of findings) ws.addRow(cells(f).map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v))).commit();
  ws.commit();
  await wb.commit();
}
