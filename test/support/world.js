import crypto from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { hashPassword } from '../../src/features/auth/passwords.js';
import { createApiToken } from '../../src/features/account/tokens.js';
import { createTestServices } from './services.js';
export const PASSWORD = 'correct-horse-battery';
let passwordHash;
export async function createOrg(services, slug) {
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
    const users = {};
    for (const role of ['admin', 'editor', 'contributor', 'viewer']) {
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
export async function csrfFrom(agent, path) {
    const res = await agent.get(path);
    const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
    if (!match)
        throw new Error(`No CSRF token on ${path} (status ${res.status})`);
    return match[1];
}
export async function signIn(app, email, password = PASSWORD) {
    const agent = request.agent(app);
    const _csrf = await csrfFrom(agent, '/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf, email, password });
    if (res.status !== 302)
        throw new Error(`Sign-in as ${email} failed with ${res.status}`);
    return agent;
}
/** Post a form the way a browser would: fetch the page for its CSRF token, then submit. */
export async function postForm(agent, formPage, action, fields) {
    const _csrf = await csrfFrom(agent, formPage);
    return agent
        .post(action)
        .type('form')
        .send({ _csrf, ...fields });
}
export async function createWorld(opts = {}) {
    const services = await createTestServices(opts);
    const app = createApp(services);
    const orgA = await createOrg(services, 'alpha');
    const orgB = await createOrg(services, 'beta');
    const agents = new Map();
    const tokens = new Map();
    return {
        services,
        app,
        orgA,
        orgB,
        async agent(org, role) {
            const key = `${org.slug}:${role}`;
            if (!agents.has(key))
                agents.set(key, await signIn(app, org.users[role].email));
            return agents.get(key);
        },
        async token(org, role) {
            const key = `${org.slug}:${role}`;
            if (!tokens.has(key)) {
                const { token } = await createApiToken(services.db, { ...org.actor, userId: org.users[role].id }, org.users[role].id, 'test');
                tokens.set(key, token);
            }
            return tokens.get(key);
        },
        close: () => services.close(),
    };
}
//# sourceMappingURL=world.js.map