import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, postForm, type TestOrg, type World } from '../../../test/support/world.js';
import { loadHolidays } from './holidays.js';

describe('bank holidays and the working-days API', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2023-06-01T10:00:00Z') });
  });
  afterAll(() => w.close());

  const addWorkingDaysApi = async (org: TestOrg, query: string) =>
    request(w.app)
      .get(`/api/v1/working-days/add?${query}`)
      .set('Authorization', `Bearer ${await w.token(org, 'viewer')}`);
  const addDay = (admin: request.Agent, fields: { date: string; title: string }) =>
    postForm(admin, '/admin/bank-holidays', '/admin/bank-holidays', fields);

  it('loads the England and Wales snapshot into the database', async () => {
    const days = await loadHolidays(w.services.db, w.orgA.id);
    expect(days.has('2023-05-08')).toBe(true);
    expect(days.has('2022-09-19')).toBe(true);
    expect(days.size).toBeGreaterThanOrEqual(170);
  });

  // Organisation B: A gains a one-off closure day below, and each test stands alone in any order.
  it('adds 70 working days to a publication date over the API', async () => {
    const res = await addWorkingDaysApi(w.orgB, 'from=2023-05-09&days=70');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ date: '2023-08-16' });
  });

  it.each([
    ['from=2023-02-30&days=1', 'from'],
    ['from=9%20May%202023&days=1', 'from'],
    ['from=2023-05-09&days=seventy', 'days'],
    ['days=3', 'from'],
  ])('names the bad query parameter in %s', async (query, path) => {
    const res = await addWorkingDaysApi(w.orgA, query);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('lets an admin add a one-off day that then counts only for their organisation', async () => {
    const admin = await w.agent(w.orgA, 'admin');
    const bad = await addDay(admin, { date: '2023-13-01', title: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Date must be a real date');
    expect(bad.text).toContain('Enter the name of the day');
    const ok = await addDay(admin, { date: '2023-08-14', title: 'Council closure day' });
    expect(ok.status).toBe(302);
    const a = await addWorkingDaysApi(w.orgA, 'from=2023-05-09&days=70');
    const b = await addWorkingDaysApi(w.orgB, 'from=2023-05-09&days=70');
    expect(a.body.date).toBe('2023-08-17');
    expect(b.body.date).toBe('2023-08-16');
    const page = await admin.get('/admin/bank-holidays');
    expect(page.text).toContain('Council closure day');
  });

  it('refuses to add a day that is already a holiday, and keeps national days out of reach', async () => {
    const admin = await w.agent(w.orgA, 'admin');
    const dup = await addDay(admin, { date: '2023-12-25', title: 'Christmas again' });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('already a bank holiday');
    const national = await w.services.db
      .selectFrom('bankHolidays')
      .select('id')
      .where('date', '=', '2023-12-25')
      .executeTakeFirstOrThrow();
    const del = await postForm(admin, '/admin/bank-holidays', `/admin/bank-holidays/${national.id}/delete`, {});
    expect(del.status).toBe(404);
  });

  it('is for administrators only', async () => {
    const editor = await w.agent(w.orgA, 'editor');
    expect((await editor.get('/admin/bank-holidays')).status).toBe(403);
  });
});
