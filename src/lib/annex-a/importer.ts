/**
 * Turns the rows of an Annex A workbook into pseudonymised records and a data-quality report. It has no
 * I/O: a reader (xlsx or CSV) pushes sheets and rows in, one at a time, so the file is never held whole.
 *
 * What it reads is whatever can be read: a list that is missing, or a column a figure needs, is
 * reported with the figures it affects (and those figures are not computed), never guessed. Only what
 * would make a figure wrong is an error: a column a figure reads that is mostly not the right type, one
 * list in two sheets, nothing readable at all, and (for privacy) a column of people's names.
 *
 * The stages live beside it: `header-checks.ts` (the header row and its columns), `row-reader.ts` (each
 * data row and the checks within it), `list-checks.ts` (checks once a sheet or the file is read) and
 * `finding-log.ts` (the report's findings and their groups).
 */
import { LIST_BY_NUMBER } from './spec.js';
import { identifyList } from './headers.js';
import { isMissing, type CellValue } from './values.js';
import { FindingLog } from './finding-log.js';
import type { AnnexRecord, ImporterOptions, ImportResult, ListStats } from './import-types.js';
import type { ImportState } from './import-state.js';
import { HEADER_SEARCH_ROWS, ParserCache, isBlankCell, newSheet, type SheetState } from './sheet-plan.js';
import { noHeader, readHeader } from './header-checks.js';
import { ChildIndex, readRow } from './row-reader.js';
import { crossListChecks, detectVersion, fileChecks, sheetChecks } from './list-checks.js';

export type {
  AnnexRecord,
  ColumnStats,
  Finding,
  FindingGroup,
  ImporterOptions,
  ImportResult,
  ListStats,
  RecordValue,
  Severity,
  TemplateVersionFinding,
} from './import-types.js';

export class AnnexAImporter {
  private readonly state: ImportState;
  private sheet?: SheetState;

  constructor(options: ImporterOptions) {
    this.state = {
      options,
      log: new FindingLog(options.findingsCap ?? 1000),
      records: new Map<number, AnnexRecord[]>(),
      listStats: new Map<number, ListStats>(),
      unreadable: new Set<number>(),
      icpcPlans: new Map<string, number>(),
      parsers: new ParserCache(),
      children: new ChildIndex(options.pseudonymise),
    };
  }

  startSheet(name: string): void {
    this.sheet = newSheet(name, identifyList(name));
  }

  row(rowNumber: number, cells: CellValue[]): void {
    const s = this.sheet;
    if (!s || s.ignored) return;
    if (!s.plan) {
      if (cells.every(isBlankCell)) return;
      s.pending.push({ row: rowNumber, cells });
      if (readHeader(this.state, s, cells) || s.pending.length < HEADER_SEARCH_ROWS) return;
      noHeader(this.state, s);
      return;
    }
    readRow(this.state, s, rowNumber, cells);
  }

  /** The sheet is done: returns the list it held, whose records are now complete (nothing if it held none). */
  endSheet(): number | undefined {
    const s = this.sheet;
    this.sheet = undefined;
    if (!s || s.ignored) return undefined;
    if (!s.plan) {
      if (s.pending.length || s.list) noHeader(this.state, s);
      else
        this.state.log.about('warning', 'not-a-list', null, s.name, null, `Sheet "${s.name}" is empty: it was ignored`);
      return undefined;
    }
    sheetChecks(this.state, s);
    return s.list!.number;
  }

  /** The records read so far for a list (complete once its sheet has ended). */
  recordsOf(list: number): readonly AnnexRecord[] {
    return this.state.records.get(list) ?? [];
  }

  finish(): ImportResult {
    if (this.sheet) this.endSheet();
    const { log, listStats, records } = this.state;
    fileChecks(this.state);
    crossListChecks(this.state);
    const templateVersion = detectVersion(this.state);
    if (templateVersion.version === 'older-or-unknown' && listStats.size)
      log.about('warning', 'template-version', null, null, null, templateVersion.evidence);
    let totalRows = 0;
    for (const ls of listStats.values()) totalRows += ls.rows;
    const lists = [...listStats.values()].sort((a, b) => a.list - b.list);
    const groups = log.sortedGroups();
    return {
      records,
      findings: log.findings,
      groups,
      lists,
      templateVersion,
      errors: log.errors,
      warnings: log.warnings,
      totalRows,
    };
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

export { isMissing, LIST_BY_NUMBER };
