import type { Services } from '../../src/container.js';

/** An ILACS inspection of the organisation with n findings: recommendations, the last a strength. */
export async function inspectionWithFindings(db: Services['db'], orgId: string, n: number) {
  const insp = await db
    .insertInto('inspections')
    .values({
      organisationId: orgId,
      typeKey: 'ilacs-standard',
      frameworkVersionKey: 'ilacs-2023',
      startDate: '2025-01-13',
      publishedDate: '2025-03-03',
      judgements: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = await db
      .insertInto('findings')
      .values({
        organisationId: orgId,
        inspectionId: insp.id,
        kind: i === n - 1 ? 'strength' : 'recommendation',
        text: `Finding ${i + 1}`,
        position: i,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(f.id);
  }
  return { inspectionId: insp.id, ids };
}
