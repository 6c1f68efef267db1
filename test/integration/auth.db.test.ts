import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, PASSWORD, signIn, type World } from '../support/world.js';

describe('sign-in, sessions and security headers', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(() => w.close());

  it('redirects an anonymous visitor to sign in', async () => {
    const res = await request(w.app).get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/sign-in');
  });

  it('signs in with email and password, stores the session in the database, and shows the organisation', async () => {
    const agent = await signIn(w.app, w.orgA.users.editor.email);
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Alpha Council');
    const sessions = await w.services.db.selectFrom('sessions').select('sess').execute();
    expect(sessions.some((s) => (s.sess as { userId?: string }).userId === w.orgA.users.editor.id)).toBe(true);
  });

  it('rejects a wrong password with the error summary pointing at the email field', async () => {
    const agent = request.agent(w.app);
    const _csrf = await csrfFrom(agent, '/sign-in');
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf, email: w.orgA.users.viewer.email, password: 'wrong-password-1' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('href="#email"');
  });

  it('names each missing field', async () => {
    const agent = request.agent(w.app);
    const _csrf = await csrfFrom(agent, '/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf, email: '', password: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Enter your email address');
    expect(res.text).toContain('Enter your password');
  });

  it('locks the account after five failures, even for the right password, until the lock expires', async () => {
    const email = w.orgB.users.viewer.email;
    const agent = request.agent(w.app);
    for (let i = 0; i < 5; i++) {
      const _csrf = await csrfFrom(agent, '/sign-in');
      await agent.post('/sign-in').type('form').send({ _csrf, email, password: 'not-the-password' });
    }
    const _csrf = await csrfFrom(agent, '/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf, email, password: PASSWORD });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Your account is locked');
    await w.services.db
      .updateTable('signInLockouts')
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where('emailKey', '=', email)
      .execute();
    await expect(signIn(w.app, email)).resolves.toBeTruthy();
  });

  it('refuses a form without a valid CSRF token', async () => {
    const agent = request.agent(w.app);
    await agent.get('/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ email: w.orgA.users.admin.email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Your form has expired');
    const forged = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: 'forged', email: w.orgA.users.admin.email, password: PASSWORD });
    expect(forged.status).toBe(403);
  });

  it('sends a nonce-based content security policy that matches the inline script', async () => {
    const res = await request(w.app).get('/sign-in');
    const csp = res.headers['content-security-policy'];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.text).toContain(`nonce="${nonce}"`);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('signs out, destroying the session', async () => {
    const agent = await signIn(w.app, w.orgA.users.contributor.email);
    const _csrf = await csrfFrom(agent, '/account');
    const out = await agent.post('/sign-out').type('form').send({ _csrf });
    expect(out.headers.location).toBe('/signed-out');
    const after = await agent.get('/');
    expect(after.status).toBe(302);
  });

  it('stops a viewer from reaching admin pages', async () => {
    const agent = await w.agent(w.orgA, 'viewer');
    const res = await agent.get('/admin');
    expect(res.status).toBe(403);
  });

  it('returns to the page first asked for, and never to another site', async () => {
    const agent = request.agent(w.app);
    await agent.get('/account');
    const _csrf = await csrfFrom(agent, '/sign-in');
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf, email: w.orgA.users.admin.email, password: PASSWORD });
    expect(res.headers.location).toBe('/account');
  });

  it('answers health checks without signing in', async () => {
    const res = await request(w.app).get('/health');
    expect(res.body).toMatchObject({ status: 'ok', database: w.services.engine });
    expect(res.body.version).toMatch(/\d+\.\d+\.\d+/);
  });

  it('renders the GOV.UK 404 page for an unknown address', async () => {
    const agent = await w.agent(w.orgA, 'admin');
    const res = await agent.get('/no-such-page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
  });
});

describe('oversized forms', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(() => w.close());

  it('answers 413 with the GOV.UK error page when a form is over the body limit', async () => {
    const agent = await w.agent(w.orgA, 'admin');
    const _csrf = await csrfFrom(agent, '/admin/users/new');
    const res = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf, displayName: 'x'.repeat(200 * 1024) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('The file or form is too large');
    const count = await w.services.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisationId', '=', w.orgA.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });
});
