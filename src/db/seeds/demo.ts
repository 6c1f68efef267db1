import crypto from 'node:crypto';
import type { Services } from '../../container.js';
import type { Role } from '../foundation-tables.js';
import { insertAudited, recordAudit, type Actor } from '../../features/audit/audit.js';
import { hashPassword } from '../../features/auth/passwords.js';
import { demoSeeders } from './demo-seeders.js';

/** A fictional council: no name here belongs to a real authority or to anyone in the seed minutes. */
export const DEMO = {
  slug: 'demo',
  name: 'Ashdown Vale Council',
  laCode: null,
  region: 'East Midlands',
  childPopulation: 61_500,
  password: 'demo-password',
  users: [
    { email: 'admin@demo.waymark.test', displayName: 'Jordan Ellery', role: 'admin' },
    { email: 'editor@demo.waymark.test', displayName: 'Sam Okafor', role: 'editor' },
    { email: 'owner@demo.waymark.test', displayName: 'Rowan Hartley', role: 'contributor' },
    { email: 'owner2@demo.waymark.test', displayName: 'Nia Fairley', role: 'contributor' },
    { email: 'councillor@demo.waymark.test', displayName: 'Cllr Morgan Quinn', role: 'viewer' },
  ] satisfies { email: string; displayName: string; role: Role }[],
};

export interface DemoContext {
  organisationId: string;
  actor: Actor;
  usersByRole: Record<string, string>;
  userIds: Record<string, string>;
}

/** Create (or find) the demo organisation and its people; safe to run again. */
export async function seedDemo(services: Services): Promise<DemoContext> {
  const { db } = services;
  let org = await db.selectFrom('organisations').select('id').where('slug', '=', DEMO.slug).executeTakeFirst();
  // Seeded records are audited like any other write, so the demo's history starts complete.
  const seeding = (organisationId: string): Actor => ({ organisationId, userId: null, label: 'Demo data' });
  if (!org) {
    org = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('organisations')
        .values({
          slug: DEMO.slug,
          name: DEMO.name,
          laCode: DEMO.laCode,
          gssCode: null,
          region: DEMO.region,
          childPopulation: DEMO.childPopulation,
          pseudonymSecret: crypto.randomBytes(32).toString('base64url'),
        })
        .returning(['id', 'slug', 'name', 'laCode', 'region', 'childPopulation'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, seeding(created.id), {
        action: 'create',
        entityType: 'organisations',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }
  const passwordHash = await hashPassword(DEMO.password);
  const userIds: Record<string, string> = {};
  const usersByRole: Record<string, string> = {};
  for (const u of DEMO.users) {
    let row = await db
      .selectFrom('users')
      .select('id')
      .where('organisationId', '=', org.id)
      .where('email', '=', u.email)
      .executeTakeFirst();
    row ??= await db.transaction().execute((trx) =>
      insertAudited(trx, seeding(org.id), 'users', {
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        passwordHash,
      }),
    );
    userIds[u.email] = row.id;
    usersByRole[u.role] ??= row.id;
  }
  const ctx: DemoContext = {
    organisationId: org.id,
    actor: { organisationId: org.id, userId: usersByRole.admin, label: 'Demo data' },
    usersByRole,
    userIds,
  };
  for (const seeder of demoSeeders) await seeder(services, ctx);
  return ctx;
}

/** `npm start` seeds the demo only into an empty database, so a real council's data is never touched. */
export async function seedDemoIfEmpty(services: Services): Promise<boolean> {
  const any = await services.db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await seedDemo(services);
  return true;
}
