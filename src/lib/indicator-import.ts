import { normalisePeriod, parsePeriod, PERIOD_FORMAT_HINT, type PeriodKind } from './periods.js';
import type { Unit } from './indicator-values.js';
import { readTypedValue, type TypedField } from './indicator-counts.js';
import { columnLetter } from './column-letters.js';

export interface ImportRow {
  key: string;
  period: string;
  value: number | null;
  /** For a percentage, the count behind it, when the file gives one (long layout only). */
  numerator?: number;
  denominator?: number;
  note: string;
  /** Spreadsheet row number (1 is the header row). */
  row: number;
  /** Spreadsheet column letter of the value. */
  column: string;
}

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

export interface ImportResult {
  layout: 'long' | 'wide' | 'unknown';
  rows: ImportRow[];
  errors: ImportProblem[];
}

export type IndicatorMeta = Map<string, { unit: Unit; kind: PeriodKind; name: string }>;

const KEY_HEADERS = ['indicator', 'key', 'indicator key', 'indicator_key', 'measure'];
const norm = (h: unknown) =>
  String(h ?? '')
    .trim()
    .toLowerCase();
const text = (c: unknown) =>
  c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();
const KIND_WORD: Record<PeriodKind, string> = {
  month: 'a month like 2024-03',
  quarter: 'a quarter like 2024-Q1',
  year: 'a year like 2024',
};

/**
 * Read indicator values from a sheet (first row the headers), in one of two layouts:
 * - long: columns `indicator` (the key), `period`, `value` and optionally `note`, one value a row, and for a
 *   percentage optionally `numerator` and `denominator` (the count behind it: the value is worked out from
 *   them, or must agree with them to one decimal place);
 * - wide: first column `indicator`, then one column per period (headers like 2024-03 or Mar 2024).
 * Every problem names its row and column; blank cells in the wide layout mean "no value given" and are
 * skipped; suppression codes (c, x, z, low …) are recorded as a missing value, never zero.
 */
export function readIndicatorSheet(sheet: unknown[][], indicators: IndicatorMeta): ImportResult {
  const errors: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  const header = (sheet[0] ?? []).map(norm);
  const keyCol = header.findIndex((h) => KEY_HEADERS.includes(h));
  const periodCol = header.indexOf('period');
  const valueCol = header.indexOf('value');
  const noteCol = header.indexOf('note');
  const countCols = { numerator: header.indexOf('numerator'), denominator: header.indexOf('denominator') };
  let layout: ImportResult['layout'] = 'unknown';
  if (keyCol >= 0 && periodCol >= 0 && valueCol >= 0) layout = 'long';
  else if (keyCol === 0 && header.length > 1) layout = 'wide';
  if (layout === 'unknown') {
    return {
      layout,
      rows,
      errors: [
        {
          row: 1,
          column: 'A',
          message:
            'Row 1 must be column headings: either “indicator”, “period” and “value” (one value a row), or “indicator” followed by one column for each period',
        },
      ],
    };
  }
  const add = (
    row: number,
    col: number,
    key: string,
    periodRaw: unknown,
    cells: { value: unknown; numerator?: unknown; denominator?: unknown },
    note: string,
    blankIsGap: boolean,
    periodCol: number,
  ) => {
    const column = columnLetter(col);
    const meta = indicators.get(key);
    if (!key)
      return errors.push({
        row,
        column: columnLetter(keyCol),
        message: `Row ${row}, column ${columnLetter(keyCol)}: enter the indicator key`,
      });
    if (!meta)
      return errors.push({
        row,
        column: columnLetter(keyCol),
        message: `Row ${row}, column ${columnLetter(keyCol)}: “${key.slice(0, 60)}” is not an indicator key in your library`,
      });
    const period = normalisePeriod(periodRaw);
    const pCol = columnLetter(periodCol);
    const pRow = layout === 'wide' ? 1 : row;
    if (!period)
      return errors.push({
        row: pRow,
        column: pCol,
        message: `Row ${pRow}, column ${pCol}: “${text(periodRaw).slice(0, 30)}” is not a period; use ${PERIOD_FORMAT_HINT}`,
      });
    if (parsePeriod(period)!.kind !== meta.kind)
      return errors.push({
        row: pRow,
        column: pCol,
        message: `Row ${pRow}, column ${pCol}: ${key} is recorded by ${meta.kind}, so the period must be ${KIND_WORD[meta.kind]} (not ${period})`,
      });
    if (blankIsGap && text(cells.value) === '') return;
    const read = readTypedValue(meta.unit, cells);
    if (!read.ok) {
      for (const p of read.problems) {
        const at = columnLetter(p.field === 'value' ? col : countCols[p.field as Exclude<TypedField, 'value'>]);
        errors.push({ row, column: at, message: `Row ${row}, column ${at}: ${p.message}` });
      }
      return;
    }
    if (read.value === null && !read.suppressed && !blankIsGap)
      return errors.push({
        row,
        column,
        message: `Row ${row}, column ${column}: enter a value, or a suppression code such as c or x for no value`,
      });
    const fullNote = read.suppressed ? [`Suppressed (${read.suppressed})`, note].filter(Boolean).join('. ') : note;
    const counts =
      read.numerator !== null && read.denominator !== null
        ? { numerator: read.numerator, denominator: read.denominator }
        : {};
    rows.push({ key, period, value: read.value, ...counts, note: fullNote, row, column });
  };
  sheet.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (!cells || cells.every((c) => text(c) === '')) return;
    const key = text(cells[keyCol]).toLowerCase();
    if (layout === 'long')
      add(
        row,
        valueCol,
        key,
        cells[periodCol],
        {
          value: cells[valueCol],
          numerator: countCols.numerator >= 0 ? cells[countCols.numerator] : undefined,
          denominator: countCols.denominator >= 0 ? cells[countCols.denominator] : undefined,
        },
        noteCol >= 0 ? text(cells[noteCol]) : '',
        false,
        periodCol,
      );
    else for (let c = 1; c < header.length; c++) add(row, c, key, sheet[0][c], { value: cells[c] }, '', true, c);
  });
  const seen = new Map<string, ImportRow>();
  for (const r of rows) {
    const k = `${r.key}|${r.period}`;
    const first = seen.get(k);
    if (first)
      errors.push({
        row: r.row,
        column: r.column,
        message: `Row ${r.row}, column ${r.column}: ${r.key} for ${r.period} is already given in row ${first.row}`,
      });
    else seen.set(k, r);
  }
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { layout, rows, errors };
}
