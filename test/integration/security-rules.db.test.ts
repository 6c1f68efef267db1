import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, PASSWORD, postForm, signIn, type World } from '../support/world.js';
import { loadConfig, ConfigError } from '../../src/config.js';
import { resolveSessionSecret } from '../../src/features/security/session-secret.js';

describe('caching, read rules, versions and sessions', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(() => w.close());

  it('sends Cache-Control: no-store on signed-in pages and API answers, and lets static assets cache', async () => {
    const agent = await w.agent(w.orgA, 'viewer');
    for (const page of ['/', '/plans', '/account', '/indicators']) {
      const res = await agent.get(page);
      expect(res.status, page).toBe(200);
      expect(res.headers['cache-control'], page).toBe('no-store');
    }
    const token = await w.token(w.orgA, 'viewer');
    const api = await request(w.app).get('/api/v1/plans').set('Authorization', `Bearer ${token}`);
    expect(api.status).toBe(200);
    expect(api.headers['cache-control']).toBe('no-store');
    const refused = await request(w.app).get('/api/v1/plans');
    expect(refused.status).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const css = await request(w.app).get('/stylesheets/govuk-frontend.min.css');
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).not.toContain('no-store');
  });

  it('shows the history of users and API tokens to administrators only', async () => {
    const admin = await w.agent(w.orgA, 'admin');
    const target = w.orgA.users.contributor;
    await postForm(admin, `/admin/users/${target.id}`, `/admin/users/${target.id}`, {
      displayName: 'Renamed contributor',
      role: 'contributor',
      active: 'yes',
      version: '1',
    });
    await w.token(w.orgA, 'viewer');
    const { id: tokenId } = await w.services.db
      .selectFrom('apiTokens')
      .select('id')
      .where('userId', '=', w.orgA.users.viewer.id)
      .executeTakeFirstOrThrow();
    expect((await admin.get(`/history/users/${target.id}`)).status).toBe(200);
    expect((await admin.get(`/history/apiTokens/${tokenId}`)).status).toBe(200);
    for (const role of ['viewer', 'contributor', 'editor'] as const) {
      const agent = await w.agent(w.orgA, role);
      // Before: 200 for anyone signed in to the organisation.
      expect((await agent.get(`/history/users/${target.id}`)).status, role).toBe(403);
      expect((await agent.get(`/history/apiTokens/${tokenId}`)).status, role).toBe(403);
    }
  });

  it('refuses a PATCH without "version" on risks and governance records, and a stale one with 409', async () => {
    const token = await w.token(w.orgA, 'editor');
    const api = (method: 'post' | 'patch', p: string, body: object) =>
      request(w.app)[method](`/api/v1${p}`).set('Authorization', `Bearer ${token}`).send(body);
    const risk = (await api('post', '/risks', { reference: 'V1', title: 'Versioned risk', likelihood: 2, impact: 2 }))
      .body;
    const body = (await api('post', '/bodies', { name: 'Versioned board', kind: 'improvement-board' })).body;
    const meeting = (await api('post', '/meetings', { bodyId: body.id, meetingDate: '2025-04-16' })).body;
    const decision = (
      await api('post', '/decisions', {
        title: 'A decision',
        decisionMaker: 'Cabinet',
        madeDate: '2025-04-01',
        publishedDate: '2025-04-02',
      })
    ).body;
    for (const [p, change] of [
      [`/risks/${risk.id}`, { title: 'Silently overwritten?' }],
      [`/meetings/${meeting.id}`, { title: 'Silently overwritten?' }],
      [`/decisions/${decision.id}`, { title: 'Silently overwritten?' }],
    ] as const) {
      const missing = await api('patch', p, change);
      // Before: 200, overwriting whatever anyone else had saved meanwhile.
      expect(missing.status, p).toBe(422);
      expect(missing.body.error.details[0].path).toBe('version');
      const stale = await api('patch', p, { ...change, version: 99 });
      expect(stale.status, p).toBe(409);
      const ok = await api('patch', p, { ...change, version: 1 });
      expect(ok.status, p).toBe(200);
    }
  });

  it('ends the other sessions when a password changes, keeps this one, and says the API tokens still work', async () => {
    const email = w.orgB.users.contributor.email;
    const here = await signIn(w.app, email);
    const elsewhere = await signIn(w.app, email);
    const token = await w.token(w.orgB, 'contributor');
    const res = await postForm(here, '/account', '/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a-brand-new-passphrase',
      confirmPassword: 'a-brand-new-passphrase',
    });
    expect(res.status).toBe(302);
    const account = await here.get('/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain('You have been signed out on the other device');
    expect(account.text).toContain('Your API token still works');
    // Before: the other session carried on.
    const other = await elsewhere.get('/account');
    expect(other.status).toBe(302);
    expect(other.headers.location).toBe('/sign-in');
    const api = await request(w.app).get('/api/v1/plans').set('Authorization', `Bearer ${token}`);
    expect(api.status).toBe(200);
  });

  it('ends a person’s sessions when an administrator changes their role, so the old role goes with them', async () => {
    const target = w.orgB.users.editor;
    const session = await signIn(w.app, target.email);
    expect((await session.get('/indicators/new')).status).toBe(200);
    const admin = await w.agent(w.orgB, 'admin');
    const row = await w.services.db
      .selectFrom('users')
      .select('version')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    const res = await postForm(admin, `/admin/users/${target.id}`, `/admin/users/${target.id}`, {
      displayName: 'beta editor',
      role: 'viewer',
      active: 'yes',
      version: String(row.version),
    });
    expect(res.status).toBe(302);
    const after = await session.get('/indicators/new');
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/sign-in');
    // The administrator's own session is untouched.
    expect((await admin.get('/admin')).status).toBe(200);
  });
});

describe('the session secret', () => {
  it('is required in production and must be long enough', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).sessionSecret).toBe('x'.repeat(40));
  });

  it('is created once in the data folder, readable by its owner only, and kept across restarts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-secret-'));
    try {
      const first = resolveSessionSecret(undefined, dir, false);
      expect(first.length).toBeGreaterThanOrEqual(32);
      const file = path.join(dir, 'session-secret');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(resolveSessionSecret(undefined, dir, false)).toBe(first);
      expect(resolveSessionSecret('configured-secret-of-at-least-32-chars', dir, false)).toBe(
        'configured-secret-of-at-least-32-chars',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
