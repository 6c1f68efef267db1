/** Reading one data row: parsing its cells, the checks within the row, and the child it is about. */
import type { AnnexRecord, ImporterOptions, RecordValue } from './import-types.js';
import type { ImportState } from './import-state.js';
import {
  KIND_ADVISER,
  KIND_BIRTH,
  KIND_CODE,
  KIND_DATE,
  KIND_ID,
  KIND_TEAM,
  KIND_WORKER,
  isBlankCell,
  type SheetState,
} from './sheet-plan.js';
import { birthMonth, completedYears, decimalYears, isMissing, parseId, type CellValue } from './values.js';

/** One row after the header: its values parsed, counted and checked, and its record kept. */
export function readRow(state: ImportState, s: SheetState, rowNumber: number, cells: CellValue[]): void {
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
  const ref = state.options.referenceDate;
  // Every finding about a row is a warning: the rest of the row is still read.
  const warn = (check: string, column: string | null, value: string | null, reason: string) =>
    state.log.add({
      severity: 'warning',
      check,
      list: list.number,
      sheet: s.name,
      row: rowNumber,
      column,
      value,
      reason,
    });
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
      warn(
        p.kind === KIND_CODE ? 'unknown-code' : 'invalid-value',
        col.name,
        p.hidden ? '(hidden)' : String(raw).slice(0, 100),
        `${col.name} ${parsed.reason}: left out`,
      );
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
          warn('after-reference-date', p.col.name, '(hidden)', `${p.col.name} is after the reference date`);
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
          warn('after-reference-date', p.col.name, value as string, `${p.col.name} is after the reference date ${ref}`);
        break;
      default:
        break;
    }
    if (p.store) v[p.col.key] = value;
    if (p.slot >= 0) scratch[p.slot] = value;
  }
  for (const { col, slot } of s.requiredSlots) {
    if ((v[col.key] ?? (slot >= 0 ? scratch[slot] : null) ?? null) === null) {
      warn(
        'missing-value',
        col.name,
        null,
        `${col.name} is blank but the list needs it: the row is not counted in figures that use it`,
      );
    }
  }
  const child = childCell === null ? undefined : state.children.childOf(childCell);
  if (child === undefined) {
    const idCol = list.columns.find((c) => c.type === 'id')!;
    if (childCell !== null) {
      s.stats!.get(idCol.key)!.invalid++;
      s.stats!.get(idCol.key)!.filled--;
      warn(
        'invalid-value',
        idCol.name,
        '(hidden)',
        `${idCol.name} is longer than an identifier (100 characters): the row was skipped`,
      );
    } else warn('missing-id', idCol.name, null, `${idCol.name} is blank: the row was skipped`);
    return;
  }
  let dupKey: string | number = child.index;
  if (s.dupSlots.length) {
    dupKey = String(child.index);
    for (const slot of s.dupSlots) dupKey += `|${slot >= 0 ? (scratch[slot] ?? '') : ''}`;
  }
  if (s.keys!.has(dupKey)) {
    warn(
      'duplicate-row',
      null,
      null,
      list.duplicateKey.length
        ? `The same child appears twice with the same ${list.duplicateKey.map((k) => list.columns.find((c) => c.key === k)!.name).join(', ')}: both rows are counted`
        : 'The same child appears twice: both rows are counted',
    );
  } else s.keys!.add(dupKey);
  const age = s.ageSlot >= 0 ? (scratch[s.ageSlot] as number | null) : null;
  if (age !== null && dob && dob <= ref) {
    const exact = decimalYears(dob, ref);
    if (Math.abs(exact - age) > 1) {
      warn(
        'age-mismatch',
        'Age of Child (Years)',
        String(age),
        `Age of Child (Years) does not match the date of birth (more than a year apart at the reference date): Waymark goes by the date of birth`,
      );
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
    birth: dob === null ? null : state.children.monthOf(dob),
    team,
    worker: worker ?? adviser,
    v,
  };
  rowChecks(state, s, record);
  if (!state.options.keep || state.options.keep.has(list.number)) state.records.get(list.number)!.push(record);
  s.rows++;
}

/** Checks within one row that need more than one column. */
function rowChecks(state: ImportState, s: SheetState, r: AnnexRecord): void {
  if (r.list < 4 || r.list > 8) return;
  const w = (check: string, column: string, reason: string) =>
    state.log.add({ severity: 'warning', check, list: r.list, sheet: s.name, row: r.row, column, value: null, reason });
  const ref = state.options.referenceDate;
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
      !state.icpcPlans.has(r.child)
    )
      state.icpcPlans.set(r.child, r.row);
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

/** Children by identifier, each hashed once, and birth months, each worked out once. */
export class ChildIndex {
  private readonly byCell = new Map<CellValue, { hash: string; index: number }>();
  private readonly byText = new Map<string, { hash: string; index: number }>();
  private readonly months = new Map<string, string>();

  constructor(private readonly pseudonymise: ImporterOptions['pseudonymise']) {}

  /**
   * The child behind an identifier cell: its keyed hash and a small number for the duplicate check.
   * Remembered by the cell as read (a number stays a number) and by its text, so 123 and "123" are the
   * same child, and each identifier is hashed once.
   */
  childOf(cell: CellValue): { hash: string; index: number } | undefined {
    let c = this.byCell.get(cell);
    if (c) return c;
    const parsed = parseId(cell);
    if (!parsed.ok || parsed.value === null) return undefined;
    c = this.byText.get(parsed.value);
    if (!c) {
      c = { hash: this.pseudonymise(parsed.value), index: this.byText.size };
      this.byText.set(parsed.value, c);
    }
    this.byCell.set(cell, c);
    return c;
  }

  /** 'YYYY-MM' of a date of birth, remembered (the same dates repeat across a child's rows). */
  monthOf(dob: string): string {
    let m = this.months.get(dob);
    if (m === undefined) {
      m = birthMonth(dob)!;
      this.months.set(dob, m);
    }
    return m;
  }
}
