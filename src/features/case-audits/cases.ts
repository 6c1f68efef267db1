import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getOwned, insertAudited, isUuid, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import { ConflictError, ValidationError } from '../../lib/errors.js';
import { recentWindowStart, sampleCases, type CaseList, type SampleResult } from '../../lib/case-audit-sampling.js';
import { caseHasher, caseInSnapshot, caseReference, latestSnapshot, type AnnexSnapshot } from './annex-source.js';
import type { Cycle } from './cycles.js';
import type { SampleRecord } from './tables.js';
import { syncIndicators } from './results.js';

export const MAX_SAMPLE = 200;

/** Children whose case is in a cycle from six months before this one's month onwards (this cycle included). */
export async function recentlyAudited(db: Executor, organisationId: string, period: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('caseAudits')
    .innerJoin('caseAuditCycles', 'caseAuditCycles.id', 'caseAudits.cycleId')
    .select('caseAudits.caseHash')
    .where('caseAudits.organisationId', '=', organisationId)
    .where('caseAuditCycles.period', '>=', recentWindowStart(period))
    .execute();
  return new Set(rows.map((r) => r.caseHash));
}

export interface SampleRequest {
  size: number;
  seed: number;
  lists: CaseList[];
}

export interface SamplePreview {
  snapshot: Pick<AnnexSnapshot, 'importId' | 'referenceDate'>;
  result: SampleResult;
}

/** The sample a seed would draw now, without saving anything. 422 when there is no Annex A import yet. */
export async function previewSample(
  db: Kysely<Database>,
  organisationId: string,
  cycle: Cycle,
  req: SampleRequest,
): Promise<SamplePreview> {
  const snapshot = await latestSnapshot(db, organisationId);
  if (!snapshot)
    throw new ValidationError([
      { path: 'size', message: 'There is no Annex A import to sample from: import the latest Annex A lists first' },
    ]);
  const exclude = await recentlyAudited(db, organisationId, cycle.period);
  return {
    snapshot,
    result: sampleCases(snapshot.open, { size: req.size, seed: req.seed, lists: req.lists, exclude }),
  };
}

/**
 * Draw the sample and add its cases to the cycle, all or nothing. A cycle is sampled once, so its
 * stated seed always reproduces its cases; more cases can still be added one by one.
 */
export async function commitSample(
  db: Kysely<Database>,
  actor: Actor,
  cycleId: string,
  req: SampleRequest,
  expectedVersion?: number,
) {
  const cycle = await getOwned(db, actor.organisationId, 'caseAuditCycles', cycleId);
  if (cycle.sample)
    throw new ConflictError(
      `This cycle was sampled already (seed ${cycle.sample.seed}); add further cases one at a time`,
      [{ path: 'size', message: `This cycle was sampled already (seed ${cycle.sample.seed})` }],
    );
  const { snapshot, result } = await previewSample(db, actor.organisationId, cycle, req);
  if (!result.chosen.length)
    throw new ValidationError([
      { path: 'size', message: 'No open cases are left to sample from the latest Annex A import for these lists' },
    ]);
  return db.transaction().execute(async (trx) => {
    for (const c of result.chosen) {
      await insertAudited(trx, actor, 'caseAudits', {
        cycleId,
        caseHash: c.child,
        listKey: c.list,
        team: c.team,
        worker: c.worker,
        sourceImportId: snapshot.importId,
        sourceList: c.sourceList,
        sourceRow: c.sourceRow,
        inLatestImport: true,
        origin: 'sample',
      });
    }
    const record: SampleRecord = {
      seed: req.seed,
      size: req.size,
      lists: req.lists,
      importId: snapshot.importId,
      referenceDate: snapshot.referenceDate,
      excluded: result.excluded,
      available: result.available,
      chosen: result.chosen.length,
      strata: result.strata,
      sampledAt: new Date().toISOString(),
      sampledBy: actor.label,
    };
    await updateAudited(trx, actor, 'caseAuditCycles', cycleId, { sample: JSON.stringify(record) }, expectedVersion);
    return { record, result };
  });
}

export interface AddCaseInput {
  identifier: string;
  auditorId?: string | null;
  moderatorId?: string | null;
}

/**
 * Add a case by its identifier: stored only as the keyed hash, with its team, worker and list from the
 * latest Annex A import. A case that import does not have is added all the same and flagged.
 */
export async function addCase(
  db: Kysely<Database>,
  actor: Actor,
  cycleId: string,
  input: AddCaseInput,
  origin: 'manual' | 'import' = 'manual',
) {
  const identifier = input.identifier.trim();
  if (!identifier)
    throw new ValidationError([
      { path: 'identifier', message: 'Enter the case identifier from the case management system' },
    ]);
  if (identifier.length > 100)
    throw new ValidationError([{ path: 'identifier', message: 'A case identifier is 100 characters or fewer' }]);
  const hash = (await caseHasher(db, actor.organisationId))(identifier);
  const snapshot = await latestSnapshot(db, actor.organisationId);
  const found = caseInSnapshot(snapshot, hash);
  return db.transaction().execute(async (trx) => {
    const cycle = await getOwned(trx, actor.organisationId, 'caseAuditCycles', cycleId);
    const existing = await trx
      .selectFrom('caseAudits')
      .select('id')
      .where('cycleId', '=', cycle.id)
      .where('caseHash', '=', hash)
      .executeTakeFirst();
    if (existing)
      throw new ValidationError([
        { path: 'identifier', message: `This case is already in the cycle, as ${caseReference(hash)}` },
      ]);
    await checkPeople(trx, actor.organisationId, input.auditorId ?? null, input.moderatorId ?? null);
    const audit = await insertAudited(trx, actor, 'caseAudits', {
      cycleId: cycle.id,
      caseHash: hash,
      ...found,
      origin,
      auditorId: input.auditorId ?? null,
      moderatorId: input.moderatorId ?? null,
    });
    await syncIndicators(trx, actor, cycle.id);
    const warnings = found.inLatestImport
      ? []
      : [
          {
            path: 'identifier',
            message: snapshot
              ? `This case is not in the latest Annex A import (${snapshot.referenceDate}): it has been added without a team and is flagged`
              : 'There is no Annex A import yet: the case has been added without a team and is flagged',
          },
        ];
    return { audit, warnings };
  });
}

/** An auditor and moderator must both be registered auditors, and never the same person. */
export async function checkPeople(
  db: Executor,
  organisationId: string,
  auditorId: string | null,
  moderatorId: string | null,
  paths = { auditor: 'auditorId', moderator: 'moderatorId' },
) {
  const ids = [auditorId, moderatorId].filter((v): v is string => !!v);
  if (!ids.length) return;
  const wellFormed = ids.filter(isUuid);
  const found = new Set(
    wellFormed.length
      ? (
          await db
            .selectFrom('caseAuditors')
            .select('userId')
            .where('organisationId', '=', organisationId)
            .where('userId', 'in', wellFormed)
            .execute()
        ).map((r) => r.userId)
      : [],
  );
  const details = [];
  if (auditorId && !found.has(auditorId))
    details.push({ path: paths.auditor, message: 'Choose one of the registered auditors' });
  if (moderatorId && !found.has(moderatorId))
    details.push({ path: paths.moderator, message: 'Choose one of the registered auditors to moderate' });
  if (auditorId && moderatorId && auditorId === moderatorId)
    details.push({
      path: paths.moderator,
      message: 'The moderator must be a second auditor, not the auditor who graded the case',
    });
  if (details.length) throw new ValidationError(details);
}
