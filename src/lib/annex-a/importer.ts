/**
 * Turns the rows of an Annex A workbook into pseudonymised records and a data-quality report. It has no
 * I/O: a reader (xlsx or CSV) pushes sheets and rows in, one at a time, so the file is never held whole.
 */
import { ANNEX_A_LISTS, LIST_BY_NUMBER, listLabel, type ColumnSpec, type ListSpec } from './spec.js';
import { columnLetter, identifyList, isHeaderRow, matchHeaders } from './headers.js';
import { birthMonth, parseCode, parseDate, parseId, parseInteger, parseLabel, parseYesNo, type CellValue, type Parsed } from './values.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  check: string;
  list: number | null;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export type RecordValue = string | number | boolean | null;

/** One pseudonymised row: the child as an HMAC, birth as 'YYYY-MM', and the typed Annex A values. */
export interface AnnexRecord {
  list: number;
  row: number;
  child: string;
  birth: string | null;
  team: string | null;
  worker: string | null;
  v: Record<string, RecordValue>;
}

export interface ColumnStats {
  key: string;
  name: string;
  present: boolean;
  filled: number;
  missing: number;
  invalid: number;
}

export interface ListStats {
  list: number;
  title: string;
  sheet: string | null;
  rows: number;
  columns: ColumnStats[];
}

export interface ImportResult {
  records: Map<number, AnnexRecord[]>;
  findings: Finding[];
  lists: ListStats[];
  errors: number;
  warnings: number;
  totalRows: number;
}

export interface ImporterOptions {
  referenceDate: string;
  /** HMAC of the raw identifier with the organisation's secret. */
  pseudonymise: (raw: string) => string;
  /** Row-level findings kept per list, check and column (the counts stay complete). */
  findingsCap?: number;
}

const HEADER_SEARCH_ROWS = 20;
/** Values never repeated in findings, so the report holds no identifier or full date of birth. */
const HIDDEN_TYPES = new Set(['id', 'birth']);

const PARSERS: Record<ColumnSpec['type'], (v: CellValue) => Parsed<RecordValue>> = {
  id: parseId,
  date: parseDate,
  birth: parseDate,
  integer: parseInteger,
  code: parseCode,
  yesno: parseYesNo,
  team: parseLabel,
  worker: parseLabel,
};

interface SheetState {
  name: string;
  list?: ListSpec;
  /** Rows seen before the header row was found. */
  pending: { row: number; cells: CellValue[] }[];
  columns?: (ColumnSpec | undefined)[];
  stats?: Map<string, ColumnStats>;
  ignored: boolean;
  rows: number;
  keys?: Set<string>;
  /** Per cell position: the column, its statistics and its (memoised) parser; worked out once per sheet. */
  plan?: (ColumnPlan | undefined)[];
  /** Required columns present in the sheet, other than the identifier (checked for blanks on every row). */
  required?: ColumnSpec[];
}

interface ColumnPlan {
  col: ColumnSpec;
  stats: ColumnStats;
  parse: (v: CellValue) => Parsed<RecordValue>;
}

/** Distinct values remembered per column type: codes, labels and dates repeat across thousands of rows. */
const MEMO_LIMIT = 50_000;

export class AnnexAImporter {
  private readonly records = new Map<number, AnnexRecord[]>();
  private readonly findings: Finding[] = [];
  private readonly counts = new Map<string, number>();
  private readonly listStats = new Map<number, ListStats>();
  private readonly hashes = new Map<string, string>();
  /** Lists whose sheet was found but could not be read (already reported, so not "missing" too). */
  private readonly unreadable = new Set<number>();
  private readonly cap: number;
  private errors = 0;
  private warnings = 0;
  private sheet?: SheetState;
  private readonly parsers = new Map<ColumnSpec['type'], (v: CellValue) => Parsed<RecordValue>>();

  constructor(private readonly options: ImporterOptions) {
    this.cap = options.findingsCap ?? 1000;
  }

  /**
   * The parser for a column type, remembering its answer for each distinct value (parsing is a pure
   * function of the cell). Identifiers are unique per child, so they are not remembered.
   */
  private parserFor(type: ColumnSpec['type']): (v: CellValue) => Parsed<RecordValue> {
    let p = this.parsers.get(type);
    if (p) return p;
    const parse = PARSERS[type];
    if (type === 'id') p = parse;
    else {
      const memo = new Map<CellValue, Parsed<RecordValue>>();
      p = (v) => {
        let r = memo.get(v);
        if (r === undefined) {
          r = parse(v);
          if (memo.size < MEMO_LIMIT) memo.set(v, r);
        }
        return r;
      };
    }
    this.parsers.set(type, p);
    return p;
  }

  private add(f: Finding): void {
    if (f.severity === 'error') this.errors++;
    else this.warnings++;
    if (f.row !== null) {
      const key = `${f.list}|${f.check}|${f.column}`;
      const n = (this.counts.get(key) ?? 0) + 1;
      this.counts.set(key, n);
      if (n > this.cap) return;
    }
    this.findings.push(f);
  }

  startSheet(name: string): void {
    this.sheet = { name, list: identifyList(name), pending: [], ignored: false, rows: 0 };
  }

  row(rowNumber: number, cells: CellValue[]): void {
    const s = this.sheet;
    if (!s || s.ignored) return;
    if (!s.columns) {
      if (cells.every((c) => c === null || c === '' || (typeof c === 'string' && c.trim() === ''))) return;
      s.pending.push({ row: rowNumber, cells });
      if (this.tryHeader(s, cells) || s.pending.length < HEADER_SEARCH_ROWS) return;
      this.noHeader(s);
      return;
    }
    this.dataRow(s, rowNumber, cells);
  }

  private tryHeader(s: SheetState, cells: CellValue[]): boolean {
    let list = s.list;
    if (!list) {
      let best: { list: ListSpec; hits: number } | undefined;
      for (const candidate of ANNEX_A_LISTS) {
        if (!isHeaderRow(candidate, cells)) continue;
        const m = matchHeaders(candidate, cells);
        if (m.missingRequired.length) continue;
        if (!best || m.matched.length > best.hits) best = { list: candidate, hits: m.matched.length };
      }
      list = best?.list;
    } else if (!isHeaderRow(list, cells)) return false;
    if (!list) return false;
    const existing = this.listStats.get(list.number);
    if (existing) {
      this.add({ severity: 'error', check: 'duplicate-list', list: list.number, sheet: s.name, row: null, column: null, value: null, reason: `${listLabel(list.number)} is in two sheets, "${existing.sheet}" and "${s.name}": keep one sheet per list` });
      s.ignored = true;
      return true;
    }
    s.list = list;
    const m = matchHeaders(list, cells);
    for (const n of m.nameColumns) {
      this.add({ severity: 'error', check: 'names-column', list: list.number, sheet: s.name, row: null, column: n.header, value: null, reason: `Column ${columnLetter(n.index)} "${n.header}" looks like people's names. Annex A has no name columns and Waymark stores no names: delete the column and upload again` });
    }
    for (const c of m.missingRequired) {
      this.add({ severity: 'error', check: 'missing-column', list: list.number, sheet: s.name, row: null, column: c.name, value: null, reason: `${listLabel(list.number)} has no "${c.name}" column, which is required` });
    }
    for (const u of m.unknown) {
      this.add({ severity: 'warning', check: 'unknown-column', list: list.number, sheet: s.name, row: null, column: u.header, value: null, reason: `Column ${columnLetter(u.index)} "${u.header}" is not an Annex A column for this list: it was ignored and not stored` });
    }
    for (const d of m.duplicates) {
      this.add({ severity: 'warning', check: 'duplicate-column', list: list.number, sheet: s.name, row: null, column: d.header, value: null, reason: `Column ${columnLetter(d.index)} "${d.header}" repeats an earlier column: the later copy was ignored` });
    }
    s.columns = m.columns;
    s.stats = new Map(list.columns.map((c) => [c.key, { key: c.key, name: c.name, present: m.matched.includes(c), filled: 0, missing: 0, invalid: 0 }]));
    s.keys = new Set();
    s.plan = m.columns.map((c) => (c ? { col: c, stats: s.stats!.get(c.key)!, parse: this.parserFor(c.type) } : undefined));
    s.required = list.columns.filter((c) => c.required && c.type !== 'id' && s.stats!.get(c.key)!.present);
    this.listStats.set(list.number, { list: list.number, title: list.title, sheet: s.name, rows: 0, columns: [...s.stats.values()] });
    if (!this.records.has(list.number)) this.records.set(list.number, []);
    const headerAt = s.pending.length - 1;
    const after = s.pending.slice(headerAt + 1);
    s.pending = [];
    for (const p of after) this.dataRow(s, p.row, p.cells);
    return true;
  }

  private noHeader(s: SheetState): void {
    s.ignored = true;
    if (s.list) {
      this.unreadable.add(s.list.number);
      const examples = s.list.columns.slice(0, 3).map((c) => `"${c.name}"`).join(', ');
      this.add({ severity: 'error', check: 'no-header', list: s.list.number, sheet: s.name, row: null, column: null, value: null, reason: `Sheet "${s.name}" (${listLabel(s.list.number)}): no row in the first ${HEADER_SEARCH_ROWS} has headers that match Annex A columns, such as ${examples}` });
    } else {
      this.add({ severity: 'warning', check: 'not-a-list', list: null, sheet: s.name, row: null, column: null, value: null, reason: `Sheet "${s.name}" is not an Annex A list (neither its name nor its headers match one): it was ignored` });
    }
  }

  private dataRow(s: SheetState, rowNumber: number, cells: CellValue[]): void {
    const list = s.list!;
    const plan = s.plan!;
    let any = false;
    for (const c of cells) {
      if (c !== null && c !== '' && !(typeof c === 'string' && c.trim() === '')) {
        any = true;
        break;
      }
    }
    if (!any) return;
    const v: Record<string, RecordValue> = {};
    let childRaw: string | null = null;
    let birth: string | null = null;
    let team: string | null = null;
    let worker: string | null = null;
    const ref = this.options.referenceDate;
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i];
      if (!p) continue;
      const col = p.col;
      const st = p.stats;
      const raw = cells[i] ?? null;
      const parsed = p.parse(raw);
      if (!parsed.ok) {
        st.invalid++;
        this.add({ severity: 'warning', check: 'invalid-value', list: list.number, sheet: s.name, row: rowNumber, column: col.name, value: HIDDEN_TYPES.has(col.type) ? '(hidden)' : String(raw).slice(0, 100), reason: `${col.name} ${parsed.reason}` });
        continue;
      }
      if (parsed.value === null) {
        st.missing++;
        continue;
      }
      st.filled++;
      switch (col.type) {
        case 'id':
          childRaw = parsed.value as string;
          break;
        case 'birth':
          birth = parsed.value as string;
          if (birth > ref) this.add({ severity: 'warning', check: 'after-reference-date', list: list.number, sheet: s.name, row: rowNumber, column: col.name, value: '(hidden)', reason: `${col.name} is after the reference date` });
          birth = birthMonth(birth);
          break;
        case 'team':
          team = parsed.value as string;
          break;
        case 'worker':
          worker = parsed.value as string;
          break;
        case 'date':
          if ((parsed.value as string) > ref) this.add({ severity: 'warning', check: 'after-reference-date', list: list.number, sheet: s.name, row: rowNumber, column: col.name, value: parsed.value as string, reason: `${col.name} is after the reference date ${ref}` });
          v[col.key] = parsed.value;
          break;
        default:
          v[col.key] = parsed.value;
      }
    }
    for (const col of s.required!) {
      if (v[col.key] === undefined || v[col.key] === null) {
        this.add({ severity: 'warning', check: 'missing-value', list: list.number, sheet: s.name, row: rowNumber, column: col.name, value: null, reason: `${col.name} is blank but required` });
      }
    }
    if (childRaw === null) {
      const idCol = list.columns.find((c) => c.type === 'id')!;
      this.add({ severity: 'warning', check: 'missing-id', list: list.number, sheet: s.name, row: rowNumber, column: idCol.name, value: null, reason: `${idCol.name} is blank: the row was skipped` });
      return;
    }
    let child = this.hashes.get(childRaw);
    if (!child) {
      child = this.options.pseudonymise(childRaw);
      this.hashes.set(childRaw, child);
    }
    const dupKey = `${child}|${list.keyDate ? (v[list.keyDate] ?? '') : ''}`;
    if (s.keys!.has(dupKey)) {
      this.add({ severity: 'warning', check: 'duplicate-row', list: list.number, sheet: s.name, row: rowNumber, column: null, value: null, reason: list.keyDate ? `The same child appears twice with the same ${list.columns.find((c) => c.key === list.keyDate)!.name}` : 'The same child appears twice' });
    } else s.keys!.add(dupKey);
    const record: AnnexRecord = { list: list.number, row: rowNumber, child, birth, team, worker, v };
    this.rowChecks(s, record);
    this.records.get(list.number)!.push(record);
    s.rows++;
  }

  /** Checks within one row that need more than one column. */
  private rowChecks(s: SheetState, r: AnnexRecord): void {
    if (r.list !== 4 && r.list !== 5 && r.list !== 7 && r.list !== 8) return;
    const w = (check: string, column: string, reason: string) => this.add({ severity: 'warning', check, list: r.list, sheet: s.name, row: r.row, column, value: null, reason });
    const ref = this.options.referenceDate;
    const v = r.v as Record<string, string | undefined>;
    if (r.list === 4 && v.assessmentAuthorisedDate && v.assessmentStartDate && v.assessmentAuthorisedDate < v.assessmentStartDate) {
      w('authorised-before-start', 'Continuous Assessment Date of Authorisation', 'The assessment was authorised before it started');
    }
    if (r.list === 5 && v.icpcDate && v.strategyDate && v.icpcDate < v.strategyDate) {
      w('icpc-before-strategy', 'Date of Initial Child Protection Conference', 'The initial child protection conference is dated before the strategy discussion');
    }
    if (r.list === 7 && v.cppEndDate && v.cppStartDate && v.cppEndDate < v.cppStartDate) {
      w('ended-before-start', 'Child Protection Plan End Date', 'The plan ended before it started');
    }
    if (r.list === 8) {
      if (v.claEndDate && v.claStartDate && v.claEndDate < v.claStartDate) w('ended-before-start', 'Date Ceased to be Looked After', 'The child ceased to be looked after before they started');
      const open = !v.claEndDate || v.claEndDate > ref;
      if (open && (r.v.placementType === undefined || r.v.placementType === null)) w('cla-no-placement', 'Placement Type', 'A child in care with no placement');
    }
  }

  endSheet(): void {
    const s = this.sheet;
    this.sheet = undefined;
    if (!s || s.ignored) return;
    if (!s.columns) {
      if (s.pending.length || s.list) this.noHeader(s);
      else this.add({ severity: 'warning', check: 'not-a-list', list: null, sheet: s.name, row: null, column: null, value: null, reason: `Sheet "${s.name}" is empty: it was ignored` });
      return;
    }
    const list = s.list!;
    const ls = this.listStats.get(list.number)!;
    ls.rows = s.rows;
    for (const st of s.stats!.values()) {
      const col = list.columns.find((c) => c.key === st.key)!;
      const seen = st.filled + st.invalid;
      if (st.invalid > 0 && st.invalid * 2 > seen && (st.invalid >= 3 || st.invalid === seen)) {
        const kind = { date: 'dates', birth: 'dates', integer: 'whole numbers', yesno: 'yes or no', code: 'coded values', id: 'identifiers', team: 'team names', worker: 'worker names' }[col.type];
        this.add({ severity: 'error', check: 'column-invalid', list: list.number, sheet: s.name, row: null, column: col.name, value: null, reason: `Column "${col.name}" in sheet "${s.name}": ${st.invalid} of ${seen} values are not ${kind}. Check the column holds ${kind} (dates as dd/mm/yyyy or Excel dates)` });
      }
    }
  }

  finish(): ImportResult {
    if (this.sheet) this.endSheet();
    for (const list of ANNEX_A_LISTS) {
      if (list.required && !this.listStats.has(list.number) && !this.unreadable.has(list.number)) {
        this.add({ severity: 'error', check: 'missing-list', list: list.number, sheet: null, row: null, column: null, value: null, reason: `${listLabel(list.number)} is missing: no sheet is named "List ${list.number}" or "${list.title}", and no sheet has its headers` });
      }
    }
    this.crossListChecks();
    let totalRows = 0;
    for (const rs of this.records.values()) totalRows += rs.length;
    const lists = [...this.listStats.values()].sort((a, b) => a.list - b.list);
    return { records: this.records, findings: this.findings, lists, errors: this.errors, warnings: this.warnings, totalRows };
  }

  private crossListChecks(): void {
    const ref = this.options.referenceDate;
    const cin = this.records.get(6);
    const cp = this.records.get(7);
    if (cin && cp) {
      const cinChildren = new Set(cin.map((r) => r.child));
      const sheet = this.listStats.get(7)?.sheet ?? null;
      for (const r of cp) {
        const end = r.v.cppEndDate as string | null | undefined;
        if ((!end || end > ref) && !cinChildren.has(r.child)) {
          this.add({ severity: 'warning', check: 'cp-not-cin', list: 7, sheet, row: r.row, column: null, value: null, reason: 'A child on a child protection plan is not on the children in need list (List 6)' });
        }
      }
    }
  }
}

/** Convenience for tests and small inputs: feed whole sheets at once. */
export function importSheets(sheets: { name: string; rows: CellValue[][] }[], options: ImporterOptions): ImportResult {
  const importer = new AnnexAImporter(options);
  for (const sheet of sheets) {
    importer.startSheet(sheet.name);
    sheet.rows.forEach((cells, i) => importer.row(i + 1, cells));
    importer.endSheet();
  }
  return importer.finish();
}

export { LIST_BY_NUMBER };
