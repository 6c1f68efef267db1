import { formatIsoDate, isIsoDate } from './dates.js';
import { columnLetter } from './column-letters.js';

// Where the plan and case-audit spreadsheet screens have always found it.
export { columnLetter };

/**
 * Turning what people type and what spreadsheets hold into plan values. Pure, so the import preview,
 * the forms and the API agree on what a date or a RAG is.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

function iso(y: number, m: number, d: number): string | null {
  const value = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(value) ? value : null;
}

/** Excel's day 1 is 1 January 1900, with its phantom 29 February 1900: serial 25569 is 1 January 1970. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial) - 25569;
  return formatIsoDate(new Date(days * 86_400_000));
}

/**
 * A date as people write it in England: 2025-03-31, 31/03/2025, 31/3/25, 31-03-2025, 31.03.2025,
 * 31 March 2025, 31 Mar 2025; spreadsheet Date values and Excel serial numbers. Returns 'YYYY-MM-DD',
 * null for an empty cell, or undefined when it cannot be read.
 */
export function parseDateValue(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : formatIsoDate(value);
  if (typeof value === 'number') return excelSerialToIso(value) ?? undefined;
  const text = String(value).trim();
  if (!text) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return iso(y, Number(m[2]), Number(m[1])) ?? undefined;
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(text);
  if (m && MONTHS[m[2].toLowerCase()]) return iso(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1])) ?? undefined;
  if (/^\d{5}(\.\d+)?$/.test(text)) return excelSerialToIso(Number(text)) ?? undefined;
  return undefined;
}

/** 'R', 'Red', 'red ' → 'red'; also A/Amber, G/Green, C/Complete/Completed/Blue. Undefined when not a rating. */
export function parseRagValue(value: unknown): 'red' | 'amber' | 'green' | 'complete' | null | undefined {
  const text = String(value ?? '')
    .trim()
    .toLowerCase();
  if (!text) return null;
  const map: Record<string, 'red' | 'amber' | 'green' | 'complete'> = {
    r: 'red',
    red: 'red',
    a: 'amber',
    amber: 'amber',
    g: 'green',
    green: 'green',
    c: 'complete',
    complete: 'complete',
    completed: 'complete',
    blue: 'complete',
    b: 'complete',
  };
  return map[text];
}

/** 'Not started', 'In progress', 'On track', 'Complete', 'Done', 'Closed' → the action status. */
export function parseStatusValue(
  value: unknown,
): 'not-started' | 'in-progress' | 'complete' | 'closed' | null | undefined {
  const text = String(value ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (!text) return null;
  const map: Record<string, 'not-started' | 'in-progress' | 'complete' | 'closed'> = {
    'not-started': 'not-started',
    'not-yet-started': 'not-started',
    planned: 'not-started',
    'in-progress': 'in-progress',
    started: 'in-progress',
    'on-track': 'in-progress',
    ongoing: 'in-progress',
    underway: 'in-progress',
    complete: 'complete',
    completed: 'complete',
    done: 'complete',
    closed: 'closed',
  };
  return map[text];
}

export const IMPORT_FIELDS = [
  {
    key: 'reference',
    label: 'Reference',
    required: true,
    hints: ['reference', 'ref', 'action ref', 'action reference', 'action no', 'action number', 'no', 'number', 'id'],
  },
  {
    key: 'title',
    label: 'Title',
    required: true,
    hints: ['title', 'action', 'action title', 'what we will do', 'action description short'],
  },
  {
    key: 'description',
    label: 'Description',
    required: false,
    hints: ['description', 'detail', 'details', 'action description', 'narrative'],
  },
  {
    key: 'theme',
    label: 'Theme or strand',
    required: false,
    hints: ['theme', 'strand', 'priority', 'workstream', 'aim', 'key aim'],
  },
  {
    key: 'owner',
    label: 'Owner (email or name)',
    required: false,
    hints: ['owner', 'lead', 'action owner', 'responsible officer', 'responsible', 'lead officer', 'owner email'],
  },
  { key: 'startDate', label: 'Start date', required: true, hints: ['start date', 'start', 'from', 'begin'] },
  {
    key: 'dueDate',
    label: 'Due date',
    required: true,
    hints: ['due date', 'due', 'deadline', 'target date', 'end date', 'completion date', 'by when', 'timescale'],
  },
  { key: 'status', label: 'Status', required: false, hints: ['status', 'progress', 'state'] },
  {
    key: 'successMeasures',
    label: 'Success measures',
    required: false,
    hints: [
      'success measures',
      'success measure',
      'measures of success',
      'impact',
      'outcome',
      'how we will know',
      'success criteria',
    ],
  },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];
/** Field → column index (or null for "not in this file"). */
export type ColumnMapping = Record<ImportFieldKey, number | null>;

const normalise = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A sensible first guess: exact header matches first, then headers that start with a hint. Each column is used once. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const names = headers.map((h) => normalise(String(h ?? '')));
  const used = new Set<number>();
  const mapping = {} as ColumnMapping;
  for (const pass of ['exact', 'prefix'] as const) {
    for (const field of IMPORT_FIELDS) {
      if (mapping[field.key] !== undefined && mapping[field.key] !== null) continue;
      let found: number | null = null;
      for (const hint of field.hints) {
        const i = names.findIndex(
          (n, idx) => !used.has(idx) && (pass === 'exact' ? n === hint : n.startsWith(`${hint} `)),
        );
        if (i >= 0) {
          found = i;
          break;
        }
      }
      if (found !== null) used.add(found);
      mapping[field.key] = found;
    }
  }
  return mapping;
}

export interface ImportContext {
  /** lower-cased email and display name → user id */
  owners: Map<string, string>;
  /** Existing action references in the plan. */
  existingReferences: Set<string>;
}

export interface ImportedAction {
  row: number;
  reference: string;
  title: string;
  description: string;
  theme: string | null;
  ownerId: string | null;
  ownerText: string;
  startDate: string;
  dueDate: string;
  status: 'not-started' | 'in-progress' | 'complete' | 'closed';
  successMeasures: string;
}

export interface ImportError {
  /** Spreadsheet row number as people see it (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

/**
 * Check every row against the mapping. Nothing is saved unless there are no errors; each error names
 * the row (as numbered in the spreadsheet) and the column (letter and header).
 */
export function validateImport(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  mapping: ColumnMapping,
  ctx: ImportContext,
): { actions: ImportedAction[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const actions: ImportedAction[] = [];
  const columnName = (key: ImportFieldKey) => {
    const i = mapping[key];
    const field = IMPORT_FIELDS.find((f) => f.key === key)!;
    return i === null || i === undefined ? field.label : `${columnLetter(i)} (${headers[i] || field.label})`;
  };
  for (const field of IMPORT_FIELDS) {
    if (field.required && (mapping[field.key] === null || mapping[field.key] === undefined)) {
      errors.push({
        row: 1,
        column: field.label,
        message: `Choose the column that holds the ${field.label.toLowerCase()}: it is required`,
      });
    }
  }
  if (errors.length) return { actions, errors };
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (key: ImportFieldKey): unknown => {
      const i = mapping[key];
      return i === null || i === undefined ? null : cells[i];
    };
    const text = (key: ImportFieldKey) => {
      const v = cell(key);
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return formatIsoDate(v);
      return String(v).trim();
    };
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return;
    const rowErrors: ImportError[] = [];
    const err = (key: ImportFieldKey, message: string) => rowErrors.push({ row, column: columnName(key), message });
    const reference = text('reference');
    if (!reference) err('reference', 'Enter a reference, like 2.3');
    else if (reference.length > 20) err('reference', 'Reference must be 20 characters or fewer');
    else if (ctx.existingReferences.has(reference.toLowerCase()))
      err('reference', `Reference ${reference} is already used by an action in this plan`);
    else if (seen.has(reference.toLowerCase()))
      err('reference', `Reference ${reference} is used again (first on row ${seen.get(reference.toLowerCase())})`);
    if (reference) seen.set(reference.toLowerCase(), seen.get(reference.toLowerCase()) ?? row);
    const title = text('title');
    if (!title) err('title', 'Enter a title');
    else if (title.length > 300) err('title', 'Title must be 300 characters or fewer');
    const dates: Record<'startDate' | 'dueDate', string | null> = { startDate: null, dueDate: null };
    for (const key of ['startDate', 'dueDate'] as const) {
      const parsed = parseDateValue(cell(key));
      if (parsed === null) err(key, `Enter a ${key === 'startDate' ? 'start' : 'due'} date`);
      else if (parsed === undefined) err(key, `“${text(key)}” is not a date: use a date like 31/03/2025`);
      else dates[key] = parsed;
    }
    if (dates.startDate && dates.dueDate && dates.startDate > dates.dueDate)
      err('dueDate', 'Due date must be on or after the start date');
    const statusText = text('status');
    const status = parseStatusValue(statusText);
    if (status === undefined)
      err('status', `“${statusText}” is not a status: use Not started, In progress, Complete or Closed`);
    const ownerText = text('owner');
    let ownerId: string | null = null;
    if (ownerText) {
      ownerId = ctx.owners.get(ownerText.toLowerCase()) ?? null;
      if (!ownerId) err('owner', `“${ownerText}” is not a user of your organisation: use their email address`);
    }
    errors.push(...rowErrors);
    if (!rowErrors.length) {
      actions.push({
        row,
        reference,
        title,
        description: text('description'),
        theme: text('theme') || null,
        ownerId,
        ownerText,
        startDate: dates.startDate!,
        dueDate: dates.dueDate!,
        status: status ?? 'not-started',
        successMeasures: text('successMeasures'),
      });
    }
  });
  if (!errors.length && !actions.length)
    errors.push({ row: 2, column: 'All', message: 'The file has no actions in it' });
  return { actions, errors };
}
