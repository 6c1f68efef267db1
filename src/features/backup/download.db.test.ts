import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createApp } from '../../app.js';
import type { Services } from '../../container.js';
import { createTestServices } from '../../../test/support/services.js';
import { createOrg, csrfFrom, signIn, type TestOrg } from '../../../test/support/world.js';
import { verifyArchive } from './restore.js';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('an administrator downloads a backup from the admin pages while the server runs', () => {
  let services: Services;
  let app: Express;
  let org: TestOrg;

  beforeAll(async () => {
    services = await createTestServices();
    app = createApp(services);
    org = await createOrg(services, 'alpha');
  }, 180_000);
  afterAll(() => services?.close());

  it('downloads the whole database as a checked archive, and records who took it', async () => {
    const admin = await signIn(app, org.users.admin.email);
    const page = await admin.get('/admin/backup');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Download a backup');
    const _csrf = await csrfFrom(admin, '/admin/backup');
    const res = await admin.post('/admin/backup').type('form').send({ _csrf }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="waymark-backup-alpha-\d{8}-\d{4}Z\.jsonl\.gz"$/,
    );

    const body = res.body as Buffer;
    const summary = await verifyArchive(() => Readable.from([body]));
    expect(summary.tables.find((t) => t.name === 'users')?.rows).toBe(4);
    expect(summary.tables.find((t) => t.name === 'sessions')).toBeUndefined();
    // The audit event was written before the snapshot, so the backup itself shows who took it.
    const events = await services.db
      .selectFrom('auditEvents')
      .select(['entityType', 'userId', 'entityId'])
      .where('entityType', '=', 'backups')
      .execute();
    expect(events).toEqual([
      { entityType: 'backups', userId: org.users.admin.id, entityId: expect.stringMatching(/^waymark-backup-alpha-/) },
    ]);
    expect(zlib.gunzipSync(body).toString('utf8')).toContain(`"backups","${events[0].entityId}"`);
  });

  it('is for administrators only', async () => {
    const editor = await signIn(app, org.users.editor.email);
    expect((await editor.get('/admin/backup')).status).toBe(403);
    const _csrf = await csrfFrom(editor, '/plans');
    expect((await editor.post('/admin/backup').type('form').send({ _csrf })).status).toBe(403);
  });

  it('is refused on a server shared with another organisation, whose records a backup would include', async () => {
    await createOrg(services, 'beta');
    const admin = await signIn(app, org.users.admin.email);
    const page = await admin.get('/admin/backup');
    expect(page.status).toBe(200);
    expect(page.text).toContain('This Waymark holds 2 organisations');
    expect(page.text).not.toContain('Download a backup');
    const before = await services.db
      .selectFrom('auditEvents')
      .select('id')
      .where('entityType', '=', 'backups')
      .execute();
    const _csrf = await csrfFrom(admin, '/admin/backup');
    const res = await admin.post('/admin/backup').type('form').send({ _csrf });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(
      await services.db.selectFrom('auditEvents').select('id').where('entityType', '=', 'backups').execute(),
    ).toEqual(before);
  });
});
