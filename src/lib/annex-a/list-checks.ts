/** Checks made once a sheet, or the whole file, has been read: columns, lists across each other, template version. */
import { ANNEX_A_LISTS, LATER_COLUMNS, LIST_BY_NUMBER, listLabel, type ColumnSpec } from './spec.js';
import { figuresUsingColumn } from './figures.js';
import { affectsList } from './finding-log.js';
import type { AnnexRecord, TemplateVersionFinding } from './import-types.js';
import type { ImportState } from './import-state.js';
import type { SheetState } from './sheet-plan.js';

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

/** The sheet's columns that are mostly of the wrong type or blank, and a List 3 that counts the referral itself. */
export function sheetChecks(state: ImportState, s: SheetState): void {
  const list = s.list!;
  const ls = state.listStats.get(list.number)!;
  ls.rows = s.rows;
  for (const st of s.stats!.values()) {
    const col = list.columns.find((c) => c.key === st.key)!;
    const seen = st.filled + st.invalid;
    const figures = figuresUsingColumn(list.number, col.key);
    if (st.invalid > 0 && st.invalid * 2 > seen && (st.invalid >= 3 || st.invalid === seen)) {
      const kind = KIND[col.type];
      const wrong = figures.length > 0 || col.required;
      state.log.about(
        wrong ? 'error' : 'warning',
        'column-invalid',
        list.number,
        s.name,
        col.name,
        `Column "${col.name}" in sheet "${s.name}": ${st.invalid} of ${seen} values are not ${kind}. ${wrong ? `Figures that read it would be wrong (${figures.length ? figures.join('; ') : 'every figure from this list'}): check the column holds ${kind}` : 'No Waymark figure reads it, so nothing is affected'}`,
      );
    } else if (st.present && figures.length && s.rows >= 10 && st.filled === 0 && st.invalid === 0) {
      state.log.about(
        'warning',
        'column-empty',
        list.number,
        s.name,
        col.name,
        `Column "${col.name}" is blank in every row, so these figures treat it as not recorded: ${figures.join('; ')}`,
      );
    }
  }
  if (list.number === 3 && s.rows >= 20 && s.minReferrals12m >= 1 && s.minReferrals12m !== Infinity) {
    state.log.about(
      'warning',
      'referrals-count-includes-current',
      3,
      s.name,
      'Number of Referrals in Last 12 Months',
      'Every referral has 1 or more in "Number of Referrals in Last 12 Months". The guidance counts only earlier referrals (0 for a first referral); if your system counts the referral itself, every referral looks like a re-referral. Check the export before relying on the re-referral figure',
    );
  }
}

/** Lists expected but not found, and a file from which nothing could be read. */
export function fileChecks(state: ImportState): void {
  for (const list of ANNEX_A_LISTS) {
    if (list.expected && !state.listStats.has(list.number) && !state.unreadable.has(list.number)) {
      state.log.about(
        'warning',
        'missing-list',
        list.number,
        null,
        null,
        `${listLabel(list.number)} is missing: no sheet or file is named "List ${list.number}" or "${list.title}", and none has its headers. ${affectsList(list.number)}`,
      );
    }
  }
  if (state.listStats.size === 0) {
    state.log.about(
      'error',
      'nothing-read',
      null,
      null,
      null,
      'No Annex A list could be read from this file: check it is the Annex A workbook (one sheet per list, with the template’s headers) or a zip of its CSV files',
    );
  }
}

/** The template version, from which of its columns the lists that were read carry. */
export function detectVersion(state: ImportState): TemplateVersionFinding {
  const later = LATER_COLUMNS.filter(
    (c) => state.listStats.get(c.list)?.columns.find((s) => s.key === c.column.key)?.present,
  );
  if (later.length)
    return { version: '2024', evidence: `Later template: ${listLabel(later[0].list)} has "${later[0].column.name}"` };
  let expected = 0;
  const missing: string[] = [];
  for (const ls of state.listStats.values()) {
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

/** Children on a plan or in care who are not on the children in need list, and ICPC plans with no plan. */
export function crossListChecks(state: ImportState): void {
  const ref = state.options.referenceDate;
  const cin = state.records.get(6);
  if (!cin) return;
  const cinChildren = new Set(cin.map((r) => r.child));
  const warn = (check: string, list: number, row: number, reason: string) =>
    state.log.add({
      severity: 'warning',
      check,
      list,
      sheet: state.listStats.get(list)?.sheet ?? null,
      row,
      column: null,
      value: null,
      reason,
    });
  // The children in need list includes every child on a plan or in care at the reference date.
  const openButNotInNeed = (
    records: AnnexRecord[],
    list: number,
    [startKey, endKey]: [string, string],
    check: string,
    reason: string,
  ) => {
    for (const r of records) {
      const start = r.v[startKey] as string | undefined;
      const end = r.v[endKey] as string | null | undefined;
      if (start && start <= ref && (!end || end > ref) && !cinChildren.has(r.child)) warn(check, list, r.row, reason);
    }
  };
  const cp = state.records.get(7);
  if (cp) {
    openButNotInNeed(
      cp,
      7,
      ['cppStartDate', 'cppEndDate'],
      'cp-not-cin',
      'A child on a child protection plan is not on the children in need list (List 6)',
    );
    const onPlan = new Set(cp.map((r) => r.child));
    for (const [child, row] of state.icpcPlans) {
      if (!onPlan.has(child))
        warn(
          'icpc-plan-not-cp',
          5,
          row,
          'The initial child protection conference resulted in a plan, but the child is not on the child protection list (List 7)',
        );
    }
  }
  const cla = state.records.get(8);
  if (cla)
    openButNotInNeed(
      cla,
      8,
      ['claStartDate', 'claEndDate'],
      'cla-not-cin',
      'A child in care is not on the children in need list (List 6), which includes children in care',
    );
}
