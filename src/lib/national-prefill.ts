/**
 * Pre-filling an authority's own inspection history from Ofsted's published outcomes (the national table).
 * Pure: a national row in, the fields of a Waymark inspection out; and which rows are already recorded.
 */
import { GRADES, frameworkFor, judgedAreas } from './frameworks.js';

export interface NationalOutcomeRow {
  /** Ofsted's "Inspection date": the first day of the inspection or visit. */
  inspectionDate: string;
  publishedDate: string | null;
  typeKey: string;
  judgements: Record<string, string>;
  visitTheme: string | null;
}

export interface PrefillInspection {
  type: string;
  frameworkVersion: string;
  startDate: string;
  endDate: null;
  publishedDate: string | null;
  judgements: Record<string, string>;
  notes: string;
}

export interface RecordedInspection {
  typeKey: string;
  startDate: string;
  endDate: string | null;
  publishedDate: string | null;
}

export const PREFILL_NOTE = 'Pre-filled from Ofsted’s published local authority inspection outcomes.';

/**
 * The inspection Waymark records for a national row: same type, the framework version in force on the
 * inspection date, only the grades that type judges under that version (none for focused and monitoring
 * visits), the publication date, and the visit theme in the notes. Ofsted's table gives no end date.
 */
export function inspectionFromNational(row: NationalOutcomeRow): PrefillInspection {
  const version = frameworkFor(row.typeKey, row.inspectionDate);
  const areas = version ? judgedAreas(row.typeKey, version.key) : [];
  const judgements: Record<string, string> = {};
  for (const a of areas) {
    const g = row.judgements[a.key];
    if (g && (GRADES as readonly string[]).includes(g)) judgements[a.key] = g;
  }
  return {
    type: row.typeKey,
    frameworkVersion: version?.key ?? '',
    startDate: row.inspectionDate,
    endDate: null,
    publishedDate: row.publishedDate,
    judgements,
    notes: row.visitTheme ? `${PREFILL_NOTE} Visit theme: ${row.visitTheme}.` : PREFILL_NOTE,
  };
}

/**
 * Already in the authority's history: an inspection of the same type that started on Ofsted's inspection
 * date, or whose recorded dates include it, or that was published on the same day.
 */
export function isRecorded(row: NationalOutcomeRow, recorded: RecordedInspection[]): boolean {
  return recorded.some(
    (r) =>
      r.typeKey === row.typeKey &&
      (r.startDate === row.inspectionDate ||
        (r.endDate !== null && r.startDate <= row.inspectionDate && row.inspectionDate <= r.endDate) ||
        (r.publishedDate !== null && r.publishedDate === row.publishedDate)),
  );
}

/** The national rows not yet in the authority's history, oldest first. */
export function notYetRecorded<T extends NationalOutcomeRow>(rows: T[], recorded: RecordedInspection[]): T[] {
  return rows
    .filter((r) => !isRecorded(r, recorded))
    .sort((a, b) => a.inspectionDate.localeCompare(b.inspectionDate) || a.typeKey.localeCompare(b.typeKey));
}
