import { isIsoDate } from './dates.js';

/**
 * The GOV.UK date input pattern: a date is typed as day, month and year boxes named `<field>-day`,
 * `<field>-month` and `<field>-year`. These helpers turn the boxes into one 'YYYY-MM-DD' value (and
 * back, to fill the boxes from a stored date), so every form handler sees the date the way the API
 * sends it. ADR 0870.
 */

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

const PARTS = ['day', 'month', 'year'] as const;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export type DatePartsResult =
  { ok: true; value: string | null } | { ok: false; message: string; part: 'day' | 'month' | 'year' };

/** A month box may hold a number or a name ("3", "03", "Mar", "March"), as GOV.UK allows. */
function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text) >= 1 && Number(text) <= 12 ? Number(text) : null;
  const i = MONTH_NAMES.indexOf(text.slice(0, 3).toLowerCase());
  return i >= 0 && /^[a-z]+$/i.test(text) ? i + 1 : null;
}

/**
 * Read the three boxes, with the GOV.UK pattern's messages: all empty → null (the caller decides
 * whether the date is required); "must include a month"; "must be a real date"; a 4-digit year.
 */
export function parseDateParts(parts: DateParts, label: string): DatePartsResult {
  const [day, month, year] = PARTS.map((p) => parts[p].trim());
  if (!day && !month && !year) return { ok: true, value: null };
  const missing = PARTS.filter((p, i) => ![day, month, year][i]);
  if (missing.length) {
    const words = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    return { ok: false, message: `${label} must include a ${words}`, part: missing[0] };
  }
  const m = monthNumber(month);
  if (!/^\d{1,2}$/.test(day) || m === null)
    return { ok: false, message: `${label} must be a real date`, part: !/^\d{1,2}$/.test(day) ? 'day' : 'month' };
  if (!/^\d{4}$/.test(year)) return { ok: false, message: 'Year must include 4 numbers', part: 'year' };
  const iso = `${year}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { ok: false, message: `${label} must be a real date`, part: 'day' };
  return { ok: true, value: iso };
}

/** '2026-11-30' → { day: '30', month: '11', year: '2026' }; anything else → empty boxes. */
export function isoToParts(iso: unknown): DateParts {
  if (typeof iso !== 'string' || !isIsoDate(iso)) return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The boxes of `field` in a form body, or undefined when the form did not send them. */
export function readDateParts(body: Record<string, unknown>, field: string): DateParts | undefined {
  if (PARTS.every((p) => body[`${field}-${p}`] === undefined)) return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
  return { day: text(body[`${field}-day`]), month: text(body[`${field}-month`]), year: text(body[`${field}-year`]) };
}

/**
 * Every date input of a form body as one value: 'YYYY-MM-DD' when the boxes make a real date, '' when
 * all are empty, otherwise the boxes as typed ("31/2/2025"), which every date validator refuses as
 * not a real date. The boxes themselves are kept, so a form shown again holds what was typed.
 */
export function composeDateInputs<T extends Record<string, unknown>>(body: T): T {
  const fields = new Set(Object.keys(body).flatMap((k) => /^(.+)-(day|month|year)$/.exec(k)?.[1] ?? []));
  if (!fields.size) return body;
  const out: Record<string, unknown> = { ...body };
  for (const field of fields) {
    const parts = readDateParts(body, field)!;
    const result = parseDateParts(parts, field);
    out[field] = result.ok ? (result.value ?? '') : `${parts.day.trim()}/${parts.month.trim()}/${parts.year.trim()}`;
  }
  return out as T;
}
