/**
 * Audits from a spreadsheet or a form export: one row per case, columns for the case, the auditor, the
 * overall grade, the evidence note, the date, and one column per standard. The case identifier column
 * is found by its heading when the file is read and hashed there, so the identifier itself is never
 * stored, even while the import waits for its preview to be checked.
 */
import {
  allStandards,
  gradeLabel,
  parseGrade,
  NOT_APPLICABLE,
  type Grade,
  type Theme,
} from './case-audit-framework.js';
import { columnLetter } from './column-letters.js';
import { parseDateValue } from './plan-values.js';

export const IMPORT_FIELDS = [
  {
    key: 'reference',
    label: 'Waymark case reference',
    headings: ['waymark reference', 'waymark case reference', 'case reference'],
  },
  { key: 'auditor', label: 'Auditor', headings: ['auditor', 'auditor email', 'audited by', 'auditor name', 'email'] },
  { key: 'overall', label: 'Overall grade', headings: ['overall grade', 'overall', 'overall judgement', 'grade'] },
  {
    key: 'note',
    label: 'Evidence note',
    headings: ['evidence note', 'note', 'notes', 'evidence', 'comments', 'summary'],
  },
  {
    key: 'auditedOn',
    label: 'Date audited',
    headings: ['date audited', 'audit date', 'audited on', 'date', 'completion time'],
  },
] as const;
export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];

export interface ImportMapping {
  fields: Record<ImportFieldKey, number | null>;
  /** Standard key → column. */
  standards: Record<string, number | null>;
}

/** Headings that hold the council's own case identifier (compared without case, spaces or punctuation). */
const ID_HEADINGS = [
  'caseid',
  'caseidentifier',
  'casenumber',
  'childid',
  'childuniqueid',
  'uniquechildid',
  'childidentifier',
  'childuniqueidentifier',
  'personid',
  'clientid',
  'lcsid',
  'mosaicid',
  'id',
];
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The first column whose heading names a case identifier ("Case ID", "Child Unique ID", "Person ID"…), or null. */
export function findIdentifierColumn(headers: readonly string[]): number | null {
  const i = headers.findIndex((h) => ID_HEADINGS.includes(squash(h)));
  return i < 0 ? null : i;
}

export const IDENTIFIER_HEADINGS_TEXT = '“Case ID”, “Child ID”, “Child Unique ID”, “Person ID” or “Client ID”';

const CODE_START = /^([A-Za-z]{1,3}\d{1,2}(?:\.\d{1,2})?[a-z]?|\d{1,2}\.\d{1,2}[a-z]?)(?=$|[\s:.)\-–])/;

/** The columns each field and standard most likely is, from the headings; a standard by its code or its words. */
export function guessMapping(
  headers: readonly string[],
  themes: readonly Theme[],
  idColumn: number | null,
): ImportMapping {
  const used = new Set<number>(idColumn === null ? [] : [idColumn]);
  const fields = {} as ImportMapping['fields'];
  for (const f of IMPORT_FIELDS) {
    const i = headers.findIndex(
      (h, idx) =>
        !used.has(idx) && (f.headings as readonly string[]).includes(h.trim().toLowerCase().replace(/\s+/g, ' ')),
    );
    fields[f.key] = i < 0 ? null : i;
    if (i >= 0) used.add(i);
  }
  const standards: ImportMapping['standards'] = {};
  for (const s of allStandards(themes)) {
    const i = headers.findIndex((h, idx) => {
      if (used.has(idx)) return false;
      const code = CODE_START.exec(h.trim());
      return (code && code[1].toLowerCase() === s.key) || squash(h) === squash(s.text);
    });
    standards[s.key] = i < 0 ? null : i;
    if (i >= 0) used.add(i);
  }
  return { fields, standards };
}

/**
 * Columns headed like a standard ("A7 Risk is reviewed") whose code is not in the framework and which
 * are not mapped to anything: a form built on another version of the framework. Only codes in the
 * framework's own style count (the same letters, or numbers like 1.2 when it uses those).
 */
export function unknownStandardColumns(
  headers: readonly string[],
  themes: readonly Theme[],
  mapping: ImportMapping,
  idColumn: number | null,
): { column: number; code: string }[] {
  const standards = allStandards(themes);
  const known = new Set(standards.map((s) => s.key));
  const style = (code: string) => code.replace(/[\d.]+[a-z]?$/i, '').toUpperCase();
  const styles = new Set(standards.map((s) => style(s.code)));
  const mapped = new Set(
    [...Object.values(mapping.fields), ...Object.values(mapping.standards), idColumn].filter(
      (v): v is number => v !== null,
    ),
  );
  const out: { column: number; code: string }[] = [];
  headers.forEach((h, i) => {
    if (mapped.has(i)) return;
    const m = CODE_START.exec(h.trim());
    if (m && !known.has(m[1].toLowerCase()) && styles.has(style(m[1]))) out.push({ column: i, code: m[1] });
  });
  return out;
}

export interface ImportContext {
  scale: readonly Grade[];
  themes: readonly Theme[];
  /** Registered auditors by lower-case email and by lower-case name. */
  auditors: ReadonlyMap<string, string>;
  /** The cases already in the cycle, by hashed identifier. */
  cases: ReadonlyMap<
    string,
    { id: string; auditorId: string | null; graded: boolean; moderated: boolean; reference: string }
  >;
  /** Short Waymark references of the cycle's cases → hashed identifier. */
  references: ReadonlyMap<string, string>;
  today: string;
}

export interface ImportedAudit {
  row: number;
  caseHash: string;
  existingId: string | null;
  auditorId: string;
  overall: string;
  grades: Record<string, string>;
  note: string;
  auditedOn: string;
}

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export const MAX_NOTE = 2000;

/**
 * Check every row and build the audits, or say what is wrong with each (row as numbered in the
 * spreadsheet, the heading row being row 1, and the column letter and heading). `rows` hold the hashed
 * identifier in `idColumn`.
 */
export function validateAuditRows(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  idColumn: number | null,
  mapping: ImportMapping,
  ctx: ImportContext,
): { audits: ImportedAudit[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const audits: ImportedAudit[] = [];
  const col = (i: number | null) => (i === null ? '' : `${columnLetter(i)} (${headers[i] || 'no heading'})`);
  const cell = (r: readonly string[], i: number | null) => (i === null ? '' : (r[i] ?? '').trim());
  const gradeNames = ctx.scale.map((g) => g.label).join(', ');

  for (const u of unknownStandardColumns(headers, ctx.themes, mapping, idColumn)) {
    errors.push({
      row: 1,
      column: col(u.column),
      message: `This framework has no standard ${u.code}: match the column to a standard, or remove it from the file`,
    });
  }
  if (idColumn === null && mapping.fields.reference === null) {
    errors.push({
      row: 1,
      column: '',
      message: `No column holds the case: head the identifier column ${IDENTIFIER_HEADINGS_TEXT}, or include the Waymark case reference`,
    });
  }
  if (mapping.fields.overall === null)
    errors.push({ row: 1, column: '', message: 'Match a column to the overall grade' });
  // A complete audit grades every standard (or says it does not apply), so every standard needs a column.
  for (const s of allStandards(ctx.themes)) {
    if ((mapping.standards[s.key] ?? null) === null)
      errors.push({ row: 1, column: '', message: `Match a column to standard ${s.code} (${s.text.slice(0, 60)})` });
  }

  const seen = new Map<string, number>();
  rows.forEach((r, idx) => {
    const row = idx + 2;
    if (r.every((c) => !String(c ?? '').trim())) return;
    const rowErrors: ImportRowError[] = [];
    let caseHash = cell(r, idColumn);
    const ref = cell(r, mapping.fields.reference).toLowerCase();
    if (!caseHash && ref) {
      const found = ctx.references.get(ref);
      if (found) caseHash = found;
      else
        rowErrors.push({
          row,
          column: col(mapping.fields.reference),
          message: `No case in this cycle has the Waymark reference “${ref.slice(0, 20)}”`,
        });
    } else if (!caseHash) {
      rowErrors.push({ row, column: col(idColumn ?? mapping.fields.reference), message: 'Enter the case identifier' });
    }
    const existing = caseHash ? ctx.cases.get(caseHash) : undefined;
    if (caseHash) {
      const earlier = seen.get(caseHash);
      if (earlier)
        rowErrors.push({
          row,
          column: col(idColumn ?? mapping.fields.reference),
          message: `The same case is on row ${earlier}: each case is audited once in a cycle`,
        });
      else seen.set(caseHash, row);
      if (existing?.moderated)
        rowErrors.push({
          row,
          column: col(idColumn ?? mapping.fields.reference),
          message: `Case ${existing.reference} has been moderated: its grades cannot be replaced by an import`,
        });
    }

    let auditorId: string | null = null;
    const auditorText = cell(r, mapping.fields.auditor);
    if (auditorText) {
      auditorId = ctx.auditors.get(auditorText.toLowerCase()) ?? null;
      if (!auditorId)
        rowErrors.push({
          row,
          column: col(mapping.fields.auditor),
          message: `“${auditorText.slice(0, 60)}” is not one of the registered auditors: use their email address as in Waymark`,
        });
      else if (existing?.graded && existing.auditorId !== auditorId)
        rowErrors.push({
          row,
          column: col(mapping.fields.auditor),
          message: `Case ${existing.reference} was graded by another auditor: leave the auditor blank, or give theirs`,
        });
    } else {
      auditorId = existing?.auditorId ?? null;
      // Only said of a case that was found: for an unknown case the case is the problem.
      if (!auditorId && caseHash)
        rowErrors.push({
          row,
          column: col(mapping.fields.auditor),
          message: 'Enter the auditor’s email address: this case has no auditor allocated',
        });
    }

    const overallText = cell(r, mapping.fields.overall);
    const overall = overallText ? parseGrade(ctx.scale, overallText) : null;
    if (mapping.fields.overall !== null) {
      if (!overallText)
        rowErrors.push({ row, column: col(mapping.fields.overall), message: 'Enter the overall grade' });
      else if (!overall)
        rowErrors.push({
          row,
          column: col(mapping.fields.overall),
          message: `“${overallText.slice(0, 40)}” is not a grade of this framework: use ${gradeNames}`,
        });
    }

    const grades: Record<string, string> = {};
    for (const s of allStandards(ctx.themes)) {
      const c = mapping.standards[s.key] ?? null;
      if (c === null) continue;
      const text = cell(r, c);
      if (!text) {
        rowErrors.push({
          row,
          column: col(c),
          message: `Grade standard ${s.code}, or write N/A where it does not apply`,
        });
        continue;
      }
      const g = parseGrade(ctx.scale, text, true);
      if (g) grades[s.key] = g;
      else
        rowErrors.push({
          row,
          column: col(c),
          message: `“${text.slice(0, 40)}” is not a grade for standard ${s.code}: use ${gradeNames} or N/A`,
        });
    }

    const note = cell(r, mapping.fields.note);
    if (note.length > MAX_NOTE)
      rowErrors.push({
        row,
        column: col(mapping.fields.note),
        message: `The evidence note must be ${MAX_NOTE.toLocaleString('en-GB')} characters or fewer (it has ${note.length.toLocaleString('en-GB')})`,
      });

    const dateText = cell(r, mapping.fields.auditedOn);
    let auditedOn = ctx.today;
    if (dateText) {
      const parsed = parseDateValue(dateText.replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, ''));
      if (!parsed)
        rowErrors.push({
          row,
          column: col(mapping.fields.auditedOn),
          message: `“${dateText.slice(0, 20)}” is not a date: write it like 31/03/2027`,
        });
      else if (parsed > ctx.today)
        rowErrors.push({
          row,
          column: col(mapping.fields.auditedOn),
          message: 'The date audited cannot be in the future',
        });
      else auditedOn = parsed;
    }

    if (rowErrors.length) errors.push(...rowErrors);
    else
      audits.push({
        row,
        caseHash,
        existingId: existing?.id ?? null,
        auditorId: auditorId!,
        overall: overall!,
        grades,
        note,
        auditedOn,
      });
  });
  return { audits, errors };
}

/** A grade key shown as its label, for previews. */
export function describeGrade(scale: readonly Grade[], key: string | null): string {
  return key === NOT_APPLICABLE ? 'N/A' : gradeLabel(scale, key);
}
