import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deleteAudited, getOwned, recordAudit, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import { ConflictError, ForbiddenError, ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { allStandards, NOT_APPLICABLE, type Grade, type Theme } from '../../lib/case-audit-framework.js';
import { hasRole } from '../../lib/roles.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { checkPeople } from './cases.js';
import { syncIndicators } from './results.js';
import type { NoteKind } from './tables.js';
import type { AuditRow } from './cycles.js';

export const MAX_NOTE = 2000;

/**
 * The audit trail records that a note was written or changed, never its words: notes are
 * special-category data that only editors, admins and auditors read, and the history of a record is
 * shown more widely. A short digest tells one version from another.
 */
export function noteMarker(body: string | null | undefined): string | null {
  if (!body) return null;
  return `written (${body.length} characters, #${crypto.createHash('sha256').update(body).digest('hex').slice(0, 6)})`;
}

export async function writeNote(
  trx: Executor,
  actor: Actor,
  auditId: string,
  kind: NoteKind,
  body: string,
): Promise<void> {
  const text = body.trim();
  const existing = await trx
    .selectFrom('caseAuditNotes')
    .selectAll()
    .where('organisationId', '=', actor.organisationId)
    .where('auditId', '=', auditId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if ((!existing && !text) || existing?.body === text) return;
  const entity = { entityType: 'caseAuditNotes' };
  if (!text) {
    await trx.deleteFrom('caseAuditNotes').where('id', '=', existing!.id).execute();
    await recordAudit(trx, actor, {
      ...entity,
      action: 'delete',
      entityId: existing!.id,
      before: { auditId, kind, body: noteMarker(existing!.body) },
    });
  } else if (existing) {
    await trx
      .updateTable('caseAuditNotes')
      .set((eb) => ({ body: text, version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('id', '=', existing.id)
      .execute();
    await recordAudit(trx, actor, {
      ...entity,
      action: 'update',
      entityId: existing.id,
      before: { body: noteMarker(existing.body) },
      after: { body: noteMarker(text) },
    });
  } else {
    const row = await trx
      .insertInto('caseAuditNotes')
      .values({ organisationId: actor.organisationId, auditId, kind, body: text })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      ...entity,
      action: 'create',
      entityId: row.id,
      after: { auditId, kind, body: noteMarker(text) },
    });
  }
}

/** The notes of some audits, for people allowed to read them (the caller checks that). */
export async function readNotes(
  db: Executor,
  organisationId: string,
  auditIds: string[],
): Promise<Map<string, Partial<Record<NoteKind, string>>>> {
  const out = new Map<string, Partial<Record<NoteKind, string>>>();
  if (!auditIds.length) return out;
  const rows = await db
    .selectFrom('caseAuditNotes')
    .select(['auditId', 'kind', 'body'])
    .where('organisationId', '=', organisationId)
    .where('auditId', 'in', auditIds)
    .execute();
  for (const r of rows) out.set(r.auditId, { ...(out.get(r.auditId) ?? {}), [r.kind]: r.body });
  return out;
}

async function versionOf(db: Executor, cycleId: string) {
  return db
    .selectFrom('caseAuditCycles')
    .innerJoin('caseAuditFrameworkVersions', 'caseAuditFrameworkVersions.id', 'caseAuditCycles.frameworkVersionId')
    .select(['caseAuditFrameworkVersions.themes', 'caseAuditFrameworkVersions.scale'])
    .where('caseAuditCycles.id', '=', cycleId)
    .executeTakeFirstOrThrow();
}

/**
 * Check grades against the cycle's framework version: every standard graded (or not applicable), no
 * standard the framework does not have, every grade on its scale, and an overall grade from the scale.
 */
export function gradeDetails(
  themes: readonly Theme[],
  scale: readonly Grade[],
  grades: Record<string, unknown>,
  overall: unknown,
  prefix = '',
  complete = true,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const standards = allStandards(themes);
  const keys = new Set(standards.map((s) => s.key));
  const onScale = new Set(scale.map((g) => g.key));
  const names = [...scale.map((g) => g.key), NOT_APPLICABLE].join(', ');
  for (const [k, v] of Object.entries(grades)) {
    if (!keys.has(k))
      details.push({ path: `${prefix}grades.${k}`, message: `This framework has no standard “${k.slice(0, 20)}”` });
    else if (typeof v !== 'string' || !(onScale.has(v) || v === NOT_APPLICABLE))
      details.push({
        path: `${prefix}grades.${k}`,
        message: `“${String(v).slice(0, 30)}” is not a grade on this framework’s scale: use one of ${names}`,
      });
  }
  if (complete)
    for (const s of standards)
      if (!(s.key in grades))
        details.push({
          path: `${prefix}grades.${s.key}`,
          message: `Grade standard ${s.code}, or choose not applicable`,
        });
  if (overall === undefined || overall === null || overall === '')
    details.push({ path: `${prefix}overall`, message: 'Choose the overall grade' });
  else if (typeof overall !== 'string' || !onScale.has(overall))
    details.push({
      path: `${prefix}overall`,
      message: `“${String(overall).slice(0, 30)}” is not a grade on this framework’s scale: use one of ${scale.map((g) => g.key).join(', ')}`,
    });
  return details;
}

export interface GradeInput {
  grades: Record<string, string>;
  overall: string;
  note: string;
  auditedOn: string;
}

type Who = Pick<CurrentUser, 'id' | 'role' | 'displayName'>;
const manages = (user: Who) => hasRole(user.role, 'editor');

export interface AllocationInput {
  auditorId?: string | null;
  moderatorId?: string | null;
}

/** Allocate (or change) the auditor and moderator; the grader of a graded audit and the moderator of a moderated one stay. */
export async function allocate(
  trx: Executor,
  actor: Actor,
  audit: AuditRow,
  input: AllocationInput,
): Promise<AuditRow> {
  const auditorId = input.auditorId === undefined ? audit.auditorId : input.auditorId || null;
  const moderatorId = input.moderatorId === undefined ? audit.moderatorId : input.moderatorId || null;
  if (auditorId === audit.auditorId && moderatorId === audit.moderatorId) return audit;
  const details: ErrorDetail[] = [];
  if (audit.overallGrade && auditorId !== audit.auditorId)
    details.push({
      path: 'auditorId',
      message: 'This audit has been graded: its auditor stays the person who graded it',
    });
  if (audit.moderatedOverallGrade && moderatorId !== audit.moderatorId)
    details.push({
      path: 'moderatorId',
      message: 'This audit has been moderated: its moderator stays the person who moderated it',
    });
  if (details.length) throw new ValidationError(details);
  await checkPeople(trx, actor.organisationId, auditorId, moderatorId);
  return updateAudited(trx, actor, 'caseAudits', audit.id, { auditorId, moderatorId });
}

/** The allocated auditor grades; an editor may record the grades of the allocated auditor (from a paper form, say). */
export async function gradeAudit(
  trx: Executor,
  actor: Actor,
  user: Who,
  audit: AuditRow,
  input: GradeInput,
  gradedBy?: string,
): Promise<AuditRow> {
  if (audit.moderatedOverallGrade)
    throw new ConflictError(
      'This audit has been moderated: its grades can no longer change (the moderator can revise the moderation)',
    );
  if (audit.auditorId !== user.id && !manages(user))
    throw new ForbiddenError('Only the allocated auditor, or an editor on their behalf, can grade this audit');
  if (!audit.auditorId)
    throw new ValidationError([
      { path: 'auditorId', message: 'Allocate an auditor first: grades are always given by a named auditor' },
    ]);
  const { themes, scale } = await versionOf(trx, audit.cycleId);
  const details = gradeDetails(themes, scale, input.grades, input.overall);
  if (input.note.length > MAX_NOTE)
    details.push({
      path: 'note',
      message: `The evidence note must be ${MAX_NOTE.toLocaleString('en-GB')} characters or fewer`,
    });
  if (details.length) throw new ValidationError(details);
  const updated = await updateAudited(trx, actor, 'caseAudits', audit.id, {
    grades: JSON.stringify(input.grades),
    overallGrade: input.overall,
    auditedOn: input.auditedOn,
    gradedBy: gradedBy ?? (audit.auditorId === user.id ? user.displayName : `${user.displayName} for the auditor`),
  });
  await writeNote(trx, actor, audit.id, 'evidence', input.note);
  return updated;
}

export interface ModerationInput {
  grades: Record<string, string>;
  overall: string;
  note: string;
  moderatorId?: string | null;
  moderatedOn: string;
}

/**
 * Moderation by a second auditor, never the one who graded: their grades replace the auditor's in the
 * results, and the auditor's stay on record to show the change and measure agreement.
 */
export async function moderateAudit(
  trx: Executor,
  actor: Actor,
  user: Who,
  audit: AuditRow,
  input: ModerationInput,
): Promise<AuditRow> {
  if (!audit.overallGrade)
    throw new ValidationError([
      { path: 'moderation', message: 'This audit has not been graded yet: there is nothing to moderate' },
    ]);
  const moderatorId = manages(user)
    ? (input.moderatorId ?? audit.moderatorId ?? (audit.auditorId !== user.id ? user.id : null))
    : user.id;
  if (moderatorId && moderatorId === audit.auditorId) {
    throw new ValidationError([
      {
        path: manages(user) && input.moderatorId ? 'moderatorId' : 'moderation',
        message: 'A moderation must be by a second auditor: the auditor who graded this case cannot moderate it',
      },
    ]);
  }
  if (!moderatorId)
    throw new ValidationError([{ path: 'moderatorId', message: 'Choose the auditor who moderated this audit' }]);
  if (!manages(user) && audit.moderatorId && audit.moderatorId !== user.id)
    throw new ForbiddenError('Another auditor has been allocated to moderate this audit');
  await checkPeople(trx, actor.organisationId, audit.auditorId, moderatorId, {
    auditor: 'auditorId',
    moderator: 'moderatorId',
  });
  if (
    !manages(user) &&
    !(await trx
      .selectFrom('caseAuditors')
      .select('id')
      .where('organisationId', '=', actor.organisationId)
      .where('userId', '=', user.id)
      .executeTakeFirst())
  ) {
    throw new ForbiddenError('Only a registered auditor can moderate');
  }
  const { themes, scale } = await versionOf(trx, audit.cycleId);
  const grades = { ...(audit.grades ?? {}), ...input.grades };
  const details = gradeDetails(themes, scale, grades, input.overall, 'moderation.');
  if (input.note.length > MAX_NOTE)
    details.push({
      path: 'moderation.note',
      message: `The moderation note must be ${MAX_NOTE.toLocaleString('en-GB')} characters or fewer`,
    });
  if (details.length) throw new ValidationError(details);
  const names = await trx.selectFrom('users').select('displayName').where('id', '=', moderatorId).executeTakeFirst();
  const updated = await updateAudited(trx, actor, 'caseAudits', audit.id, {
    moderatorId,
    moderatedGrades: JSON.stringify(grades),
    moderatedOverallGrade: input.overall,
    moderatedOn: input.moderatedOn,
    moderatedBy: names?.displayName ?? actor.label,
  });
  await writeNote(trx, actor, audit.id, 'moderation', input.note);
  return updated;
}

/** Take a case out of a cycle before it is graded (a graded audit stays: its results are evidence). */
export async function removeCase(db: Kysely<Database>, actor: Actor, auditId: string) {
  return db.transaction().execute(async (trx) => {
    const audit = await getOwned(trx, actor.organisationId, 'caseAudits', auditId);
    if (audit.overallGrade)
      throw new ConflictError(
        'This case has been graded, so it stays in the cycle: its grades are part of the results',
      );
    await writeNote(trx, actor, audit.id, 'evidence', '');
    await writeNote(trx, actor, audit.id, 'moderation', '');
    await trx.updateTable('caseAuditLearning').set({ auditId: null }).where('auditId', '=', audit.id).execute();
    await deleteAudited(trx, actor, 'caseAudits', audit.id);
    await syncIndicators(trx, actor, audit.cycleId);
    return audit;
  });
}

/** Run one change to an audit and bring the cycle's published indicators up to date, in one transaction. */
export async function changeAudit<T>(
  db: Kysely<Database>,
  actor: Actor,
  auditId: string,
  expectedVersion: number | undefined,
  change: (trx: Executor, audit: AuditRow) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const audit = await getOwned(trx, actor.organisationId, 'caseAudits', auditId);
    if (expectedVersion !== undefined && audit.version !== expectedVersion) {
      throw new ConflictError(
        'Someone else changed this audit while you were working on it. Their change has been kept: review it and make yours again.',
        [
          {
            path: 'version',
            message: `You worked on version ${expectedVersion}; the current version is ${audit.version}`,
          },
        ],
      );
    }
    const result = await change(trx, audit);
    await syncIndicators(trx, actor, audit.cycleId);
    return result;
  });
}

/** One row of the allocation table: who audits and who moderates a case (undefined: left as it is). */
export interface RowAllocation extends AllocationInput {
  auditId: string;
  reference: string;
}

/**
 * Save the allocation table all or nothing: one transaction, every row checked, and each refusal said
 * against its row's box (`auditor-<id>`, `moderator-<id>`) with the case it is about.
 */
export async function allocateAll(db: Kysely<Database>, actor: Actor, rows: RowAllocation[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const details: ErrorDetail[] = [];
    for (const r of rows) {
      try {
        const row = await getOwned(trx, actor.organisationId, 'caseAudits', r.auditId);
        await allocate(trx, actor, row, { auditorId: r.auditorId, moderatorId: r.moderatorId });
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        details.push(
          ...err.details.map((d) => ({
            path: `${d.path === 'auditorId' ? 'auditor' : 'moderator'}-${r.auditId}`,
            message: `Case ${r.reference}: ${d.message}`,
          })),
        );
      }
    }
    if (details.length) throw new ValidationError(details);
  });
}
