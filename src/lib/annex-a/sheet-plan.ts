/**
 * The importer's per-sheet state and, once the header row is found, its plan: for each cell position the
 * column, its statistics and its (memoised) parser.
 */
import type { ColumnSpec, ListSpec } from './spec.js';
import type { HeaderMatch } from './headers.js';
import type { ColumnStats, RecordValue } from './import-types.js';
import {
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

export const HEADER_SEARCH_ROWS = 20;
/** Values never repeated in findings, so the report holds no identifier, full date of birth or postcode. */
const HIDDEN_TYPES = new Set<ColumnSpec['type']>(['id', 'birth', 'text']);
/** Distinct values remembered per column parser: codes, labels and dates repeat across thousands of rows. */
const MEMO_LIMIT = 50_000;

export type Parser = (v: CellValue) => Parsed<RecordValue>;

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

export interface ColumnPlan {
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

export interface SheetState {
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

export const KIND_ID = 1;
export const KIND_BIRTH = 2;
export const KIND_DATE = 3;
export const KIND_TEAM = 4;
export const KIND_WORKER = 5;
export const KIND_ADVISER = 6;
export const KIND_CODE = 7;
export const KIND_OTHER = 8;
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

export function newSheet(name: string, list: ListSpec | undefined): SheetState {
  return {
    name,
    list,
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

/**
 * The parser for a column, remembering its answer for each distinct value (parsing is a pure
 * function of the cell). Identifiers are unique per child, so they are not remembered.
 */
export class ParserCache {
  private readonly parsers = new Map<ColumnSpec, Parser>();

  parserFor(col: ColumnSpec): Parser {
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
}

/** Works out the sheet's plan from its matched header row; returns the statistics of the list's columns. */
export function planSheet(s: SheetState, list: ListSpec, m: HeaderMatch, parsers: ParserCache): ColumnStats[] {
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
      parse: parsers.parserFor(c),
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
  return [...s.stats.values()];
}

export function isBlankCell(c: CellValue | undefined): boolean {
  return c === null || c === undefined || c === '' || (typeof c === 'string' && c.trim() === '');
}
