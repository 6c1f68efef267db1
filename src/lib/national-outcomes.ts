/**
 * Ofsted's published "Local authority inspection outcomes" as converted sheet by sheet to CSV: a title
 * line, a note line, then the header on the third line. Pure: text in, rows out.
 */
import { parse } from 'csv-parse/sync';
import { isIsoDate } from './dates.js';
import { parseGradeText, type Grade } from './frameworks.js';

export interface NationalOutcome {
  gssCode: string;
  laName: string;
  laStatus: string;
  region: string;
  inspectionDate: string;
  publishedDate: string | null;
  typeKey: string;
  overall: Grade | null;
  judgements: Record<string, Grade>;
  visitTheme: string | null;
}

const TYPES: Record<string, string> = {
  'ilacs standard inspection': 'ilacs-standard',
  'ilacs short inspection': 'ilacs-short',
  'ilacs focused visit': 'focused-visit',
  'la monitoring visit': 'monitoring-visit',
  'ilacs monitoring visit': 'monitoring-visit',
};

const COLUMNS: [string, string][] = [
  ['Overall effectiveness', 'overall-effectiveness'],
  ['The impact of leaders on social work practice with children and families', 'leaders'],
  ['The experiences and progress of children who need help and protection', 'help-and-protection'],
];
const CHILDREN_IN_CARE = 'The experiences and progress of children in care';
const CARE_LEAVERS = 'The experiences and progress of care leavers';

export class OutcomesFormatError extends Error {}

/** Rows of the ILACS history or in-year sheet. Before 2023 the children-in-care column held the joint judgement. */
export function parseOutcomesCsv(text: string): NationalOutcome[] {
  const records = parse(text.replace(/^\uFEFF/, ''), {
    from_line: 3,
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as Record<string, string>[];
  if (!records.length) return [];
  const first = records[0];
  const dateColumn = 'Inspection date' in first ? 'Inspection date' : 'Inspection/Visit date';
  const typeColumn = 'Inspection type' in first ? 'Inspection type' : 'Inspection/Visit type';
  const regionColumn = 'Ofsted region' in first ? 'Ofsted region' : 'Region';
  for (const needed of ['Local authority area code', 'Local authority name', dateColumn, typeColumn, regionColumn]) {
    if (!(needed in first)) throw new OutcomesFormatError(`The header on the third line has no "${needed}" column`);
  }
  const out: NationalOutcome[] = [];
  for (const r of records) {
    const typeKey = TYPES[(r[typeColumn] ?? '').toLowerCase()];
    const inspectionDate = r[dateColumn];
    if (!typeKey || !isIsoDate(inspectionDate ?? '')) continue;
    const judgements: Record<string, Grade> = {};
    for (const [column, key] of COLUMNS) {
      const g = parseGradeText(r[column]);
      if (g) judgements[key] = g;
    }
    const cic = parseGradeText(r[CHILDREN_IN_CARE]);
    const leavers = parseGradeText(r[CARE_LEAVERS]);
    if (inspectionDate < '2023-01-01') {
      if (cic) judgements['children-in-care-and-care-leavers'] = cic;
    } else {
      if (cic) judgements['children-in-care'] = cic;
      if (leavers) judgements['care-leavers'] = leavers;
    }
    const published = r['Publication date'];
    out.push({
      gssCode: r['Local authority area code'],
      laName: r['Local authority name'],
      laStatus: r['Local authority status'] || 'Current',
      region: r[regionColumn],
      inspectionDate,
      publishedDate: published && isIsoDate(published) ? published : null,
      typeKey,
      overall: judgements['overall-effectiveness'] ?? null,
      judgements,
      visitTheme: r['Visit Theme'] || null,
    });
  }
  return out;
}

/** A DfE tidy CSV's rows by column name; a byte order mark, blank lines and short rows are allowed. */
export function dfeCsvRecords(text: string): Record<string, string>[] {
  return parse(text, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
}

/** GSS code (E06000016) → 3-digit DfE code (856), from a DfE tidy CSV with old_la_code and new_la_code. */
export function laCodesFromDfeCsv(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of dfeCsvRecords(text)) {
    if (r.new_la_code && /^\d{3}$/.test(r.old_la_code ?? '')) map.set(r.new_la_code, r.old_la_code);
  }
  return map;
}

export interface LatestJudgement {
  gssCode: string;
  laName: string;
  region: string;
  inspectionDate: string;
  publishedDate: string | null;
  typeKey: string;
  judgements: Record<string, Grade>;
}

/**
 * Which inspections count as known at a date. Ofsted's own "Inspections as at 31 March" table counts
 * inspections *carried out* by that date, including those whose reports were published weeks later
 * ('inspected'); 'published' counts only what had been published by then (what a council could read).
 */
export const AS_AT_BASES = ['inspected', 'published'] as const;
export type AsAtBasis = (typeof AS_AT_BASES)[number];

/**
 * Each authority's latest graded inspection up to `asAt` on the given basis: by inspection date, or by
 * publication date (the inspection date standing in where a row has none).
 */
export function latestGraded<T extends LatestJudgement>(rows: T[], asAt: string, basis: AsAtBasis = 'inspected'): T[] {
  const known = (r: T) => (basis === 'inspected' ? r.inspectionDate : (r.publishedDate ?? r.inspectionDate));
  const latest = new Map<string, T>();
  for (const r of rows) {
    if (!r.judgements['overall-effectiveness']) continue;
    if (known(r) > asAt) continue;
    const prev = latest.get(r.gssCode);
    if (!prev || known(prev) < known(r) || (known(prev) === known(r) && prev.inspectionDate < r.inspectionDate))
      latest.set(r.gssCode, r);
  }
  return [...latest.values()].sort((a, b) => a.laName.localeCompare(b.laName));
}
