import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { getOwned, insertAudited, recordAudit, type Actor } from '../../audit/audit.js';
import { ValidationError, type ErrorDetail } from '../../../lib/errors.js';
import { isChallenged, ownerRatingProblem, type OwnerRag } from '../../../lib/rag.js';
import { computeActionRags } from '../status.js';
import { assertPlanEditable, refreshRag } from './rules.js';

type Db = Kysely<Database>;

export interface UpdateInput {
  date: string;
  narrative: string;
  ownerRag: OwnerRag;
  challengeReason?: string | null;
}

export interface EvidenceUpload {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * A progress update from the owner: narrative, own RAG and evidence files. Where the owner's RAG is
 * better than the evidence RAG the update must carry a reason (the board's challenge, made routine).
 */
export async function createUpdate(
  db: Db,
  actor: Actor,
  actionId: string,
  input: UpdateInput,
  files: EvidenceUpload[],
  today: string,
) {
  return db.transaction().execute(async (trx) => {
    const action = await getOwned(trx, actor.organisationId, 'actions', actionId);
    assertPlanEditable(await getOwned(trx, actor.organisationId, 'plans', action.planId));
    const details: ErrorDetail[] = [];
    if (input.date > today) details.push({ path: 'date', message: 'Date of the update must be today or in the past' });
    const [state] = await computeActionRags(trx, actor.organisationId, { actionIds: [actionId] }, today);
    const problem = ownerRatingProblem(state.evidenceRag, input.ownerRag, input.challengeReason);
    if (problem) details.push({ path: 'challengeReason', message: problem });
    if (details.length) throw new ValidationError(details);
    const reason = input.challengeReason?.trim() || null;
    const update = await insertAudited(trx, actor, 'actionUpdates', {
      actionId,
      updateDate: input.date,
      narrative: input.narrative,
      ownerRag: input.ownerRag,
      evidenceRag: state.evidenceRag,
      challenged: isChallenged(state.evidenceRag, input.ownerRag),
      challengeReason: reason,
      authorId: actor.userId,
    });
    for (const f of files) {
      const sha256 = crypto.createHash('sha256').update(f.content).digest('hex');
      const row = await trx
        .insertInto('actionUpdateFiles')
        .values({
          organisationId: actor.organisationId,
          updateId: update.id,
          filename: f.filename,
          contentType: f.contentType,
          sizeBytes: f.content.length,
          sha256,
          content: f.content,
        })
        .returning(['id', 'filename', 'contentType', 'sizeBytes', 'sha256'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'create',
        entityType: 'actionUpdateFiles',
        entityId: row.id,
        after: row,
      });
    }
    // The action carries the owner's latest rating (the newest update by date wins).
    if (!action.lastUpdateDate || input.date >= action.lastUpdateDate) {
      await trx
        .updateTable('actions')
        .set({ ownerRag: input.ownerRag, ownerRagReason: reason, lastUpdateDate: input.date })
        .where('id', '=', actionId)
        .where('organisationId', '=', actor.organisationId)
        .execute();
    }
    await refreshRag(trx, actor.organisationId, { actionIds: [actionId] }, today);
    return update;
  });
}
