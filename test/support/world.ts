import crypto from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import { createApp } from '../../src/app.js';
import type { Services } from '../../src/container.js';
import type { Config } from '../../src/config.js';
import type { Role } from '../../src/db/foundation-tables.js';
import type { Database } from '../../src/db/schema.js';
import { hashPassword } from '../../src/features/auth/passwords.js';
import { createApiToken } from '../../src/features/account/tokens.js';
import type { Actor } from '../../src/features/audit/audit.js';
import { createTestServices } from './services.js';
import type { DemoContext } from '../../src/db/seeds/demo.js';

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

export interface TestOrg {
  id: string;
  slug: string;
  users: Record<Role, { id: string; email: string }>;
  actor: Actor;
}

/** Requests to the API below `/api/v1`, each carrying one bearer token. */
export interface ApiClient {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

export interface World {
  services: Services;
  app: Express;
  orgA: TestOrg;
  orgB: TestOrg;
  /** A supertest agent signed in as the org's user of that role (cookies kept). */
  agent(org: TestOrg, role: Role): Promise<request.Agent>;
  token(org: TestOrg, role: Role): Promise<string>;
  apiClient(token: string): ApiClient;
  /** How many rows `table` holds across every organisation: what a refused request must leave unchanged. */
  count(table: keyof Database): Promise<number>;
  close(): Promise<void>;
}

export async function createOrg(services: Services, slug: string): Promise<TestOrg> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const org = await services.db
    .insertInto('organisations')
    .values({
      slug,
      name: `${slug[0].toUpperCase()}${slug.slice(1)} Council`,
      laCode: null,
      gssCode: null,
      region: 'East Midlands',
      childPopulation: 50_000,
      pseudonymSecret: crypto.randomBytes(32).toString('base64url'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const users = {} as TestOrg['users'];
  for (const role of ['admin', 'editor', 'contributor', 'viewer'] as const) {
    const email = `${role}@${slug}.test`;
    const u = await services.db
      .insertInto('users')
      .values({ organisationId: org.id, email, displayName: `${slug} ${role}`, role, passwordHash: hash })
      .returning('id')
      .executeTakeFirstOrThrow();
    users[role] = { id: u.id, email };
  }
  return { id: org.id, slug, users, actor: { organisationId: org.id, userId: users.admin.id, label: `${slug} admin` } };
}

/** Read the CSRF token from a page's first form. */
/** The demo seeders' context for a test organisation: its id, its admin as the actor, its users by role and email. */
export function demoContextFor(org: TestOrg): DemoContext {
  return {
    organisationId: org.id,
    actor: org.actor,
    usersByRole: Object.fromEntries(Object.entries(org.users).map(([role, u]) => [role, u.id])),
    userIds: Object.fromEntries(Object.values(org.users).map((u) => [u.email, u.id])),
  };
}

export async function csrfFrom(agent: request.Agent, path: string): Promise<string> {
  const res = await agent.get(path);
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match) throw new Error(`No CSRF token on ${path} (status ${res.status})`);
  return match[1];
}

export async function signIn(app: Express, email: string, password = PASSWORD): Promise<request.Agent> {
  const agent = request.agent(app);
  const _csrf = await csrfFrom(agent, '/sign-in');
  const res = await agent.post('/sign-in').type('form').send({ _csrf, email, password });
  if (res.status !== 302) throw new Error(`Sign-in as ${email} failed with ${res.status}`);
  return agent;
}

/** Post a form the way a browser would: fetch the page for its CSRF token, then submit. */
export async function postForm(
  agent: request.Agent,
  formPage: string,
  action: string,
  fields: Record<string, string | string[]>,
) {
  const _csrf = await csrfFrom(agent, formPage);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf, ...fields });
}

/**
 * A date as typed in the GOV.UK day, month and year boxes of the form field `name`: '31/2/2025' →
 * `{ 'name-day': '31', 'name-month': '2', 'name-year': '2025' }`. Typed as it is, so a test can send a date
 * that is not real; '' leaves the three boxes empty.
 */
export function dateBoxes(name: string, typed: string): Record<string, string> {
  const [day = '', month = '', year = ''] = typed ? typed.split('/') : [];
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
}

export async function createWorld(opts: { now?: () => Date; config?: Partial<Config> } = {}): Promise<World> {
  const services = await createTestServices(opts);
  const app = createApp(services);
  const orgA = await createOrg(services, 'alpha');
  const orgB = await createOrg(services, 'beta');
  const agents = new Map<string, request.Agent>();
  const tokens = new Map<string, string>();
  return {
    services,
    app,
    orgA,
    orgB,
    async agent(org, role) {
      const key = `${org.slug}:${role}`;
      if (!agents.has(key)) agents.set(key, await signIn(app, org.users[role].email));
      return agents.get(key)!;
    },
    async token(org, role) {
      const key = `${org.slug}:${role}`;
      if (!tokens.has(key)) {
        const { token } = await createApiToken(
          services.db,
          { ...org.actor, userId: org.users[role].id },
          org.users[role].id,
          'test',
        );
        tokens.set(key, token);
      }
      return tokens.get(key)!;
    },
    apiClient(token) {
      const send = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: object) => {
        const req = request(app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
        return body === undefined ? req : req.send(body);
      };
      return {
        get: (path) => send('get', path),
        post: (path, body) => send('post', path, body),
        put: (path, body) => send('put', path, body),
        patch: (path, body) => send('patch', path, body),
        delete: (path) => send('delete', path),
      };
    },
    async count(table) {
      // Any table may be counted; Kysely cannot check a table chosen at run time.
      const row = await (services.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
        .selectFrom(table as string)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    close: () => services.close(),
  };
}
