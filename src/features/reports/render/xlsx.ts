import ExcelJS from 'exceljs';
import { safeCell } from '../../../lib/spreadsheet-safe.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { cellText, type Cell, type ReportContent } from '../content.js';

const EXCEL_LIMIT = 32_767;
const fit = (v: string | number | null): string | number | null =>
  typeof v === 'string' && v.length > EXCEL_LIMIT
    ? `${v.slice(0, EXCEL_LIMIT - 40)} … (shortened to fit an Excel cell)`
    : v;
/** Every text cell goes through `safeCell`: text starting with = + - @ (or a tab or CR) is prefixed with an apostrophe. */
const put = (v: string | number | null) => safeCell(fit(v));

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 27)} (${n})`;
  used.add(candidate.toLowerCase());
  return candidate;
}

const cellValue = (c: Cell): string | number | null => (typeof c === 'number' ? c : c === null ? null : cellText(c));

/**
 * The Excel appendix: a "Report" sheet with every table of the report, then one sheet per set of
 * underlying data (actions, indicators and their values, risks, action sheet, requests, findings).
 */
export async function renderXlsx(content: ReportContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Waymark';
  wb.title = content.title;
  const used = new Set<string>();
  const report = wb.addWorksheet(sheetName('Report', used), { views: [{ state: 'frozen', ySplit: 0 }] });
  report.getColumn(1).width = 40;
  for (let c = 2; c <= 12; c++) report.getColumn(c).width = 22;
  const add = (values: (string | number | null)[], style?: 'title' | 'heading' | 'header' | 'caption') => {
    const row = report.addRow(values.map(put));
    if (style === 'title') row.font = { bold: true, size: 16 };
    if (style === 'heading') row.font = { bold: true, size: 13 };
    if (style === 'caption') row.font = { bold: true, italic: true };
    if (style === 'header') {
      row.font = { bold: true };
      row.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F1F8' } }));
    }
    row.alignment = { wrapText: true, vertical: 'top' };
    return row;
  };
  const m = content.metadata;
  add([content.title], 'title');
  add(['Organisation', m.organisationName]);
  if (m.bodyName) add(['For', m.bodyName]);
  add(['Plan', `${m.planTitle} (version ${m.planVersion}, ${m.planStatus})`]);
  add(['Data as at', formatGovukDate(m.asOf)]);
  add(['Prepared by', m.preparedBy]);
  if (m.previousReport)
    add(['Previous report', `${m.previousReport.title}, issued ${formatGovukDate(m.previousReport.issuedOn)}`]);
  for (const s of content.sections) {
    add([]);
    add([s.title], 'heading');
    for (const b of s.blocks) {
      if (b.kind === 'heading') add([b.text], 'heading');
      else if (b.kind === 'paragraph') add([b.text]);
      else if (b.kind === 'list') for (const i of b.items) add([i]);
      else if (b.kind === 'table') {
        add([b.caption], 'caption');
        add(
          b.columns.map((c) => c.header),
          'header',
        );
        for (const r of b.rows) add(r.map(cellValue));
      } else if (b.kind === 'chart') {
        add([`${b.title} (chart data)`], 'caption');
        add(['Series', ...b.xLabels], 'header');
        for (const ser of b.series) add([ser.name, ...ser.values]);
      }
    }
  }
  for (const sheet of content.data) {
    const ws = wb.addWorksheet(sheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(sheet.columns.map(put));
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F1F8' } }));
    for (const r of sheet.rows) ws.addRow(r.map(put)).alignment = { wrapText: false, vertical: 'top' };
    sheet.columns.forEach((c, i) => (ws.getColumn(i + 1).width = Math.min(60, Math.max(12, c.length + 2))));
    if (sheet.rows.length)
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
    if (!sheet.rows.length) ws.addRow(['No data']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
