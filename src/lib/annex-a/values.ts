/**
 * Reading the values real Annex A exports contain: dates as dd/mm/yyyy text or Excel serial numbers,
 * coded values such as "a) Male", yes/no in several spellings, and header names in any case and spacing.
 */
import { isIsoDate } from '../dates.js';

export type CellValue = string | number | boolean | null;

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: string };

const blank = (v: CellValue): boolean => v === null || (typeof v === 'string' && v.trim() === '');

/** Lower case, punctuation to spaces, single spaces: "Date of  Birth (DOB)" → "date of birth dob". */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/['’`]/g, '')
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

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };

/**
 * A date in any of the forms Annex A exports use: dd/mm/yyyy (or with - or .), yyyy-mm-dd (with an
 * optional time), "5 Mar 2023", or an Excel serial number (a number, or digits as text). Two-digit
 * years are refused: the century would be a guess.
 */
export function parseDate(value: CellValue): Parsed<string> {
  if (blank(value)) return { ok: true, value: null };
  if (typeof value === 'number') {
    const d = excelSerialToIso(value);
    return d ? { ok: true, value: d } : { ok: false, reason: 'is not a date' };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'is not a date' };
  const s = value.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    const d = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? { ok: true, value: d } : { ok: false, reason: 'is not a real date' };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(s);
  if (m) {
    const d = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { ok: true, value: d } : { ok: false, reason: 'is not a real date' };
  }
  m = /^(\d{1,2})[ -]([a-z]{3,9})[ -](\d{4})$/i.exec(s);
  if (m) {
    const month = MONTHS[m[2].toLowerCase().slice(0, m[2].toLowerCase().startsWith('sept') ? 4 : 3)];
    const d = month ? iso(Number(m[3]), month, Number(m[1])) : null;
    return d ? { ok: true, value: d } : { ok: false, reason: 'is not a real date' };
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(s)) return { ok: false, reason: 'has a two-digit year: write the year in full, like 05/03/2023' };
  if (/^\d{4,5}(\.\d+)?$/.test(s)) {
    const d = excelSerialToIso(Number(s));
    if (d) return { ok: true, value: d };
  }
  return { ok: false, reason: 'is not a date in the format dd/mm/yyyy' };
}

/** "a) Male" → "Male", "q) 6: Police" → "6: Police", "b)WBRI" → "WBRI"; 100 characters at most (no free text). */
export function parseCode(value: CellValue): Parsed<string> {
  if (blank(value)) return { ok: true, value: null };
  const s = String(value).trim().replace(/^[a-z]{1,2}\)\s*/i, '').replace(/\s+/g, ' ');
  if (s === '') return { ok: true, value: null };
  if (s.length > 100) return { ok: false, reason: 'is longer than a coded value (100 characters): free text is not stored' };
  return { ok: true, value: s };
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** Yes/no in the spellings exports use: "Yes", "Y", "a) Yes", "1", TRUE. */
export function parseYesNo(value: CellValue): Parsed<boolean> {
  if (blank(value)) return { ok: true, value: null };
  if (typeof value === 'boolean') return { ok: true, value };
  const s = String(value).trim().replace(/^[a-z]{1,2}\)\s*/i, '').toLowerCase();
  if (YES.has(s)) return { ok: true, value: true };
  if (NO.has(s)) return { ok: true, value: false };
  return { ok: false, reason: 'is not yes or no' };
}

/** A whole number of 0 or more ("3", 3, "3.0"). */
export function parseInteger(value: CellValue): Parsed<number> {
  if (blank(value)) return { ok: true, value: null };
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(/^[a-z]{1,2}\)\s*/i, '')) : NaN;
  if (!Number.isFinite(n) || !Number.isInteger(n)) return { ok: false, reason: 'is not a whole number' };
  if (n < 0) return { ok: false, reason: 'is negative' };
  if (n > 1_000_000) return { ok: false, reason: 'is too large' };
  return { ok: true, value: n };
}

/** An identifier: trimmed text (numbers written as integers), at most 100 characters. */
export function parseId(value: CellValue): Parsed<string> {
  if (blank(value)) return { ok: true, value: null };
  const s = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : String(value)) : String(value).trim();
  if (s.length > 100) return { ok: false, reason: 'is longer than an identifier (100 characters)' };
  return { ok: true, value: s };
}

/** A team or worker label: trimmed, at most 100 characters. */
export function parseLabel(value: CellValue): Parsed<string> {
  if (blank(value)) return { ok: true, value: null };
  const s = String(value).trim().replace(/\s+/g, ' ');
  if (s.length > 100) return { ok: false, reason: 'is longer than a team or worker name (100 characters)' };
  return { ok: true, value: s };
}

/** Date of birth reduced to month and year: '2015-03-24' → '2015-03'. */
export function birthMonth(isoDate: string | null): string | null {
  return isoDate ? isoDate.slice(0, 7) : null;
}

/**
 * Does this header look like a person's name? Annex A has no name columns; a workbook that carries one
 * is refused so names never reach the database. Staff and organisation names (worker, team, provider)
 * are not children's names.
 */
export function looksLikeNameColumn(header: string): boolean {
  const h = normaliseHeader(header);
  if (/\b(worker|team|provider|school|agency|organisation|organization|manager|adviser|advisor|officer|setting|placement|carer|iro|file|sheet|list)\b/.test(h)) return false;
  return /^(name|names)$/.test(h) || /\b(forename|forenames|surname|surnames|firstname|lastname|fullname|given names?|family names?|first names?|last names?|full names?|middle names?|known as|preferred name|child s name|childs name|child name|name of child|person name|client name|legal name)\b/.test(h);
}
