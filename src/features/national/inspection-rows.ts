import { sql } from 'kysely';
import type { NationalOutcome } from '../../lib/national-outcomes.js';
import type { Executor } from '../audit/audit.js';

/** One published inspection or visit as national_inspections keeps it. */
export function inspectionRow(r: NationalOutcome, laCodes: Map<string, string>, source: string) {
  return {
    gssCode: r.gssCode,
    laCode: laCodes.get(r.gssCode) ?? null,
    laName: r.laName,
    laStatus: r.laStatus,
    region: r.region,
    inspectionDate: r.inspectionDate,
    publishedDate: r.publishedDate,
    typeKey: r.typeKey,
    overall: r.overall,
    judgements: JSON.stringify(r.judgements),
    visitTheme: r.visitTheme,
    source,
  };
}
export type InspectionRow = ReturnType<typeof inspectionRow>;

/** Insert or replace rows by authority, date and type, a hundred at a time. */
export async function upsertInspections(trx: Executor, rows: InspectionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await trx
      .insertInto('nationalInspections')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) =>
        oc.columns(['gssCode', 'inspectionDate', 'typeKey']).doUpdateSet((eb) => ({
          laCode: eb.ref('excluded.laCode'),
          laName: eb.ref('excluded.laName'),
          laStatus: eb.ref('excluded.laStatus'),
          region: eb.ref('excluded.region'),
          publishedDate: eb.ref('excluded.publishedDate'),
          overall: eb.ref('excluded.overall'),
          judgements: eb.ref('excluded.judgements'),
          visitTheme: eb.ref('excluded.visitTheme'),
          source: eb.ref('excluded.source'),
          importedAt: sql`now()`,
        })),
      )
      .execute();
  }
}
