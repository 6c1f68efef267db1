import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FindingGroup, ListStats } from '../../lib/annex-a/importer.js';
import type { StoredFinding } from './service.js';

const HEADERS = ['Severity', 'Check', 'List', 'Sheet', 'Row', 'Column', 'Value', 'Reason'];

const cells = (f: StoredFinding) => [
  f.severity,
  f.checkName,
  f.listNumber,
  f.sheet,
  f.rowNumber,
  f.columnName,
  f.value,
  f.reason,
];

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

const safe = (v: unknown) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v);

/** The report as a workbook: the findings grouped by list, column and check; each list's columns; then every finding. */
export async function writeQualityWorkbook(
  stream: Writable,
  lists: ListStats[],
  findings: StoredFinding[],
  groups: FindingGroup[],
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const grouped = wb.addWorksheet('Summary');
  grouped.addRow(['Severity', 'List', 'Column', 'Check', 'Rows', 'What was found', 'First rows']).commit();
  for (const g of groups) {
    grouped
      .addRow(
        [
          g.severity,
          g.list,
          g.column,
          g.check,
          g.count,
          g.reason,
          g.examples
            .map((e) => e.row)
            .filter((r) => r !== null)
            .join(', '),
        ].map(safe),
      )
      .commit();
  }
  grouped.commit();
  const summary = wb.addWorksheet('Columns');
  summary.addRow(['List', 'Title', 'Sheet', 'Rows', 'Column', 'Present', 'Filled', 'Missing', 'Invalid']).commit();
  for (const l of lists)
    for (const c of l.columns)
      summary
        .addRow([l.list, l.title, l.sheet, l.rows, c.name, c.present ? 'Yes' : 'No', c.filled, c.missing, c.invalid])
        .commit();
  summary.commit();
  const ws = wb.addWorksheet('Findings');
  ws.addRow(HEADERS).commit();
  for (const f of findings) ws.addRow(cells(f).map(safe)).commit();
  ws.commit();
  await wb.commit();
}
