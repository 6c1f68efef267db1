import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, postForm, type World } from '../support/world.js';
import { updateAudited } from '../../src/features/audit/audit.js';
import { ConflictError } from '../../src/lib/errors.js';

describe('audit trail and optimistic concurrency', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(() => w.close());

  it('records who changed a user, with before and after, and shows it on the history page', async () => {
    const admin = await w.agent(w.orgA, 'admin');
    const target = w.orgA.users.viewer;
    const res = await postForm(admin, `/admin/users/${target.id}`, `/admin/users/${target.id}`, {
      displayName: 'Councillor Renamed',
      role: 'viewer',
      active: 'yes',
      version: '1',
    });
    expect(res.status).toBe(302);
    const events = await w.services.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('entityId', '=', target.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'update', entityType: 'users', userId: w.orgA.users.admin.id });
    expect((events[0].before as { displayName: string }).displayName).toBe('alpha viewer');
    expect((events[0].after as { displayName: string }).displayName).toBe('Councillor Renamed');
    const page = await admin.get(`/history/users/${target.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Display name');
    expect(page.text).toContain('Councillor Renamed');
    expect(page.text).not.toContain('Password hash');
  });

  it('refuses a stale edit and keeps the other person’s change', async () => {
    const admin = await w.agent(w.orgA, 'admin');
    const target = w.orgA.users.contributor;
    await postForm(admin, `/admin/users/${target.id}`, `/admin/users/${target.id}`, {
      displayName: 'First edit',
      role: 'contributor',
      active: 'yes',
      version: '1',
    });
    const stale = await postForm(admin, `/admin/users/${target.id}`, `/admin/users/${target.id}`, {
      displayName: 'Stale edit',
      role: 'contributor',
      active: 'yes',
      version: '1',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone else changed this record');
    const row = await w.services.db
      .selectFrom('users')
      .select('displayName')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row.displayName).toBe('First edit');
    await expect(
      updateAudited(w.services.db, w.orgA.actor, 'users', target.id, { displayName: 'x' }, 1),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('cannot be altered or deleted: the table is append-only', async () => {
    await expect(sql`update audit_events set actor = 'someone else'`.execute(w.services.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events`.execute(w.services.db)).rejects.toThrow(/append-only/);
  });

  it('does not show one organisation’s history to another', async () => {
    const other = await w.agent(w.orgB, 'admin');
    const res = await other.get(`/history/users/${w.orgA.users.viewer.id}`);
    expect(res.status).toBe(404);
  });
});
