import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { latestGraded, type AsAtBasis, type LatestJudgement } from '../../lib/national-outcomes.js';

export interface NationalLatest extends LatestJudgement {
  laCode: string | null;
}

/**
 * Each authority that exists today, with its latest graded (short or standard) inspection as at `asAtIso`:
 * carried out by then (Ofsted's basis, the default) or published by then.
 */
export async function nationalLatestAt(
  db: Kysely<Database>,
  asAtIso: string,
  basis: AsAtBasis = 'inspected',
): Promise<NationalLatest[]> {
  const rows = await db
    .selectFrom('nationalInspections')
    .select(['gssCode', 'laCode', 'laName', 'region', 'inspectionDate', 'publishedDate', 'typeKey', 'judgements'])
    .where('laStatus', '=', 'Current')
    .where('overall', 'is not', null)
    .where('inspectionDate', '<=', asAtIso)
    .execute();
  return latestGraded(
    rows.map((r) => ({ ...r, judgements: r.judgements as unknown as LatestJudgement['judgements'] })),
    asAtIso,
    basis,
  );
}

/**
 * For benchmarks ("authorities judged good or outstanding", seed 003): every current authority's latest
 * overall effectiveness grade as at a date. `laCode` is the 3-digit DfE code (as in DfE statistics and
 * organisations.la_code); `overall` is a grade key or null.
 */
export async function latestJudgementsAt(
  db: Kysely<Database>,
  asAtIso: string,
  basis: AsAtBasis = 'inspected',
): Promise<{ laCode: string; gssCode: string; laName: string; region: string; overall: string | null }[]> {
  const latest = await nationalLatestAt(db, asAtIso, basis);
  return latest.map((r) => ({
    laCode: r.laCode ?? r.gssCode,
    gssCode: r.gssCode,
    laName: r.laName,
    region: r.region,
    overall: r.judgements['overall-effectiveness'] ?? null,
  }));
}
