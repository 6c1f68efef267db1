import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema.js';
import { deleteAudited, getOwned, insertAudited, type Actor, type Executor } from '../../audit/audit.js';
import type { bodySchema, memberSchema } from '../schemas.js';
import { checkUser, fail, failIfAny, nameTaken, rowsOf, saveChecked, type Target } from './common.js';

type BodyInput = z.infer<typeof bodySchema>;

export async function listBodies(db: Executor, organisationId: string) {
  return db.selectFrom('bodies').selectAll().where('organisationId', '=', organisationId).orderBy('name').execute();
}

/** Each body's name by id, for saying whose items these are. */
export async function bodyNames(db: Executor, organisationId: string): Promise<Map<string, string>> {
  return new Map((await listBodies(db, organisationId)).map((b) => [b.id, b.name]));
}

function saveBody(db: Kysely<Database>, actor: Actor, target: Target, input: BodyInput) {
  const check = async () =>
    failIfAny([
      (await nameTaken(db, actor.organisationId, 'bodies', 'name', input.name, target?.id)) && {
        path: 'name',
        message: 'There is already a body with this name',
      },
    ]);
  return saveChecked(db, actor, 'bodies', target, check, () => input);
}

export const createBody = (db: Kysely<Database>, actor: Actor, input: BodyInput) => saveBody(db, actor, null, input);

export const updateBody = (db: Kysely<Database>, actor: Actor, id: string, input: BodyInput, version: number) =>
  saveBody(db, actor, { id, version }, input);

export async function listMembers(db: Executor, organisationId: string, bodyId: string) {
  return rowsOf(db, 'bodyMembers', organisationId, { column: 'bodyId', id: bodyId })
    .orderBy((eb) =>
      eb
        .case()
        .when('memberRole', '=', 'chair')
        .then(0)
        .when('memberRole', '=', 'member')
        .then(1)
        .when('memberRole', '=', 'adviser')
        .then(2)
        .else(3)
        .end(),
    )
    .orderBy('name')
    .execute();
}

export async function addMember(
  db: Kysely<Database>,
  actor: Actor,
  bodyId: string,
  input: z.infer<typeof memberSchema>,
) {
  await getOwned(db, actor.organisationId, 'bodies', bodyId);
  let name = input.name;
  if (input.userId) {
    await checkUser(db, actor.organisationId, input.userId, 'userId', 'Select a person from your organisation');
    const u = await db
      .selectFrom('users')
      .select('displayName')
      .where('id', '=', input.userId)
      .executeTakeFirstOrThrow();
    name ??= u.displayName;
  }
  if (!name) fail([{ path: 'name', message: 'Enter the member’s name or select a Waymark user' }]);
  return db
    .transaction()
    .execute((trx) =>
      insertAudited(trx, actor, 'bodyMembers', { bodyId, userId: input.userId, name, memberRole: input.memberRole }),
    );
}

export async function removeMember(db: Kysely<Database>, actor: Actor, memberId: string) {
  return db.transaction().execute((trx) => deleteAudited(trx, actor, 'bodyMembers', memberId));
}
