/** Finding a sheet's header row, deciding which list it holds, and the checks on its columns. */
import { listLabel, type ListSpec } from './spec.js';
import { columnLetter } from '../column-letters.js';
import { isHeaderRow, listFromHeaders, matchHeaders } from './headers.js';
import { figuresNeedingColumn, unmetAlternatives } from './figures.js';
import { affectsList } from './finding-log.js';
import type { ImportState } from './import-state.js';
import { HEADER_SEARCH_ROWS, planSheet, type SheetState } from './sheet-plan.js';
import type { CellValue } from './values.js';

/** Is this the header row, and of which list? The sheet's name is trusted unless the headers say otherwise. */
export function readHeader(state: ImportState, s: SheetState, cells: CellValue[]): boolean {
  const { log } = state;
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
        log.about(
          'warning',
          'sheet-name-mismatch',
          list.number,
          s.name,
          null,
          `Sheet "${s.name}" is named like ${listLabel(named.number)} but its headers are those of ${listLabel(list.number)}: it was read as ${listLabel(list.number)}`,
        );
      }
    } else if (named && isHeaderRow(named, cells)) list = named;
  }
  if (!list) return false;
  const existing = state.listStats.get(list.number);
  if (existing) {
    log.about(
      'error',
      'duplicate-list',
      list.number,
      s.name,
      null,
      `${listLabel(list.number)} is in two sheets, "${existing.sheet}" and "${s.name}": keep one sheet per list, or its figures would count some children twice`,
    );
    s.ignored = true;
    return true;
  }
  s.list = list;
  const m = matchHeaders(list, cells);
  const warn = (check: string, column: string, reason: string) =>
    log.about('warning', check, list.number, s.name, column, reason);
  for (const n of m.nameColumns) {
    log.about(
      'error',
      'names-column',
      list.number,
      s.name,
      n.header,
      `Column ${columnLetter(n.index)} "${n.header}" looks like people's names. Annex A has no name columns and Waymark stores no names: delete the column and upload again`,
    );
  }
  if (m.missingRequired.length) {
    s.ignored = true;
    state.unreadable.add(list.number);
    const names = m.missingRequired.map((c) => `"${c.name}"`).join(' and ');
    warn(
      'list-unreadable',
      m.missingRequired[0].name,
      `${listLabel(list.number)} in sheet "${s.name}" has no ${names} column, so none of its rows could be read. ${affectsList(list.number)}`,
    );
    return true;
  }
  for (const u of m.unknown) {
    warn(
      'unknown-column',
      u.header,
      `Column ${columnLetter(u.index)} "${u.header}" is not a column of the Annex A template for this list: it was ignored and not stored`,
    );
  }
  for (const d of m.duplicates) {
    warn(
      'duplicate-column',
      d.header,
      `Column ${columnLetter(d.index)} "${d.header}" repeats an earlier column: the later copy was ignored`,
    );
  }
  const absentForFigures = list.columns.filter(
    (c) => !m.matched.includes(c) && figuresNeedingColumn(list.number, c.key).length,
  );
  for (const c of absentForFigures) {
    warn(
      'missing-column',
      c.name,
      `${listLabel(list.number)} has no "${c.name}" column. These figures cannot be computed without it: ${figuresNeedingColumn(list.number, c.key).join('; ')}`,
    );
  }
  const nameOf = (key: string) => list.columns.find((c) => c.key === key)!.name;
  for (const alt of unmetAlternatives(list.number, (key) => m.matched.some((c) => c.key === key))) {
    const names = alt.keys.map((k) => `"${nameOf(k)}"`).join(' or ');
    warn(
      'missing-column',
      nameOf(alt.keys[0]),
      `${listLabel(list.number)} has no ${names} column. These figures cannot be computed without one: ${alt.figures.join('; ')}`,
    );
  }
  const columns = planSheet(s, list, m, state.parsers);
  state.listStats.set(list.number, { list: list.number, title: list.title, sheet: s.name, rows: 0, columns });
  if (!state.records.has(list.number)) state.records.set(list.number, []);
  // The header is the last row seen: anything above it was a title or a note.
  s.pending = [];
  return true;
}

/** No header row was found in the sheet's first rows (or the sheet ended first). */
export function noHeader(state: ImportState, s: SheetState): void {
  s.ignored = true;
  if (s.list) {
    state.unreadable.add(s.list.number);
    const examples = s.list.columns
      .filter((c) => c.required)
      .map((c) => `"${c.name}"`)
      .join(' and ');
    state.log.about(
      'warning',
      'list-unreadable',
      s.list.number,
      s.name,
      null,
      `Sheet "${s.name}" (${listLabel(s.list.number)}): no row in the first ${HEADER_SEARCH_ROWS} has the template's headers, such as ${examples}, so none of it could be read. ${affectsList(s.list.number)}`,
    );
  } else {
    state.log.about(
      'warning',
      'not-a-list',
      null,
      s.name,
      null,
      `Sheet "${s.name}" is not an Annex A list (neither its name nor its headers match one): it was ignored`,
    );
  }
}
