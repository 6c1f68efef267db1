/**
 * Reporting periods as stable strings: a month `2024-03`, a calendar quarter `2024-Q1` (January to
 * March) or a year `2024` (for DfE annual returns, the year ending 31 March 2024).
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–12 for a month, 1–4 for a quarter, 1 for a year. */
  index: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function parsePeriod(text: string): Period | null {
  let m = MONTH.exec(text);
  if (m) return { kind: 'month', year: Number(m[1]), index: Number(m[2]) };
  m = QUARTER.exec(text);
  if (m) return { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  m = YEAR.exec(text);
  if (m) return { kind: 'year', year: Number(m[1]), index: 1 };
  return null;
}

export function isPeriod(text: string): boolean {
  const p = parsePeriod(text);
  return p !== null && p.year >= 1990 && p.year <= 2100;
}

export function formatPeriod(p: Period): string {
  if (p.kind === 'month') return `${p.year}-${String(p.index).padStart(2, '0')}`;
  if (p.kind === 'quarter') return `${p.year}-Q${p.index}`;
  return String(p.year);
}

export const PERIOD_FORMAT_HINT = 'a month like 2024-03, a quarter like 2024-Q1 or a year like 2024';

/**
 * Read the period spellings found in spreadsheets: `2024-03`, `2024-03-31` (its month), `Mar 2024`,
 * `March 2024`, `Mar-24`, `03/2024`, `2024 Q1`, `Q1 2024`, `2024`; also a Date. Returns null when it is not one.
 */
export function normalisePeriod(input: unknown): string | null {
  if (input instanceof Date && !Number.isNaN(input.getTime())) {
    return `${input.getUTCFullYear()}-${String(input.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  if (typeof input === 'number' && Number.isInteger(input) && input >= 1990 && input <= 2100) return String(input);
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (isPeriod(text)) return text;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]}`;
  m = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${m[1].padStart(2, '0')}`;
  m = /^(\d{4})\s*[- ]?\s*q([1-4])$/i.exec(text) ?? null;
  if (m) return `${m[1]}-Q${m[2]}`;
  m = /^q([1-4])\s*[- ]?\s*(\d{4})$/i.exec(text);
  if (m) return `${m[2]}-Q${m[1]}`;
  m = /^([a-z]+)[\s-]+(\d{2}|\d{4})$/i.exec(text);
  if (m) {
    const word = m[1].toLowerCase();
    const month = MONTH_NAMES.findIndex((name) => word.length >= 3 && name.startsWith(word));
    if (month >= 0) {
      const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
      return `${year}-${String(month + 1).padStart(2, '0')}`;
    }
  }
  return null;
}

/** A number that orders periods of one kind: months since year 0, quarters since year 0, or the year. */
export function periodOrdinal(p: Period): number {
  if (p.kind === 'month') return p.year * 12 + (p.index - 1);
  if (p.kind === 'quarter') return p.year * 4 + (p.index - 1);
  return p.year;
}

function fromOrdinal(kind: PeriodKind, n: number): Period {
  if (kind === 'month') return { kind, year: Math.floor(n / 12), index: (n % 12) + 1 };
  if (kind === 'quarter') return { kind, year: Math.floor(n / 4), index: (n % 4) + 1 };
  return { kind, year: n, index: 1 };
}

export function addPeriods(period: string, n: number): string {
  const p = mustParse(period);
  return formatPeriod(fromOrdinal(p.kind, periodOrdinal(p) + n));
}

/** Periods from `from` to `to` inclusive (same kind); empty if `to` is before `from`. */
export function periodRange(from: string, to: string): string[] {
  const a = mustParse(from);
  const b = mustParse(to);
  if (a.kind !== b.kind) throw new RangeError(`Cannot list periods from ${from} to ${to}: different kinds`);
  const out: string[] = [];
  for (let n = periodOrdinal(a); n <= periodOrdinal(b); n++) out.push(formatPeriod(fromOrdinal(a.kind, n)));
  return out;
}

/** Number of periods from `a` to `b` (b − a), both of one kind. */
export function periodDistance(a: string, b: string): number {
  const pa = mustParse(a);
  const pb = mustParse(b);
  if (pa.kind !== pb.kind) throw new RangeError(`${a} and ${b} are different kinds of period`);
  return periodOrdinal(pb) - periodOrdinal(pa);
}

/** The last day of the period, 'YYYY-MM-DD'. A year ends on 31 March (the DfE reporting year). */
export function periodEndDate(period: string): string {
  const p = mustParse(period);
  const lastMonth = p.kind === 'month' ? p.index : p.kind === 'quarter' ? p.index * 3 : 3;
  const lastDay = new Date(Date.UTC(p.year, lastMonth, 0)).getUTCDate();
  return `${p.year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

/** Sort key that orders mixed periods by their end date, then by kind. */
export function comparePeriods(a: string, b: string): number {
  const ea = periodEndDate(a);
  const eb = periodEndDate(b);
  return ea < eb ? -1 : ea > eb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

export function periodLabel(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.kind === 'month') return `${MONTH_LABELS[p.index - 1]} ${p.year}`;
  if (p.kind === 'quarter') return `Q${p.index} ${p.year}`;
  return `${p.year - 1} to ${String(p.year).slice(2)}`;
}

export function periodKindOf(frequency: 'monthly' | 'quarterly' | 'annual'): PeriodKind {
  return frequency === 'monthly' ? 'month' : frequency === 'quarterly' ? 'quarter' : 'year';
}

/** The latest period of a kind that has ended on or before `todayIso`. */
export function lastCompletePeriod(kind: PeriodKind, todayIso: string): string {
  const [y, m] = todayIso.split('-').map(Number);
  if (kind === 'month') return formatPeriod(fromOrdinal('month', y * 12 + (m - 1) - 1));
  if (kind === 'quarter') return formatPeriod(fromOrdinal('quarter', y * 4 + Math.floor((m - 1) / 3) - 1));
  return String(m >= 4 ? y : y - 1);
}

function mustParse(period: string): Period {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`Not a period: ${period}`);
  return p;
}
