import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inspectionType } from '../../lib/frameworks.js';
import { similarity, SIMILAR_THRESHOLD } from '../../lib/text-similarity.js';
import type { Executor } from '../audit/audit.js';
import type { FindingRow, InspectionRow } from './service.js';

export interface SimilarEarlier {
  findingId: string;
  inspectionId: string;
  inspectionLabel: string;
  inspectionDate: string;
  text: string;
  score: number;
}

/**
 * Which authority an inspection is of: the one its imported report named, else the organisation's own.
 * Findings are only ever compared within one authority, so a report of another authority saved in an
 * organisation's record (an admin's decision) never makes its own findings look "raised before".
 */
async function authorityKeyOf(
  db: Executor,
  organisationId: string,
): Promise<(i: { reportLaCode: string | null }) => string> {
  const org = await db
    .selectFrom('organisations')
    .select(['laCode'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  const own = org?.laCode ?? 'own';
  return (i) => i.reportLaCode ?? own;
}

/** The organisation's findings other than strengths, each with the inspection it came from. */
function findingsToCompare(db: Executor, organisationId: string) {
  return db
    .selectFrom('findings')
    .innerJoin('inspections', 'inspections.id', 'findings.inspectionId')
    .select([
      'findings.id',
      'findings.text',
      'findings.kind',
      'findings.inspectionId',
      'inspections.typeKey',
      'inspections.startDate',
      'inspections.reportLaCode',
    ])
    .where('findings.organisationId', '=', organisationId)
    .where('inspections.organisationId', '=', organisationId)
    .where('findings.kind', '!=', 'strength');
}

/** For each finding, the similar findings of the same authority's earlier inspections (best first). */
export async function similarEarlier(
  db: Kysely<Database>,
  organisationId: string,
  inspection: InspectionRow,
  findings: FindingRow[],
): Promise<Map<string, SimilarEarlier[]>> {
  const keyOf = await authorityKeyOf(db, organisationId);
  const earlier = (
    await findingsToCompare(db, organisationId).where('inspections.startDate', '<', inspection.startDate).execute()
  ).filter((e) => keyOf(e) === keyOf(inspection));
  const out = new Map<string, SimilarEarlier[]>();
  for (const f of findings) {
    if (f.kind === 'strength') {
      out.set(f.id, []);
      continue;
    }
    const matches = earlier
      .map((e) => ({ e, score: similarity(f.text, e.text) }))
      .filter((m) => m.score >= SIMILAR_THRESHOLD)
      .sort((a, b) => b.score - a.score || b.e.startDate.localeCompare(a.e.startDate))
      .map(({ e, score }) => ({
        findingId: e.id,
        inspectionId: e.inspectionId,
        inspectionLabel: inspectionType(e.typeKey)?.label ?? e.typeKey,
        inspectionDate: e.startDate,
        text: e.text,
        score,
      }));
    out.set(f.id, matches);
  }
  return out;
}

export interface RecurringTheme {
  /** The latest wording of the theme. */
  text: string;
  occurrences: {
    findingId: string;
    inspectionId: string;
    inspectionLabel: string;
    inspectionDate: string;
    text: string;
    kind: string;
  }[];
}

/** Groups of similar findings raised at two or more different inspections (single-link clustering). */
export async function recurringThemes(db: Kysely<Database>, organisationId: string): Promise<RecurringTheme[]> {
  const keyOf = await authorityKeyOf(db, organisationId);
  const rows = await findingsToCompare(db, organisationId).orderBy('inspections.startDate').execute();
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      if (rows[i].inspectionId === rows[j].inspectionId || keyOf(rows[i]) !== keyOf(rows[j])) continue;
      if (similarity(rows[i].text, rows[j].text) >= SIMILAR_THRESHOLD) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, typeof rows>();
  rows.forEach((r, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), r]));
  return [...groups.values()]
    .filter((g) => new Set(g.map((r) => r.inspectionId)).size >= 2)
    .map((g) => ({
      text: g[g.length - 1].text,
      occurrences: g.map((r) => ({
        findingId: r.id,
        inspectionId: r.inspectionId,
        inspectionLabel: inspectionType(r.typeKey)?.label ?? r.typeKey,
        inspectionDate: r.startDate,
        text: r.text,
        kind: r.kind,
      })),
    }))
    .sort(
      (a, b) =>
        b.occurrences.length - a.occurrences.length ||
        b.occurrences[b.occurrences.length - 1].inspectionDate.localeCompare(
          a.occurrences[a.occurrences.length - 1].inspectionDate,
        ),
    );
}
