/**
 * Reading the values real Annex A exports contain: dates as Excel serials, dd/mm/yyyy, yyyy-mm-dd or
 * with a time; coded values with or without their letter prefix ("a) Male", "Male", "M"); yes/no in
 * many spellings; decimal ages; spreadsheet leftovers ("#N/A") and "Not recorded" as missing; and
 * header names in any case, spacing and punctuation.
 */
import { isIsoDate } from '../dates.js';
import type { CodeList, CodeValue } from './codes.js';

export type CellValue = string | number | boolean | null;

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: string };

/**
 * What exports write for "nothing here": a blank, a spreadsheet lookup that found nothing ("#N/A"),
 * Excel's other error values, and the words systems use. Read as missing, never as a team or worker.
 */
const MISSING = new Set([
  '',
  '#n/a',
  'n/a',
  'na',
  '#na',
  'not recorded',
  'not applicable',
  'null',
  'none recorded',
  '#value!',
  '#ref!',
  '#name?',
  '#div/0!',
  '#null!',
  '#num!',
  '-',
  '--',
]);

export function isMissing(v: CellValue): boolean {
  if (v === null) return true;
  if (typeof v !== 'string') return false;
  if (v.length > 16) return false;
  return MISSING.has(v.trim().toLowerCase());
}

/** Lower case, apostrophes dropped, other punctuation to spaces, single spaces: "Date of  Birth (DOB)" → "date of birth dob". */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isIsoDate(s) ? s : null;
}

/** Excel serial day numbers (1900 system), correct from 1 March 1900 (serial 61) onwards, which is every date Annex A holds. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  const ms = Date.UTC(1899, 11, 30) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[ap]m)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const DMY = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})${TIME}$`, 'i');
const YMD = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}$`, 'i');
const D_MON_Y = new RegExp(String.raw`^(\d{1,2})[ -]([a-z]{3,9})[ -](\d{4})${TIME}$`, 'i');

/**
 * A date in any of the forms Annex A exports use: an Excel serial (a number, with or without a time
 * fraction, or digits as text), dd/mm/yyyy (or with - or .), yyyy-mm-dd, "5 Mar 2023", each with an
 * optional time. Two-digit years are refused: the century would be a guess.
 */
export function parseDate(value: CellValue): Parsed<string> {
  if (isMissing(value)) return { ok: true, value: null };
  if (typeof value === 'number') {
    const d = excelSerialToIso(value);
    return d ? { ok: true, value: d } : { ok: false, reason: 'is not a date' };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'is not a date' };
  const s = value.trim();
  let m = DMY.exec(s);
  if (m) {
    const d = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? { ok: true, value: d } : { ok: false, reason: 'is not a real date' };
  }
  m = YMD.exec(s);
  if (m) {
    const d = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { ok: true, value: d } : { ok: false, reason: 'is not a real date' };
  }
  m = D_MON_Y.exec(s);
  if (m) {
    const word = m[2].toLowerCase();
    const month = MONTHS[word.startsWith('sept') ? 'sept' : word.slice(0, 3)];
    const d = month ? iso(Number(m[3]), month, Number(m[1])) : null;
    return d ? { ok: true, value: d } : { ok: false, reason: 'is not a real date' };
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(s))
    return { ok: false, reason: 'has a two-digit year: write the year in full, like 05/03/2023' };
  if (/^\d{4,5}(\.\d+)?$/.test(s)) {
    const d = excelSerialToIso(Number(s));
    if (d) return { ok: true, value: d };
  }
  return { ok: false, reason: 'is not a date (dd/mm/yyyy, yyyy-mm-dd or an Excel date)' };
}

/** The letter that numbers a choice in the template's drop-downs: "a) ", "p1) ", "zz) ". */
const LETTER_PREFIX = /^[a-z]{1,2}\d?\)\s*/i;

export function stripLetterPrefix(s: string): string {
  return s.replace(LETTER_PREFIX, '');
}

/** A code list's lookup: every spelling of every value, normalised, to the value. */
const lookups = new WeakMap<CodeList, Map<string, CodeValue>>();
function lookupFor(codes: CodeList): Map<string, CodeValue> {
  let map = lookups.get(codes);
  if (map) return map;
  map = new Map();
  for (const v of codes.values) {
    for (const s of [v.code, v.label, ...(v.aliases ?? []), `${v.code} ${v.label}`]) {
      const k = normaliseHeader(s);
      if (k && !map.has(k)) map.set(k, v);
    }
  }
  lookups.set(codes, map);
  return map;
}

/** "F1: Full time …", "N1 - Abuse or neglect", "6: Police": the code before the separator. */
const LEADING_CODE = /^([A-Za-z]{0,4}\d{0,2}[A-Za-z]?)\s*(?::|\s[-–]\s|\s-|-\s)/;

/**
 * A value of a template code list, written as the code, its words, or both, with or without the
 * template's letter prefix. Unknown values are refused (not stored), unless the list is open.
 */
export function parseCodeValue(value: CellValue, codes: CodeList): Parsed<string> {
  if (isMissing(value)) return { ok: true, value: null };
  const raw = String(value).trim().replace(/\s+/g, ' ');
  if (raw.length > 120)
    return { ok: false, reason: 'is longer than any code in the template: free text is not stored' };
  const map = lookupFor(codes);
  const bare = stripLetterPrefix(raw);
  if (bare === '') return { ok: true, value: null };
  const found = map.get(normaliseHeader(bare)) ?? map.get(normaliseHeader(raw));
  if (found) return { ok: true, value: found.code };
  const lead = LEADING_CODE.exec(bare);
  if (lead && lead[1]) {
    const byCode = map.get(normaliseHeader(lead[1]));
    if (byCode) return { ok: true, value: byCode.code };
  }
  const firstWord = /^(\S+)\s/.exec(bare);
  if (firstWord) {
    const byWord = map.get(normaliseHeader(firstWord[1]));
    if (byWord && byWord.code.toLowerCase() === normaliseHeader(firstWord[1])) return { ok: true, value: byWord.code };
  }
  if (codes.open)
    return bare.length > 60 ? { ok: false, reason: 'is longer than an authority’s name' } : { ok: true, value: bare };
  return { ok: false, reason: `is not one of the template’s codes for ${codes.name.toLowerCase()}` };
}

/** A short code without a code list (kept for callers that only need the prefix removed). */
export function parseCode(value: CellValue): Parsed<string> {
  if (isMissing(value)) return { ok: true, value: null };
  const s = stripLetterPrefix(String(value).trim()).replace(/\s+/g, ' ');
  if (s === '') return { ok: true, value: null };
  if (s.length > 100)
    return { ok: false, reason: 'is longer than a coded value (100 characters): free text is not stored' };
  return { ok: true, value: s };
}

const YES = new Set(['yes', 'y', 'true', '1', 't']);
const NO = new Set(['no', 'n', 'false', '0', 'f']);
const UNKNOWN = new Set(['unknown', 'not known', 'u', 'unk', 'dk', 'don t know']);

/**
 * Yes/no in the spellings exports use: "Yes", "Y", "y", "a) Yes", "1", TRUE. "c) Unknown" is read as
 * no answer (null) where the template allows it.
 */
export function parseYesNo(value: CellValue, unknownAllowed = true): Parsed<boolean> {
  if (value === null || isMissing(value)) return { ok: true, value: null };
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number')
    return value === 1
      ? { ok: true, value: true }
      : value === 0
        ? { ok: true, value: false }
        : { ok: false, reason: 'is not yes or no' };
  const s = normaliseHeader(stripLetterPrefix(value.trim()));
  if (YES.has(s)) return { ok: true, value: true };
  if (NO.has(s)) return { ok: true, value: false };
  if (unknownAllowed && UNKNOWN.has(s)) return { ok: true, value: null };
  return { ok: false, reason: unknownAllowed ? 'is not yes, no or unknown' : 'is not yes or no' };
}

/** A whole number of 0 or more ("3", 3, "3.0"). */
export function parseInteger(value: CellValue): Parsed<number> {
  if (isMissing(value)) return { ok: true, value: null };
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(stripLetterPrefix(value.trim())) : NaN;
  if (!Number.isFinite(n) || !Number.isInteger(n)) return { ok: false, reason: 'is not a whole number' };
  if (n < 0) return { ok: false, reason: 'is negative' };
  if (n > 1_000_000) return { ok: false, reason: 'is too large' };
  return { ok: true, value: n };
}

/** An age in years as exports give it: whole (6) or decimal (6.14), from 0 to 30. */
export function parseAge(value: CellValue): Parsed<number> {
  if (isMissing(value)) return { ok: true, value: null };
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n)) return { ok: false, reason: 'is not a number of years' };
  if (n < 0 || n > 30) return { ok: false, reason: 'is not an age from 0 to 30 years' };
  return { ok: true, value: n };
}

/** An identifier: trimmed text (numbers written as integers), at most 100 characters. */
export function parseId(value: CellValue): Parsed<string> {
  if (isMissing(value)) return { ok: true, value: null };
  const s = typeof value === 'number' ? String(value) : String(value).trim();
  if (s.length > 100) return { ok: false, reason: 'is longer than an identifier (100 characters)' };
  return { ok: true, value: s };
}

/** A team or worker label: trimmed, at most 100 characters. */
export function parseLabel(value: CellValue): Parsed<string> {
  if (isMissing(value)) return { ok: true, value: null };
  const s = String(value).trim().replace(/\s+/g, ' ');
  if (s.length > 100) return { ok: false, reason: 'is longer than a team or worker name (100 characters)' };
  return { ok: true, value: s };
}

/** Anything: only whether it is filled is counted. The value is never kept. */
export function parsePresence(value: CellValue): Parsed<true> {
  return isMissing(value) ? { ok: true, value: null } : { ok: true, value: true };
}

/** Date of birth reduced to month and year: '2015-03-24' → '2015-03'. */
export function birthMonth(isoDate: string | null): string | null {
  return isoDate ? isoDate.slice(0, 7) : null;
}

/** Completed years between a date of birth and a later date (birthday on 29 February counts from 1 March in other years). */
export function completedYears(dobIso: string, atIso: string): number {
  const [y1, m1, d1] = [Number(dobIso.slice(0, 4)), Number(dobIso.slice(5, 7)), Number(dobIso.slice(8, 10))];
  const [y2, m2, d2] = [Number(atIso.slice(0, 4)), Number(atIso.slice(5, 7)), Number(atIso.slice(8, 10))];
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years--;
  return years;
}

/** Age in decimal years (days / 365.25), as exports compute it. */
export function decimalYears(dobIso: string, atIso: string): number {
  return (dayNumber(atIso) - dayNumber(dobIso)) / 365.25;
}

/** Days since 1970 for 'YYYY-MM-DD', from the digits (no string parsing by Date). */
function dayNumber(iso: string): number {
  const y =
    (iso.charCodeAt(0) - 48) * 1000 +
    (iso.charCodeAt(1) - 48) * 100 +
    (iso.charCodeAt(2) - 48) * 10 +
    (iso.charCodeAt(3) - 48);
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * Does this header look like a person's name? Annex A has no name columns; a workbook that carries one
 * is refused so names never reach the database. Staff and organisation names (worker, team, provider)
 * are not children's names.
 */
export function looksLikeNameColumn(header: string): boolean {
  const h = normaliseHeader(header);
  if (
    /\b(worker|team|provider|school|agency|organisation|organization|manager|adviser|advisor|officer|setting|placement|carer|iro|file|sheet|list|la|authority)\b/.test(
      h,
    )
  )
    return false;
  return (
    /^(name|names)$/.test(h) ||
    /\b(forename|forenames|surname|surnames|firstname|lastname|fullname|given names?|family names?|first names?|last names?|full names?|middle names?|known as|preferred name|child s name|childs name|child name|name of child|person name|client name|legal name)\b/.test(
      h,
    )
  );
}
