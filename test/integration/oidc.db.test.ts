import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createWorld, type World } from '../support/world.js';

const CLIENT = { client_id: 'waymark', client_secret: 'test-client-secret-of-enough-length' };
const REDIRECT = 'http://localhost/auth/oidc/callback';

/** A real OpenID provider on a local port, which signs in whoever `nextAccount` names without a form. */
async function startProvider(accounts: Record<string, { email: string }>) {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state = { nextAccount: Object.keys(accounts)[0] };
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: async (_ctx, sub) =>
      accounts[sub] ? { accountId: sub, claims: async () => ({ sub, email: accounts[sub].email }) } : undefined,
    claims: { openid: ['sub'], email: ['email'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['a-test-cookie-signing-key'] },
  });
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: state.nextAccount, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: state.nextAccount }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    callback(req, res);
  });
  return { issuer, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Follow the provider's redirects (keeping its cookies) until it sends the browser back to Waymark. */
async function followToCallback(authUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair.split('=');
      jar.set(name.trim(), value.join('='));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`The provider stopped at ${url} with ${res.status}: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT)) return next;
    url = next.href;
  }
  throw new Error('Too many redirects');
}

describe('OpenID Connect sign-in against a local oidc-provider', () => {
  let w: World;
  let idp: Awaited<ReturnType<typeof startProvider>>;

  beforeAll(async () => {
    idp = await startProvider({
      'sub-editor': { email: 'EDITOR@alpha.test' },
      'sub-stranger': { email: 'nobody@elsewhere.test' },
    });
    w = await createWorld({
      config: {
        baseUrl: 'http://localhost',
        oidc: {
          issuer: idp.issuer,
          clientId: CLIENT.client_id,
          clientSecret: CLIENT.client_secret,
          redirectUri: REDIRECT,
          allowHttp: true,
        },
      },
    });
  });
  afterAll(async () => {
    await w.close();
    await idp.close();
  });

  it('offers single sign-on on the sign-in page', async () => {
    const res = await request(w.app).get('/sign-in');
    expect(res.text).toContain('Sign in with your organisation account');
  });

  it('signs in a known user by email, then remembers their subject', async () => {
    idp.state.nextAccount = 'sub-editor';
    const agent = request.agent(w.app);
    const start = await agent.get('/auth/oidc/login');
    expect(start.status).toBe(302);
    const authUrl = new URL(start.headers.location);
    expect(authUrl.origin).toBe(idp.issuer);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const back = await followToCallback(authUrl.href);
    const done = await agent.get(back.pathname + back.search);
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/');
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('alpha editor');
    const user = await w.services.db
      .selectFrom('users')
      .select('oidcSubject')
      .where('id', '=', w.orgA.users.editor.id)
      .executeTakeFirstOrThrow();
    expect(user.oidcSubject).toBe('sub-editor');
  });

  it('refuses someone with no Waymark account', async () => {
    idp.state.nextAccount = 'sub-stranger';
    const agent = request.agent(w.app);
    const start = await agent.get('/auth/oidc/login');
    const back = await followToCallback(start.headers.location);
    const done = await agent.get(back.pathname + back.search);
    expect(done.status).toBe(401);
    expect(done.text).toContain('There is no Waymark account');
    expect((await agent.get('/')).status).toBe(302);
  });

  it('refuses a callback whose state does not match', async () => {
    idp.state.nextAccount = 'sub-editor';
    const agent = request.agent(w.app);
    const start = await agent.get('/auth/oidc/login');
    const back = await followToCallback(start.headers.location);
    back.searchParams.set('state', 'tampered');
    const done = await agent.get(back.pathname + back.search);
    expect(done.status).toBe(401);
    expect(done.text).toContain('Single sign-on did not complete');
  });
});
