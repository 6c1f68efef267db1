import type { Executor } from '../audit/audit.js';
import { KEY_PREFIX } from '../../lib/case-audit-indicators.js';

/** The reads the case audit pages make, kept out of the route code. */

/** The audits a person grades or moderates, newest cycle first, with their cycle. */
export async function myAudits(db: Executor, organisationId: string, userId: string) {
  return db
    .selectFrom('caseAudits')
    .innerJoin('caseAuditCycles', 'caseAuditCycles.id', 'caseAudits.cycleId')
    .selectAll('caseAudits')
    .select(['caseAuditCycles.title as cycleTitle', 'caseAuditCycles.period', 'caseAuditCycles.dueDate'])
    .where('caseAudits.organisationId', '=', organisationId)
    .where((eb) => eb.or([eb('caseAudits.auditorId', '=', userId), eb('caseAudits.moderatorId', '=', userId)]))
    .orderBy('caseAuditCycles.period', 'desc')
    .execute();
}

/** How many audits wait for a person: theirs to grade, or graded and theirs to moderate. */
export async function waitingFor(db: Executor, organisationId: string, userId: string): Promise<number> {
  const mine = await db
    .selectFrom('caseAudits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisationId', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb.and([eb('auditorId', '=', userId), eb('overallGrade', 'is', null)]),
        eb.and([
          eb('moderatorId', '=', userId),
          eb('overallGrade', 'is not', null),
          eb('moderatedOverallGrade', 'is', null),
        ]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(mine.n);
}

/** The cycles audited against a framework, newest first. */
export async function frameworkCycles(db: Executor, organisationId: string, frameworkId: string) {
  return db
    .selectFrom('caseAuditCycles')
    .select(['id', 'title', 'period', 'frameworkVersionId'])
    .where('organisationId', '=', organisationId)
    .where('frameworkId', '=', frameworkId)
    .orderBy('period', 'desc')
    .execute();
}

/** The indicators a cycle's series has published, by name. */
export async function seriesIndicators(db: Executor, organisationId: string, seriesKey: string) {
  return db
    .selectFrom('indicators')
    .select(['id', 'name'])
    .where('organisationId', '=', organisationId)
    .where('key', 'like', `${KEY_PREFIX}.${seriesKey}.%`)
    .orderBy('name')
    .execute();
}

/** The Annex A import a case was found in, for the audit page. */
export async function annexImportOf(db: Executor, organisationId: string, importId: string | null) {
  if (!importId) return undefined;
  return db
    .selectFrom('annexImports')
    .select(['referenceDate', 'filename'])
    .where('organisationId', '=', organisationId)
    .where('id', '=', importId)
    .executeTakeFirst();
}
