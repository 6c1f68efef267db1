/**
 * Turns the rows of an Annex A workbook into pseudonymised records and a data-quality report. It has no
 * I/O: a reader (xlsx or CSV) pushes sheets and rows in, one at a time, so the file is never held whole.
 *
 * What it reads is whatever can be read: a list that is missing, or a column a figure needs, is
 * reported with the figures it affects (and those figures are not computed), never guessed. Only what
 * would make a figure wrong is an error: a column a figure reads that is mostly not the right type, one
 * list in two sheets, nothing readable at all, and (for privacy) a column of people's names.
 */
import {
  ANNEX_A_LISTS,
  LATER_COLUMNS,
  LIST_BY_NUMBER,
  listLabel,
  type ColumnSpec,
  type ListSpec,
  type TemplateVersion,
} from './spec.js';
import { columnLetter, identifyList, isHeaderRow, listFromHeaders, matchHeaders } from './headers.js';
import { figuresNeedingColumn, figuresUsingColumn, figuresUsingList, unmetAlternatives } from './figures.js';
import {
  birthMonth,
  completedYears,
  decimalYears,
  isMissing,
  parseAge,
  parseCodeValue,
  parseDate,
  parseId,
  parseInteger,
  parseLabel,
  parsePresence,
  parseYesNo,
  type CellValue,
  type Parsed,
} from './values.js';

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

/** Findings of one kind (list, column, check), with the complete count and the first examples. */
export interface FindingGroup {
  severity: Severity;
  check: string;
  list: number | null;
  sheet: string | null;
  column: string | null;
  count: number;
  reason: string;
  /** The first few rows (and values, where they may be shown). */
  examples: { row: number | null; value: string | null }[];
}

export type RecordValue = string | number | boolean | null;

/** One pseudonymised row: the child as an HMAC, birth as 'YYYY-MM', and the typed Annex A values that are kept. */
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

export interface TemplateVersionFinding {
  version: TemplateVersion | 'older-or-unknown';
  /** Why, in a sentence. */
  evidence: string;
}

export interface ImportResult {
  records: Map<number, AnnexRecord[]>;
  findings: Finding[];
  groups: FindingGroup[];
  lists: ListStats[];
  templateVersion: TemplateVersionFinding;
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
  /** Keep records only for these lists (the others are read, checked and counted): default every list. */
  keep?: ReadonlySet<number>;
}

const HEADER_SEARCH_ROWS = 20;
const EXAMPLES = 5;
/** Values never repeated in findings, so the report holds no identifier, full date of birth or postcode. */
const HIDDEN_TYPES = new Set<ColumnSpec['type']>(['id', 'birth', 'text']);
/** Distinct values remembered per column parser: codes, labels and dates repeat across thousands of rows. */
const MEMO_LIMIT = 50_000;

type Parser = (v: CellValue) => Parsed<RecordValue>;

function baseParser(col: ColumnSpec): Parser {
  switch (col.type) {
    case 'id':
      return parseId;
    case 'date':
    case 'birth':
      return parseDate;
    case 'age':
      return parseAge;
    case 'integer':
      return parseInteger;
    case 'code':
      return (v) => parseCodeValue(v, col.codes!);
    case 'yesno':
      return (v) => parseYesNo(v, col.unknownAllowed ?? false);
    case 'team':
    case 'worker':
    case 'adviser':
      return parseLabel;
    case 'text':
      return parsePresence;
  }
}

interface ColumnPlan {
  col: ColumnSpec;
  stats: ColumnStats;
  parse: Parser;
  /** Kept in the record's values. */
  store: boolean;
  /** Where the row's value goes for the checks (-1: nowhere). */
  slot: number;
  hidden: boolean;
  kind: number;
}

interface SheetState {
  name: string;
  list?: ListSpec;
  /** Rows seen before the header row was found. */
  pending: { row: number; cells: CellValue[] }[];
  ignored: boolean;
  rows: number;
  keys?: Set<string | number>;
  stats?: Map<string, ColumnStats>;
  /** Per cell position: the column, its statistics and its (memoised) parser; worked out once per sheet. */
  plan?: (ColumnPlan | undefined)[];
  /** Required columns present in the sheet, other than the identifier (checked for blanks on every row). */
  required?: ColumnSpec[];
  /** Values read from the current row that checks need (kept or not), by slot; `slots` maps a key to its slot. */
  scratch: RecordValue[];
  slots: Map<string, number>;
  /** The slots of the duplicate key's columns, the age, the placement type and the ICPC outcome (-1: not in the sheet). */
  dupSlots: number[];
  ageSlot: number;
  placementTypeSlot: number;
  icpcPlanSlot: number;
  requiredSlots: { col: ColumnSpec; slot: number }[];
  /** Smallest "Number of Referrals in Last 12 Months" seen (List 3), to spot exports that count the referral itself. */
  minReferrals12m: number;
}

/** Checks within a row and across lists read these columns, kept or not. */
const SCRATCH_KEYS = new Set(['age', 'placementType', 'icpcLedToPlan']);

const KIND_ID = 1;
const KIND_BIRTH = 2;
const KIND_DATE = 3;
const KIND_TEAM = 4;
const KIND_WORKER = 5;
const KIND_ADVISER = 6;
const KIND_CODE = 7;
const KIND_OTHER = 8;
/** Column types as small numbers, so the per-cell switch compares integers. */
const KINDS: Record<ColumnSpec['type'], number> = {
  id: KIND_ID,
  birth: KIND_BIRTH,
  date: KIND_DATE,
  team: KIND_TEAM,
  worker: KIND_WORKER,
  adviser: KIND_ADVISER,
  code: KIND_CODE,
  age: KIND_OTHER,
  integer: KIND_OTHER,
  yesno: KIND_OTHER,
  text: KIND_OTHER,
};

export class AnnexAImporter {
  private readonly records = new Map<number, AnnexRecord[]>();
  private readonly findings: Finding[] = [];
  private readonly groups = new Map<string, FindingGroup>();
  private readonly listStats = new Map<number, ListStats>();
  private readonly byCell = new Map<CellValue, { hash: string; index: number }>();
  private readonly byText = new Map<string, { hash: string; index: number }>();
  private readonly months = new Map<string, string>();
  /** Lists whose sheet was found but could not be read (already reported, so not "missing" too). */
  private readonly unreadable = new Set<number>();
  /** Children whose ICPC (List 5) resulted in a plan on or before the reference date, with the row. */
  private readonly icpcPlans = new Map<string, number>();
  private readonly cap: number;
  private errors = 0;
  private warnings = 0;
  private sheet?: SheetState;
  private readonly parsers = new Map<ColumnSpec, Parser>();

  constructor(private readonly options: ImporterOptions) {
    this.cap = options.findingsCap ?? 1000;
  }

  /**
   * The parser for a column, remembering its answer for each distinct value (parsing is a pure
   * function of the cell). Identifiers are unique per child, so they are not remembered.
   */
  private parserFor(col: ColumnSpec): Parser {
    let p = this.parsers.get(col);
    if (p) return p;
    const parse = baseParser(col);
    if (col.type === 'id' || col.type === 'text') p = parse;
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
    this.parsers.set(col, p);
    return p;
  }

  private add(f: Finding): void {
    if (f.severity === 'error') this.errors++;
    else this.warnings++;
    const key = `${f.severity}|${f.list}|${f.column}|${f.check}`;
    let g = this.groups.get(key);
    if (!g) {
      g = {
        severity: f.severity,
        check: f.check,
        list: f.list,
        sheet: f.sheet,
        column: f.column,
        count: 0,
        reason: f.reason,
        examples: [],
      };
      this.groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < EXAMPLES && (f.row !== null || f.value !== null))
      g.examples.push({ row: f.row, value: f.value });
    if (f.row !== null && g.count > this.cap) return;
    this.findings.push(f);
  }

  startSheet(name: string): void {
    this.sheet = {
      name,
      list: identifyList(name),
      pending: [],
      ignored: false,
      rows: 0,
      scratch: [],
      slots: new Map(),
      dupSlots: [],
      ageSlot: -1,
      placementTypeSlot: -1,
      icpcPlanSlot: -1,
      requiredSlots: [],
      minReferrals12m: Infinity,
    };
  }

  row(rowNumber: number, cells: CellValue[]): void {
    const s = this.sheet;
    if (!s || s.ignored) return;
    if (!s.plan) {
      if (cells.every(isBlankCell)) return;
      s.pending.push({ row: rowNumber, cells });
      if (this.tryHeader(s, cells) || s.pending.length < HEADER_SEARCH_ROWS) return;
      this.noHeader(s);
      return;
    }
    this.dataRow(s, rowNumber, cells);
  }

  /** Is this the header row, and of which list? The sheet's name is trusted unless the headers say otherwise. */
  private tryHeader(s: SheetState, cells: CellValue[]): boolean {
    const named = s.list;
    const namedFits = named
      ? isHeaderRow(named, cells) && matchHeaders(named, cells).missingRequired.length === 0
      : false;
    let list: ListSpec | undefined;
    if (namedFits) list = named;
    else {
      const byHeaders = listFromHeaders(cells);
      if (byHeaders) {
        list = byHeaders.list;
        if (named && named !== list) {
          this.add({
            severity: 'warning',
            check: 'sheet-name-mismatch',
            list: list.number,
            sheet: s.name,
            row: null,
            column: null,
            value: null,
            reason: `Sheet "${s.name}" is named like ${listLabel(named.number)} but its headers are those of ${listLabel(list.number)}: it was read as ${listLabel(list.number)}`,
          });
        }
      } else if (named && isHeaderRow(named, cells)) list = named;
    }
    if (!list) return false;
    const existing = this.listStats.get(list.number);
    if (existing) {
      this.add({
        severity: 'error',
        check: 'duplicate-list',
        list: list.number,
        sheet: s.name,
        row: null,
        column: null,
        value: null,
        reason: `${listLabel(list.number)} is in two sheets, "${existing.sheet}" and "${s.name}": keep one sheet per list, or its figures would count some children twice`,
      });
      s.ignored = true;
      return true;
    }
    s.list = list;
    const m = matchHeaders(list, cells);
    for (const n of m.nameColumns) {
      this.add({
        severity: 'error',
        check: 'names-column',
        list: list.number,
        sheet: s.name,
        row: null,
        column: n.header,
        value: null,
        reason: `Column ${columnLetter(n.index)} "${n.header}" looks like people's names. Annex A has no name columns and Waymark stores no names: delete the column and upload again`,
      });
    }
    if (m.missingRequired.length) {
      s.ignored = true;
      this.unreadable.add(list.number);
      const names = m.missingRequired.map((c) => `"${c.name}"`).join(' and ');
      this.add({
        severity: 'warning',
        check: 'list-unreadable',
        list: list.number,
        sheet: s.name,
        row: null,
        column: m.missingRequired[0].name,
        value: null,
        reason: `${listLabel(list.number)} in sheet "${s.name}" has no ${names} column, so none of its rows could be read. ${affectsList(list.number)}`,
      });
      return true;
    }
    for (const u of m.unknown) {
      this.add({
        severity: 'warning',
        check: 'unknown-column',
        list: list.number,
        sheet: s.name,
        row: null,
        column: u.header,
        value: null,
        reason: `Column ${columnLetter(u.index)} "${u.header}" is not a column of the Annex A template for this list: it was ignored and not stored`,
      });
    }
    for (const d of m.duplicates) {
      this.add({
        severity: 'warning',
        check: 'duplicate-column',
        list: list.number,
        sheet: s.name,
        row: null,
        column: d.header,
        value: null,
        reason: `Column ${columnLetter(d.index)} "${d.header}" repeats an earlier column: the later copy was ignored`,
      });
    }
    const absentForFigures = list.columns.filter(
      (c) => !m.matched.includes(c) && figuresNeedingColumn(list!.number, c.key).length,
    );
    for (const c of absentForFigures) {
      this.add({
        severity: 'warning',
        check: 'missing-column',
        list: list.number,
        sheet: s.name,
        row: null,
        column: c.name,
        value: null,
        reason: `${listLabel(list.number)} has no "${c.name}" column. These figures cannot be computed without it: ${figuresNeedingColumn(list.number, c.key).join('; ')}`,
      });
    }
    const nameOf = (key: string) => list!.columns.find((c) => c.key === key)!.name;
    for (const alt of unmetAlternatives(list.number, (key) => m.matched.some((c) => c.key === key))) {
      const names = alt.keys.map((k) => `"${nameOf(k)}"`).join(' or ');
      this.add({
        severity: 'warning',
        check: 'missing-column',
        list: list.number,
        sheet: s.name,
        row: null,
        column: nameOf(alt.keys[0]),
        value: null,
        reason: `${listLabel(list.number)} has no ${names} column. These figures cannot be computed without one: ${alt.figures.join('; ')}`,
      });
    }
    s.stats = new Map(
      list.columns.map((c) => [
        c.key,
        { key: c.key, name: c.name, present: m.matched.includes(c), filled: 0, missing: 0, invalid: 0 },
      ]),
    );
    s.keys = new Set();
    const scratchKeys = new Set([list.keyDate, ...list.duplicateKey, ...SCRATCH_KEYS]);
    s.plan = m.columns.map((c) => {
      if (!c) return undefined;
      let slot = -1;
      if (scratchKeys.has(c.key)) {
        slot = s.slots.size;
        s.slots.set(c.key, slot);
      }
      return {
        col: c,
        stats: s.stats!.get(c.key)!,
        parse: this.parserFor(c),
        store: !!c.store && c.type !== 'birth' && c.type !== 'team' && c.type !== 'worker',
        slot,
        hidden: HIDDEN_TYPES.has(c.type),
        kind: KINDS[c.type],
      };
    });
    s.scratch = new Array(s.slots.size).fill(null);
    const slotOf = (key: string) => s.slots.get(key) ?? -1;
    s.dupSlots = list.duplicateKey.map(slotOf);
    s.ageSlot = slotOf('age');
    s.placementTypeSlot = slotOf('placementType');
    s.icpcPlanSlot = slotOf('icpcLedToPlan');
    s.required = list.columns.filter((c) => c.required && c.type !== 'id' && s.stats!.get(c.key)!.present);
    s.requiredSlots = s.required.map((col) => ({ col, slot: slotOf(col.key) }));
    this.listStats.set(list.number, {
      list: list.number,
      title: list.title,
      sheet: s.name,
      rows: 0,
      columns: [...s.stats.values()],
    });
    if (!this.records.has(list.number)) this.records.set(list.number, []);
    // The header is the last row seen: anything above it was a title or a note.
    s.pending = [];
    return true;
  }

  private noHeader(s: SheetState): void {
    s.ignored = true;
    if (s.list) {
      this.unreadable.add(s.list.number);
      const examples = s.list.columns
        .filter((c) => c.required)
        .map((c) => `"${c.name}"`)
        .join(' and ');
      this.add({
        severity: 'warning',
        check: 'list-unreadable',
        list: s.list.number,
        sheet: s.name,
        row: null,
        column: null,
        value: null,
        reason: `Sheet "${s.name}" (${listLabel(s.list.number)}): no row in the first ${HEADER_SEARCH_ROWS} has the template's headers, such as ${examples}, so none of it could be read. ${affectsList(s.list.number)}`,
      });
    } else {
      this.add({
        severity: 'warning',
        check: 'not-a-list',
        list: null,
        sheet: s.name,
        row: null,
        column: null,
        value: null,
        reason: `Sheet "${s.name}" is not an Annex A list (neither its name nor its headers match one): it was ignored`,
      });
    }
  }

  private dataRow(s: SheetState, rowNumber: number, cells: CellValue[]): void {
    let any = false;
    for (let i = 0; i < cells.length; i++) {
      if (!isBlankCell(cells[i])) {
        any = true;
        break;
      }
    }
    if (!any) return;
    const list = s.list!;
    const plan = s.plan!;
    const scratch = s.scratch;
    scratch.fill(null);
    const v: Record<string, RecordValue> = {};
    let childCell: CellValue = null;
    let team: string | null = null;
    let worker: string | null = null;
    let adviser: string | null = null;
    let dob: string | null = null;
    const ref = this.options.referenceDate;
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i];
      if (!p) continue;
      const st = p.stats;
      const raw = cells[i] ?? null;
      if (p.kind === KIND_ID) {
        // The identifier is read below, once per distinct value (hashing is the costly part).
        if (isMissing(raw)) st.missing++;
        else {
          st.filled++;
          childCell = raw;
        }
        continue;
      }
      const parsed = p.parse(raw);
      if (!parsed.ok) {
        st.invalid++;
        const col = p.col;
        this.add({
          severity: 'warning',
          check: p.kind === KIND_CODE ? 'unknown-code' : 'invalid-value',
          list: list.number,
          sheet: s.name,
          row: rowNumber,
          column: col.name,
          value: p.hidden ? '(hidden)' : String(raw).slice(0, 100),
          reason: `${col.name} ${parsed.reason}: left out`,
        });
        continue;
      }
      const value = parsed.value;
      if (value === null) {
        st.missing++;
        continue;
      }
      st.filled++;
      switch (p.kind) {
        case KIND_BIRTH:
          dob = value as string;
          if (dob > ref)
            this.add({
              severity: 'warning',
              check: 'after-reference-date',
              list: list.number,
              sheet: s.name,
              row: rowNumber,
              column: p.col.name,
              value: '(hidden)',
              reason: `${p.col.name} is after the reference date`,
            });
          break;
        case KIND_TEAM:
          team = value as string;
          break;
        case KIND_WORKER:
          worker = value as string;
          break;
        case KIND_ADVISER:
          adviser = value as string;
          break;
        case KIND_DATE:
          if ((value as string) > ref)
            this.add({
              severity: 'warning',
              check: 'after-reference-date',
              list: list.number,
              sheet: s.name,
              row: rowNumber,
              column: p.col.name,
              value: value as string,
              reason: `${p.col.name} is after the reference date ${ref}`,
            });
          break;
        default:
          break;
      }
      if (p.store) v[p.col.key] = value;
      if (p.slot >= 0) scratch[p.slot] = value;
    }
    for (const { col, slot } of s.requiredSlots) {
      if ((v[col.key] ?? (slot >= 0 ? scratch[slot] : null) ?? null) === null) {
        this.add({
          severity: 'warning',
          check: 'missing-value',
          list: list.number,
          sheet: s.name,
          row: rowNumber,
          column: col.name,
          value: null,
          reason: `${col.name} is blank but the list needs it: the row is not counted in figures that use it`,
        });
      }
    }
    const child = childCell === null ? undefined : this.childOf(childCell);
    if (child === undefined) {
      const idCol = list.columns.find((c) => c.type === 'id')!;
      if (childCell !== null) {
        s.stats!.get(idCol.key)!.invalid++;
        s.stats!.get(idCol.key)!.filled--;
        this.add({
          severity: 'warning',
          check: 'invalid-value',
          list: list.number,
          sheet: s.name,
          row: rowNumber,
          column: idCol.name,
          value: '(hidden)',
          reason: `${idCol.name} is longer than an identifier (100 characters): the row was skipped`,
        });
      } else
        this.add({
          severity: 'warning',
          check: 'missing-id',
          list: list.number,
          sheet: s.name,
          row: rowNumber,
          column: idCol.name,
          value: null,
          reason: `${idCol.name} is blank: the row was skipped`,
        });
      return;
    }
    let dupKey: string | number = child.index;
    if (s.dupSlots.length) {
      dupKey = String(child.index);
      for (const slot of s.dupSlots) dupKey += `|${slot >= 0 ? (scratch[slot] ?? '') : ''}`;
    }
    if (s.keys!.has(dupKey)) {
      this.add({
        severity: 'warning',
        check: 'duplicate-row',
        list: list.number,
        sheet: s.name,
        row: rowNumber,
        column: null,
        value: null,
        reason: list.duplicateKey.length
          ? `The same child appears twice with the same ${list.duplicateKey.map((k) => list.columns.find((c) => c.key === k)!.name).join(', ')}: both rows are counted`
          : 'The same child appears twice: both rows are counted',
      });
    } else s.keys!.add(dupKey);
    const age = s.ageSlot >= 0 ? (scratch[s.ageSlot] as number | null) : null;
    if (age !== null && dob && dob <= ref) {
      const exact = decimalYears(dob, ref);
      if (Math.abs(exact - age) > 1) {
        this.add({
          severity: 'warning',
          check: 'age-mismatch',
          list: list.number,
          sheet: s.name,
          row: rowNumber,
          column: 'Age of Child (Years)',
          value: String(age),
          reason: `Age of Child (Years) does not match the date of birth (more than a year apart at the reference date): Waymark goes by the date of birth`,
        });
      }
    }
    if (list.number === 9) {
      const ageAtRef = dob && dob <= ref ? completedYears(dob, ref) : age !== null ? Math.floor(age) : null;
      if (ageAtRef !== null) v.ageAtRef = ageAtRef;
    }
    if (list.number === 3 && typeof v.referrals12m === 'number' && v.referrals12m < s.minReferrals12m)
      s.minReferrals12m = v.referrals12m;
    const record: AnnexRecord = {
      list: list.number,
      row: rowNumber,
      child: child.hash,
      birth: dob === null ? null : this.monthOf(dob),
      team,
      worker: worker ?? adviser,
      v,
    };
    this.rowChecks(s, record);
    if (!this.options.keep || this.options.keep.has(list.number)) this.records.get(list.number)!.push(record);
    s.rows++;
  }

  /**
   * The child behind an identifier cell: its keyed hash and a small number for the duplicate check.
   * Remembered by the cell as read (a number stays a number) and by its text, so 123 and "123" are the
   * same child, and each identifier is hashed once.
   */
  private childOf(cell: CellValue): { hash: string; index: number } | undefined {
    let c = this.byCell.get(cell);
    if (c) return c;
    const parsed = parseId(cell);
    if (!parsed.ok || parsed.value === null) return undefined;
    c = this.byText.get(parsed.value);
    if (!c) {
      c = { hash: this.options.pseudonymise(parsed.value), index: this.byText.size };
      this.byText.set(parsed.value, c);
    }
    this.byCell.set(cell, c);
    return c;
  }

  /** 'YYYY-MM' of a date of birth, remembered (the same dates repeat across a child's rows). */
  private monthOf(dob: string): string {
    let m = this.months.get(dob);
    if (m === undefined) {
      m = birthMonth(dob)!;
      this.months.set(dob, m);
    }
    return m;
  }

  /** Checks within one row that need more than one column. */
  private rowChecks(s: SheetState, r: AnnexRecord): void {
    if (r.list < 4 || r.list > 8) return;
    const w = (check: string, column: string, reason: string) =>
      this.add({ severity: 'warning', check, list: r.list, sheet: s.name, row: r.row, column, value: null, reason });
    const ref = this.options.referenceDate;
    const v = r.v as Record<string, string | undefined>;
    if (
      r.list === 4 &&
      v.assessmentAuthorisedDate &&
      v.assessmentStartDate &&
      v.assessmentAuthorisedDate < v.assessmentStartDate
    ) {
      w(
        'authorised-before-start',
        'Continuous Assessment Date of Authorisation',
        'The assessment was authorised before it started: it is left out of the timeliness figure',
      );
    }
    if (r.list === 5) {
      if (v.icpcDate && v.strategyDate && v.icpcDate < v.strategyDate)
        w(
          'icpc-before-strategy',
          'Date of Initial Child Protection Conference',
          'The initial child protection conference is dated before the strategy discussion',
        );
      if (
        s.icpcPlanSlot >= 0 &&
        s.scratch[s.icpcPlanSlot] === true &&
        v.icpcDate &&
        v.icpcDate <= ref &&
        !this.icpcPlans.has(r.child)
      )
        this.icpcPlans.set(r.child, r.row);
    }
    if (r.list === 7 && v.cppEndDate && v.cppStartDate && v.cppEndDate < v.cppStartDate) {
      w('ended-before-start', 'Child Protection Plan End Date', 'The plan ended before it started');
    }
    if (r.list === 8) {
      if (v.claEndDate && v.claStartDate && v.claEndDate < v.claStartDate)
        w(
          'ended-before-start',
          'Date Ceased to be Looked After',
          'The child ceased to be looked after before they started',
        );
      const open = !v.claEndDate || v.claEndDate > ref;
      const typeColumn = s.stats!.get('placementType')!;
      if (open && typeColumn.present && s.placementTypeSlot >= 0 && s.scratch[s.placementTypeSlot] === null)
        w('cla-no-placement', 'Placement Type', 'A child in care with no placement type');
    }
  }

  /** The sheet is done: returns the list it held, whose records are now complete (nothing if it held none). */
  endSheet(): number | undefined {
    const s = this.sheet;
    this.sheet = undefined;
    if (!s || s.ignored) return undefined;
    if (!s.plan) {
      if (s.pending.length || s.list) this.noHeader(s);
      else
        this.add({
          severity: 'warning',
          check: 'not-a-list',
          list: null,
          sheet: s.name,
          row: null,
          column: null,
          value: null,
          reason: `Sheet "${s.name}" is empty: it was ignored`,
        });
      return undefined;
    }
    const list = s.list!;
    const ls = this.listStats.get(list.number)!;
    ls.rows = s.rows;
    for (const st of s.stats!.values()) {
      const col = list.columns.find((c) => c.key === st.key)!;
      const seen = st.filled + st.invalid;
      const figures = figuresUsingColumn(list.number, col.key);
      if (st.invalid > 0 && st.invalid * 2 > seen && (st.invalid >= 3 || st.invalid === seen)) {
        const kind = KIND[col.type];
        const wrong = figures.length > 0 || col.required;
        this.add({
          severity: wrong ? 'error' : 'warning',
          check: 'column-invalid',
          list: list.number,
          sheet: s.name,
          row: null,
          column: col.name,
          value: null,
          reason: `Column "${col.name}" in sheet "${s.name}": ${st.invalid} of ${seen} values are not ${kind}. ${wrong ? `Figures that read it would be wrong (${figures.length ? figures.join('; ') : 'every figure from this list'}): check the column holds ${kind}` : 'No Waymark figure reads it, so nothing is affected'}`,
        });
      } else if (st.present && figures.length && s.rows >= 10 && st.filled === 0 && st.invalid === 0) {
        this.add({
          severity: 'warning',
          check: 'column-empty',
          list: list.number,
          sheet: s.name,
          row: null,
          column: col.name,
          value: null,
          reason: `Column "${col.name}" is blank in every row, so these figures treat it as not recorded: ${figures.join('; ')}`,
        });
      }
    }
    if (list.number === 3 && s.rows >= 20 && s.minReferrals12m >= 1 && s.minReferrals12m !== Infinity) {
      this.add({
        severity: 'warning',
        check: 'referrals-count-includes-current',
        list: 3,
        sheet: s.name,
        row: null,
        column: 'Number of Referrals in Last 12 Months',
        value: null,
        reason:
          'Every referral has 1 or more in "Number of Referrals in Last 12 Months". The guidance counts only earlier referrals (0 for a first referral); if your system counts the referral itself, every referral looks like a re-referral. Check the export before relying on the re-referral figure',
      });
    }
    return list.number;
  }

  /** The records read so far for a list (complete once its sheet has ended). */
  recordsOf(list: number): readonly AnnexRecord[] {
    return this.records.get(list) ?? [];
  }

  finish(): ImportResult {
    if (this.sheet) this.endSheet();
    for (const list of ANNEX_A_LISTS) {
      if (list.expected && !this.listStats.has(list.number) && !this.unreadable.has(list.number)) {
        this.add({
          severity: 'warning',
          check: 'missing-list',
          list: list.number,
          sheet: null,
          row: null,
          column: null,
          value: null,
          reason: `${listLabel(list.number)} is missing: no sheet or file is named "List ${list.number}" or "${list.title}", and none has its headers. ${affectsList(list.number)}`,
        });
      }
    }
    if (this.listStats.size === 0) {
      this.add({
        severity: 'error',
        check: 'nothing-read',
        list: null,
        sheet: null,
        row: null,
        column: null,
        value: null,
        reason:
          'No Annex A list could be read from this file: check it is the Annex A workbook (one sheet per list, with the template’s headers) or a zip of its CSV files',
      });
    }
    this.crossListChecks();
    const templateVersion = this.detectVersion();
    if (templateVersion.version === 'older-or-unknown' && this.listStats.size) {
      this.add({
        severity: 'warning',
        check: 'template-version',
        list: null,
        sheet: null,
        row: null,
        column: null,
        value: null,
        reason: templateVersion.evidence,
      });
    }
    let totalRows = 0;
    for (const ls of this.listStats.values()) totalRows += ls.rows;
    const lists = [...this.listStats.values()].sort((a, b) => a.list - b.list);
    const groups = [...this.groups.values()].sort(compareGroups);
    return {
      records: this.records,
      findings: this.findings,
      groups,
      lists,
      templateVersion,
      errors: this.errors,
      warnings: this.warnings,
      totalRows,
    };
  }

  /** The template version, from which of its columns the lists that were read carry. */
  private detectVersion(): TemplateVersionFinding {
    const later = LATER_COLUMNS.filter(
      (c) => this.listStats.get(c.list)?.columns.find((s) => s.key === c.column.key)?.present,
    );
    if (later.length)
      return { version: '2024', evidence: `Later template: ${listLabel(later[0].list)} has "${later[0].column.name}"` };
    let expected = 0;
    const missing: string[] = [];
    for (const ls of this.listStats.values()) {
      const spec = LIST_BY_NUMBER.get(ls.list)!;
      for (const col of spec.columns) {
        if (col.since !== '2020') continue;
        expected++;
        if (!ls.columns.find((c) => c.key === col.key)?.present) missing.push(`${col.name} (List ${ls.list})`);
      }
    }
    if (!expected) return { version: 'older-or-unknown', evidence: 'No list was read' };
    if (missing.length <= expected * 0.2)
      return {
        version: '2020',
        evidence: missing.length
          ? `2020 template, with ${missing.length} of its columns missing`
          : '2020 template: every column present',
      };
    return {
      version: 'older-or-unknown',
      evidence: `This workbook does not follow the 2020 or later Annex A template: ${missing.length} of the ${expected} template columns of the lists read are missing (${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ', …' : ''}). Waymark read what it could; the figures it could not compute are listed`,
    };
  }

  private crossListChecks(): void {
    const ref = this.options.referenceDate;
    const cin = this.records.get(6);
    if (!cin) return;
    const cinChildren = new Set(cin.map((r) => r.child));
    const cp = this.records.get(7);
    if (cp) {
      const sheet = this.listStats.get(7)?.sheet ?? null;
      for (const r of cp) {
        const start = r.v.cppStartDate as string | undefined;
        const end = r.v.cppEndDate as string | null | undefined;
        if (start && start <= ref && (!end || end > ref) && !cinChildren.has(r.child)) {
          this.add({
            severity: 'warning',
            check: 'cp-not-cin',
            list: 7,
            sheet,
            row: r.row,
            column: null,
            value: null,
            reason: 'A child on a child protection plan is not on the children in need list (List 6)',
          });
        }
      }
      const onPlan = new Set(cp.map((r) => r.child));
      const s47Sheet = this.listStats.get(5)?.sheet ?? null;
      for (const [child, row] of this.icpcPlans) {
        if (!onPlan.has(child))
          this.add({
            severity: 'warning',
            check: 'icpc-plan-not-cp',
            list: 5,
            sheet: s47Sheet,
            row,
            column: null,
            value: null,
            reason:
              'The initial child protection conference resulted in a plan, but the child is not on the child protection list (List 7)',
          });
      }
    }
    const cla = this.records.get(8);
    if (cla) {
      const sheet = this.listStats.get(8)?.sheet ?? null;
      for (const r of cla) {
        const start = r.v.claStartDate as string | undefined;
        const end = r.v.claEndDate as string | null | undefined;
        if (start && start <= ref && (!end || end > ref) && !cinChildren.has(r.child)) {
          this.add({
            severity: 'warning',
            check: 'cla-not-cin',
            list: 8,
            sheet,
            row: r.row,
            column: null,
            value: null,
            reason: 'A child in care is not on the children in need list (List 6), which includes children in care',
          });
        }
      }
    }
  }
}

const KIND: Record<ColumnSpec['type'], string> = {
  date: 'dates',
  birth: 'dates',
  age: 'ages in years',
  integer: 'whole numbers',
  yesno: 'yes or no',
  code: 'the template’s codes',
  id: 'identifiers',
  team: 'team names',
  worker: 'worker names',
  adviser: 'adviser names',
  text: 'text',
};

function isBlankCell(c: CellValue | undefined): boolean {
  return c === null || c === undefined || c === '' || (typeof c === 'string' && c.trim() === '');
}

function affectsList(list: number): string {
  const figures = figuresUsingList(list);
  return figures.length
    ? `These figures cannot be computed: ${figures.join('; ')}`
    : 'No Waymark figure uses this list, so no figure is affected';
}

const SEVERITY_ORDER = { error: 0, warning: 1 };
function compareGroups(a: FindingGroup, b: FindingGroup): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.list ?? 0) - (b.list ?? 0) ||
    (a.column ?? '').localeCompare(b.column ?? '') ||
    a.check.localeCompare(b.check)
  );
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

export { isMissing, LIST_BY_NUMBER };
