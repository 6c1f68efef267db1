import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deleteAudited, getOwned, insertAudited, isUuid, type Actor, type Executor } from '../audit/audit.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors.js';
import { canBeAuditor, canReadAuditNotes, hasRole } from '../../lib/roles.js';
import { ROLE_LABELS } from '../../lib/roles.js';
import type { CurrentUser } from '../../middleware/auth.js';
import type { AuditRow } from './cycles.js';
import { activeUsers } from '../admin/users-service.js';

/** The registered auditors, with their names and roles. */
export async function listAuditors(db: Executor, organisationId: string) {
  return db
    .selectFrom('caseAuditors')
    .innerJoin('users', 'users.id', 'caseAuditors.userId')
    .select([
      'caseAuditors.id',
      'caseAuditors.userId',
      'users.displayName',
      'users.email',
      'users.role',
      'users.active',
    ])
    .where('caseAuditors.organisationId', '=', organisationId)
    .orderBy('users.displayName')
    .execute();
}

export async function isAuditor(db: Executor, organisationId: string, userId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('caseAuditors')
    .select('id')
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .executeTakeFirst());
}

/** What the signed-in user may do with case audits (ADR 0700). */
export interface AuditAccess {
  isAuditor: boolean;
  /** Read evidence notes and the case-level lists. */
  readsNotes: boolean;
  /** Manage frameworks, cycles, samples, allocation, imports, learning and publishing. */
  manages: boolean;
}

export async function accessOf(
  db: Executor,
  user: Pick<CurrentUser, 'id' | 'role' | 'organisationId'>,
): Promise<AuditAccess> {
  const auditor = await isAuditor(db, user.organisationId, user.id);
  return {
    isAuditor: auditor,
    readsNotes: canReadAuditNotes(user.role, auditor),
    manages: hasRole(user.role, 'editor'),
  };
}

export async function requireNoteReader(
  db: Executor,
  user: Pick<CurrentUser, 'id' | 'role' | 'organisationId'>,
): Promise<AuditAccess> {
  const access = await accessOf(db, user);
  if (!access.readsNotes)
    throw new ForbiddenError(
      'Only editors, administrators and the organisation’s case file auditors can see individual audits',
    );
  return access;
}

type Allocated = Pick<AuditRow, 'auditorId' | 'moderatorId'>;

/** Grading is for the allocated auditor, or an editor on their behalf (from a paper form, say). */
export function mayGrade(audit: Allocated, userId: string, access: AuditAccess): boolean {
  return audit.auditorId === userId || access.manages;
}

/** Moderating is for the allocated moderator, another auditor when none is allocated, or an editor. */
export function mayModerate(audit: Allocated, userId: string, access: AuditAccess): boolean {
  return (
    access.manages ||
    audit.moderatorId === userId ||
    (!audit.moderatorId && access.isAuditor && audit.auditorId !== userId)
  );
}

/** People an editor can name as auditors: active users who are contributors or above and not yet auditors. */
export async function auditorCandidates(db: Executor, organisationId: string) {
  const users = await activeUsers(db, organisationId);
  const current = new Set((await listAuditors(db, organisationId)).map((a) => a.userId));
  return users
    .filter((u) => canBeAuditor(u.role) && !current.has(u.id))
    .map((u) => ({ ...u, roleLabel: ROLE_LABELS[u.role] }));
}

export async function addAuditor(db: Kysely<Database>, actor: Actor, userId: string) {
  return db.transaction().execute(async (trx) => {
    const user = isUuid(userId)
      ? await trx
          .selectFrom('users')
          .select(['id', 'role', 'active', 'displayName'])
          .where('organisationId', '=', actor.organisationId)
          .where('id', '=', userId)
          .executeTakeFirst()
      : undefined;
    if (!user || !user.active)
      throw new ValidationError([{ path: 'userId', message: 'Choose a person from your organisation' }]);
    if (!canBeAuditor(user.role))
      throw new ValidationError([
        {
          path: 'userId',
          message: `${user.displayName} is a viewer: only contributors, editors and administrators can be auditors`,
        },
      ]);
    if (await isAuditor(trx, actor.organisationId, user.id))
      throw new ConflictError(`${user.displayName} is already an auditor`, [
        { path: 'userId', message: `${user.displayName} is already an auditor` },
      ]);
    await insertAudited(trx, actor, 'caseAuditors', { userId: user.id });
    return user;
  });
}

/** Taking someone off the list keeps their past audits and allocations; they can no longer read notes. */
export async function removeAuditor(db: Kysely<Database>, actor: Actor, auditorId: string) {
  return db.transaction().execute(async (trx) => {
    const row = await getOwned(trx, actor.organisationId, 'caseAuditors', auditorId);
    await deleteAudited(trx, actor, 'caseAuditors', row.id);
    return row;
  });
}
