import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../audit/audit.js';
import { isUuid, recordAudit } from '../audit/audit.js';

const TOKEN_PATTERN = /^wm_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** Create a personal access token. The plain token is returned once; only its hash is stored. */
export async function createApiToken(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  name: string,
): Promise<{ id: string; token: string }> {
  const token = `wm_${crypto.randomBytes(32).toString('base64url')}`;
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('apiTokens')
      .values({
        organisationId: actor.organisationId,
        userId,
        name,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, 7),
      })
      .returning(['id', 'name', 'tokenPrefix', 'userId'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'create',
      entityType: 'apiTokens',
      entityId: inserted.id,
      after: inserted,
    });
    return inserted;
  });
  return { id: row.id, token };
}

export async function findUserIdByToken(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('apiTokens')
    .select(['id', 'userId'])
    .where('tokenHash', '=', hashToken(token))
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('apiTokens').set({ lastUsedAt: new Date() }).where('id', '=', row.id).execute();
  return row.userId;
}

export async function listTokens(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'tokenPrefix', 'createdAt', 'lastUsedAt', 'revokedAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .execute();
}

export async function revokeToken(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  tokenId: string,
): Promise<boolean> {
  if (!isUuid(tokenId)) return false;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('apiTokens')
      .set({ revokedAt: new Date() })
      .where('id', '=', tokenId)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .returning(['id', 'name'])
      .executeTakeFirst();
    if (row)
      await recordAudit(trx, actor, {
        action: 'update',
        entityType: 'apiTokens',
        entityId: row.id,
        after: { revoked: true },
      });
    return Boolean(row);
  });
}
