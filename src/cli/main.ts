import { parseArgs } from 'node:util';
import crypto from 'node:crypto';
import { ConfigError } from '../config.js';
import { DataDirLockedError } from '../db/lock.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemo } from '../db/seeds/demo.js';
import { ROLES, type Role } from '../db/foundation-tables.js';
import { hashPassword, passwordProblem } from '../features/auth/passwords.js';
import { createApiToken } from '../features/account/tokens.js';
import { recordAudit, type Actor } from '../features/audit/audit.js';
import { extraCommands } from './extra-commands.js';
import { withServices } from './services.js';

export class UsageError extends Error {}

const USAGE = `Usage: npm run waymark -- <command> [options]

Commands:
  migrate                                        apply database migrations
  seed-demo                                      create or refresh the fictional demo council (slug "demo")
  org create --slug S --name N [--la-code 123]   add an organisation (a local authority)
  user create --org S --email E --role R --password P [--name N]
                                                 add a user (roles: ${ROLES.join(', ')})
  token create --email E --name N [--org S]      create an API token; prints only the token on its last line
${extraCommands.map((c) => `  ${c.usage}`).join('\n')}
The CLI uses the same database as the server (DATABASE_URL, or the PGlite folder WAYMARK_DATA_DIR).`;

function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`Missing --${name}`);
  return v.trim();
}

/** What the audit trail names as the actor of a command: nobody signed in, so no user. */
const commandLine = (organisationId: string): Actor => ({ organisationId, userId: null, label: 'Command line' });

export async function run(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  const extra = extraCommands.find((c) => c.name === command && (!c.sub || c.sub === sub));
  if (extra) return extra.run(extra.sub ? rest : [sub, ...rest].filter((x) => x !== undefined));

  switch (command) {
    case 'migrate': {
      await withServices(
        async ({ db }) => {
          const applied = await migrateToLatest(db);
          console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
        },
        { migrate: false },
      );
      return;
    }
    case 'seed-demo': {
      await withServices(async (services) => {
        await seedDemo(services);
        console.log('The demo council is ready: sign in as admin@demo.waymark.test with password "demo-password".');
      });
      return;
    }
    case 'org': {
      if (sub !== 'create') throw new UsageError('Did you mean: org create --slug S --name N');
      const { values } = parseArgs({
        args: rest,
        options: { slug: { type: 'string' }, name: { type: 'string' }, 'la-code': { type: 'string' } },
      });
      const slug = need(values, 'slug');
      if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug))
        throw new UsageError('--slug must be lower-case letters, digits and hyphens, like "north-shire"');
      const laCode = values['la-code'];
      if (laCode && !/^\d{3}$/.test(laCode)) throw new UsageError('--la-code must be the 3-digit DfE code, like 856');
      await withServices(async ({ db }) => {
        const exists = await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst();
        if (exists) throw new UsageError(`An organisation with slug "${slug}" already exists`);
        const org = await db
          .insertInto('organisations')
          .values({
            slug,
            name: need(values, 'name'),
            laCode: laCode ?? null,
            gssCode: null,
            region: null,
            childPopulation: null,
            pseudonymSecret: crypto.randomBytes(32).toString('base64url'),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(db, commandLine(org.id), {
          action: 'create',
          entityType: 'organisations',
          entityId: org.id,
          after: { slug, name: values.name, laCode: laCode ?? null },
        });
        console.log(`Created organisation ${slug} (${org.id})`);
      });
      return;
    }
    case 'user': {
      if (sub !== 'create') throw new UsageError('Did you mean: user create --org S --email E --role R --password P');
      const { values } = parseArgs({
        args: rest,
        options: {
          org: { type: 'string' },
          email: { type: 'string' },
          role: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
        },
      });
      const email = need(values, 'email');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('--email must be an email address');
      const role = need(values, 'role') as Role;
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const password = need(values, 'password');
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(`--password: ${problem}`);
      await withServices(async ({ db }) => {
        const org = await db
          .selectFrom('organisations')
          .select('id')
          .where('slug', '=', need(values, 'org'))
          .executeTakeFirst();
        if (!org) throw new UsageError(`No organisation with slug "${values.org}"`);
        const taken = await db
          .selectFrom('users')
          .select('id')
          .where('organisationId', '=', org.id)
          .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
          .executeTakeFirst();
        if (taken) throw new UsageError(`Organisation "${values.org}" already has a user with email ${email}`);
        const user = await db
          .insertInto('users')
          .values({
            organisationId: org.id,
            email,
            displayName: values.name?.trim() || email,
            role,
            passwordHash: await hashPassword(password),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(db, commandLine(org.id), {
          action: 'create',
          entityType: 'users',
          entityId: user.id,
          after: { email, role },
        });
        console.log(`Created ${role} ${email} (${user.id})`);
      });
      return;
    }
    case 'token': {
      if (sub !== 'create') throw new UsageError('Did you mean: token create --email E --name N');
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' } },
      });
      const email = need(values, 'email');
      const name = need(values, 'name');
      await withServices(async ({ db }) => {
        let q = db
          .selectFrom('users')
          .innerJoin('organisations', 'organisations.id', 'users.organisationId')
          .select(['users.id', 'users.organisationId', 'users.displayName', 'organisations.slug'])
          .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()));
        if (values.org) q = q.where('organisations.slug', '=', values.org);
        const users = await q.execute();
        if (!users.length)
          throw new UsageError(`No user with email ${email}${values.org ? ` in organisation "${values.org}"` : ''}`);
        if (users.length > 1)
          throw new UsageError(
            `${email} has accounts in ${users.map((u) => u.slug).join(', ')}: add --org to say which`,
          );
        const user = users[0];
        const { token } = await createApiToken(
          db,
          { organisationId: user.organisationId, userId: user.id, label: `${user.displayName} (command line)` },
          user.id,
          name,
        );
        console.log(`Token "${name}" for ${email}. Copy it now; it is not shown again:`);
        console.log(token);
      });
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  run(process.argv.slice(2)).catch((err) => {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(64);
    }
    if (err instanceof DataDirLockedError || err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  });
}
