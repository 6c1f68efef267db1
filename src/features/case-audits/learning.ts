import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  deleteAudited,
  findOwned,
  getOwned,
  insertAudited,
  recordAudit,
  type Actor,
  type Executor,
} from '../audit/audit.js';
import { ValidationError, type ErrorDetail } from '../../lib/errors.js';
import type { Theme } from '../../lib/case-audit-framework.js';
import { isQuoteOf } from '../../lib/case-audit-quote.js';
import { KEY_PREFIX } from '../../lib/case-audit-indicators.js';
import { refreshRag } from '../plans/service.js';
import { readNotes } from './audits.js';

export const MAX_QUOTE = 400;

export interface LearningInput {
  title: string;
  themeKey: string | null;
  auditId: string | null;
  quote: string | null;
  actionId: string | null;
}

/** Plan actions an editor can say learning feeds: those of plans not yet superseded, labelled as people say them. */
export async function actionChoices(db: Executor, organisationId: string) {
  const rows = await db
    .selectFrom('actions')
    .innerJoin('plans', 'plans.id', 'actions.planId')
    .select([
      'actions.id',
      'actions.reference',
      'actions.title',
      'plans.title as planTitle',
      'plans.planVersion',
      'plans.status',
    ])
    .where('actions.organisationId', '=', organisationId)
    .where('plans.status', '!=', 'superseded')
    .orderBy('plans.title')
    .orderBy('plans.planVersion', 'desc')
    .execute();
  rows.sort(
    (a, b) =>
      a.planTitle.localeCompare(b.planTitle) ||
      b.planVersion - a.planVersion ||
      a.reference.localeCompare(b.reference, 'en-GB', { numeric: true }),
  );
  return rows.map((r) => ({
    id: r.id,
    label: `${r.reference} ${r.title} (${r.planTitle}, version ${r.planVersion}${r.status === 'draft' ? ', draft' : ''})`,
  }));
}

export async function addLearning(
  db: Kysely<Database>,
  actor: Actor,
  cycleId: string,
  themes: readonly Theme[],
  input: LearningInput,
) {
  return db.transaction().execute(async (trx) => {
    const cycle = await getOwned(trx, actor.organisationId, 'caseAuditCycles', cycleId);
    const details: ErrorDetail[] = [];
    if (input.themeKey && !themes.some((t) => t.key === input.themeKey))
      details.push({ path: 'themeKey', message: 'Choose one of the framework’s themes' });
    let auditId: string | null = null;
    if (input.quote) {
      if (input.quote.length > MAX_QUOTE)
        details.push({
          path: 'quote',
          message: `A quote must be ${MAX_QUOTE} characters or fewer: choose the sentence that makes the point`,
        });
      const found = input.auditId ? await findOwned(trx, actor.organisationId, 'caseAudits', input.auditId) : undefined;
      const audit = found?.cycleId === cycle.id ? found : undefined;
      if (!audit) details.push({ path: 'auditId', message: 'Choose the audit the quote comes from' });
      else {
        auditId = audit.id;
        const notes = (await readNotes(trx, actor.organisationId, [audit.id])).get(audit.id) ?? {};
        if (!isQuoteOf(input.quote, [notes.evidence, notes.moderation]))
          details.push({
            path: 'quote',
            message: 'A quote must be words from that audit’s evidence or moderation note, exactly as written',
          });
      }
    } else if (input.auditId) {
      details.push({ path: 'quote', message: 'Copy the words to quote from the audit’s note, or choose no audit' });
    }
    if (input.actionId && !(await findOwned(trx, actor.organisationId, 'actions', input.actionId)))
      details.push({ path: 'actionId', message: 'Choose one of your plan actions' });
    if (details.length) throw new ValidationError(details);
    return insertAudited(trx, actor, 'caseAuditLearning', {
      cycleId: cycle.id,
      title: input.title,
      themeKey: input.themeKey,
      auditId,
      quote: input.quote,
      actionId: input.actionId,
    });
  });
}

export async function removeLearning(db: Kysely<Database>, actor: Actor, id: string) {
  return db
    .transaction()
    .execute(async (trx) =>
      deleteAudited(
        trx,
        actor,
        'caseAuditLearning',
        (await getOwned(trx, actor.organisationId, 'caseAuditLearning', id)).id,
      ),
    );
}

/** A cycle's learning points with the action each feeds (reference, title and its plan). */
export async function listLearning(db: Executor, organisationId: string, cycleIds: string[]) {
  if (!cycleIds.length) return [];
  return db
    .selectFrom('caseAuditLearning')
    .leftJoin('actions', 'actions.id', 'caseAuditLearning.actionId')
    .leftJoin('plans', 'plans.id', 'actions.planId')
    .selectAll('caseAuditLearning')
    .select([
      'actions.reference as actionReference',
      'actions.title as actionTitle',
      'plans.lineageId as planLineageId',
      'plans.title as planTitle',
    ])
    .where('caseAuditLearning.organisationId', '=', organisationId)
    .where('caseAuditLearning.cycleId', 'in', cycleIds)
    .orderBy('caseAuditLearning.createdAt')
    .execute();
}

/**
 * Link a result (an indicator of the cycle's series) to a plan action, so the action's evidence RAG
 * reflects it; refused, naming the field, when either is not one the editor could have chosen.
 */
export async function linkResult(
  db: Kysely<Database>,
  actor: Actor,
  seriesKey: string,
  choice: { indicatorId: string; actionId: string },
  today: string,
) {
  const { indicatorId, actionId } = choice;
  const indicator = await findOwned(db, actor.organisationId, 'indicators', indicatorId);
  const action = await findOwned(db, actor.organisationId, 'actions', actionId);
  const details: ErrorDetail[] = [];
  if (!indicator || !indicator.key.startsWith(`${KEY_PREFIX}.${seriesKey}.`))
    details.push({ path: 'indicatorId', message: 'Choose one of this audit series’ results' });
  if (!action) details.push({ path: 'actionId', message: 'Choose one of your plan actions' });
  if (details.length || !indicator || !action) throw new ValidationError(details);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('actionIndicators')
      .values({ organisationId: actor.organisationId, actionId: action.id, indicatorId: indicator.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await recordAudit(trx, actor, {
      action: 'update',
      entityType: 'actions',
      entityId: action.id,
      after: { linkedIndicator: indicator.name },
    });
    await refreshRag(trx, actor.organisationId, { actionIds: [action.id] }, today);
  });
  return { indicator, action };
}
