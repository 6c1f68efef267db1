import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ValidationError } from '../../lib/errors.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';

/** A person changes their own password, proving they know the current one; the audit never holds either. */
export async function changeOwnPassword(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = await db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.passwordHash, currentPassword)))
    throw new ValidationError([{ path: 'currentPassword', message: 'Your current password is not correct' }]);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ passwordHash, updatedAt: new Date() }).where('id', '=', userId).execute();
    await recordAudit(trx, actor, {
      action: 'update',
      entityType: 'users',
      entityId: userId,
      before: { password: '(previous)' },
      after: { password: '(changed)' },
    });
  });
}
