import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../support/world.js';
import { revokeToken } from '../../src/features/account/tokens.js';

describe('JSON API conventions', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(() => w.close());

  it('identifies the token owner', async () => {
    const token = await w.token(w.orgA, 'editor');
    const res = await request(w.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: w.orgA.users.editor.email,
      role: 'editor',
      organisation: { slug: 'alpha' },
    });
  });

  it.each([
    ['no header', undefined],
    ['a malformed token', 'Bearer not-a-token'],
    ['an unknown well-formed token', `Bearer wm_${'a'.repeat(43)}`],
    ['a different scheme', 'Basic dXNlcjpwYXNz'],
  ])('gives 401 with the error shape for %s', async (_label, header) => {
    const req = request(w.app).get('/api/v1/me');
    if (header) req.set('Authorization', header);
    const res = await req;
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'unauthorised' });
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(res.body.error.details).toEqual([]);
  });

  it('refuses a revoked token', async () => {
    const { createApiToken } = await import('../../src/features/account/tokens.js');
    const created = await createApiToken(w.services.db, w.orgA.actor, w.orgA.users.admin.id, 'to revoke');
    expect((await request(w.app).get('/api/v1/me').set('Authorization', `Bearer ${created.token}`)).status).toBe(200);
    await revokeToken(w.services.db, w.orgA.actor, w.orgA.users.admin.id, created.id);
    expect((await request(w.app).get('/api/v1/me').set('Authorization', `Bearer ${created.token}`)).status).toBe(401);
  });

  it('stores only a hash of each token', async () => {
    const token = await w.token(w.orgB, 'admin');
    const rows = await w.services.db.selectFrom('apiTokens').select(['tokenHash', 'tokenPrefix']).execute();
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.some((r) => token.startsWith(r.tokenPrefix))).toBe(true);
  });

  it('gives 404 JSON for an unknown endpoint', async () => {
    const token = await w.token(w.orgA, 'admin');
    const res = await request(w.app).get('/api/v1/nothing-here').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not-found');
  });

  it('gives 413 for a body over the limit and 400 for malformed JSON', async () => {
    const token = await w.token(w.orgA, 'admin');
    const big = await request(w.app)
      .post('/api/v1/me')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(200 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload-too-large');
    const bad = await request(w.app)
      .post('/api/v1/me')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad-request');
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await request(w.app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/me'].get.responses['200'].content['application/json'].schema.properties.email).toBeTruthy();
    expect(res.body.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
  });
});
