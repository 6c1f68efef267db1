import { parse } from 'node-html-parser';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, demoContextFor, type World } from '../support/world.js';
import { seedInspectionsDemo } from '../../src/features/inspections/demo.js';
import { seedPlansDemo } from '../../src/features/plans/demo.js';
import { todayInLondon } from '../../src/lib/dates.js';

/** The hidden fields of the page's first form that posts to `action`, as the browser would send them. */
async function formOf(agent: request.Agent, page: string, action = page) {
  const res = await agent.get(page);
  expect(res.status).toBe(200);
  const form = parse(res.text)
    .querySelectorAll('form')
    .find((f) => (f.getAttribute('action') || page) === action)!;
  const value = (name: string) => form.querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? '';
  return { _csrf: value('_csrf'), _once: value('_once') };
}

/** The new-body form sent with the tokens it was shown with (a browser sending the same page again). */
const sendBody = (agent: request.Agent, hidden: { _csrf: string; _once: string }, name: string) =>
  agent
    .post('/governance/bodies/new')
    .type('form')
    .send({ ...hidden, name, kind: 'improvement-board' });

const bodiesNamed = (w: World, name: string) =>
  w.services.db
    .selectFrom('bodies')
    .select('id')
    .where('organisationId', '=', w.orgA.id)
    .where('name', '=', name)
    .execute();

/**
 * A form sent twice is saved once (src/form-submissions/send-once.ts): a double click with JavaScript
 * off, or a page brought back from the browser's history and sent again.
 */
describe('a form sent twice is saved once', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(() => w.close());

  it('gives every form its own one-time token beside its CSRF token', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const a = await formOf(agent, '/governance/bodies/new');
    const b = await formOf(agent, '/governance/bodies/new');
    expect(a._once).toMatch(/^[0-9a-f-]{36}$/);
    expect(b._once).not.toBe(a._once);
  });

  it('saves a form sent twice at once one time, and sends both to the same page', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const hidden = await formOf(agent, '/governance/bodies/new');
    const send = () => sendBody(agent, hidden, 'Double-clicked board');
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status, second.status].sort()).toEqual([302, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    const saved = await bodiesNamed(w, 'Double-clicked board');
    expect(saved).toHaveLength(1);
    expect(first.headers.location).toBe(`/governance/bodies/${saved[0].id}`);
    // What the first sending had to say is said on the page both lead to.
    expect((await agent.get(first.headers.location)).text).toContain('Double-clicked board has been added');

    // The same page sent again later (from the browser's history): led to the same place, nothing saved.
    const later = await send();
    expect(later.status).toBe(303);
    expect(later.headers.location).toBe(first.headers.location);
    expect(await bodiesNamed(w, 'Double-clicked board')).toHaveLength(1);
    // As a browser does when it follows the first answer and then the second's: the message is said on the
    // page it ends on, not spent on the page it left.
    expect((await agent.get(later.headers.location)).text).toContain('Double-clicked board has been added');
  });

  it('reads a form brought back and changed as a new sending, not a copy', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const hidden = await formOf(agent, '/governance/bodies/new');
    const post = (name: string) => sendBody(agent, hidden, name);
    expect((await post('First of two boards')).status).toBe(302);
    const second = await post('Second of two boards');
    expect(second.status).toBe(302);
    expect(await bodiesNamed(w, 'First of two boards')).toHaveLength(1);
    expect(await bodiesNamed(w, 'Second of two boards')).toHaveLength(1);
  });

  it('reads a form again once the first sending was shown back with errors', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const hidden = await formOf(agent, '/governance/bodies/new');
    const post = (name: string) => sendBody(agent, hidden, name);
    expect((await post('')).status).toBe(400);
    expect((await post('Corrected board')).status).toBe(302);
    expect(await bodiesNamed(w, 'Corrected board')).toHaveLength(1);
  });

  it('keeps one person’s token to them: another user’s form with the same token is their own', async () => {
    const editor = await w.agent(w.orgA, 'editor');
    const admin = await w.agent(w.orgA, 'admin');
    const hidden = await formOf(editor, '/governance/bodies/new');
    const mine = await sendBody(editor, hidden, 'Editor’s board');
    expect(mine.status).toBe(302);
    const { _csrf } = await formOf(admin, '/governance/bodies/new');
    const theirs = await sendBody(admin, { _csrf, _once: hidden._once }, 'Admin’s board');
    expect(theirs.status).toBe(302);
    expect(await bodiesNamed(w, 'Admin’s board')).toHaveLength(1);
  });

  it('saves an update with evidence (a file upload form) sent twice at once one time', async () => {
    const ctx = demoContextFor(w.orgA);
    await seedInspectionsDemo(w.services, ctx);
    await seedPlansDemo(w.services, ctx);
    const action = await w.services.db
      .selectFrom('actions')
      .select('id')
      .where('organisationId', '=', w.orgA.id)
      .where('ownerId', '=', w.orgA.users.contributor.id)
      .executeTakeFirstOrThrow();
    const agent = await w.agent(w.orgA, 'contributor');
    const page = `/actions/${action.id}/updates/new`;
    const hidden = await formOf(agent, page);
    const [y, m, d] = todayInLondon().split('-');
    const todayTyped = `${Number(d)}/${Number(m)}/${y}`;
    const send = () =>
      agent
        .post(page)
        .field('_csrf', hidden._csrf)
        .field('_once', hidden._once)
        .field('date', todayTyped)
        .field('narrative', 'Sent twice by a double click')
        .field('ownerRag', 'red')
        .attach('files', Buffer.from('%PDF-1.7\n%demo\n'), 'minutes.pdf');
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status, second.status].sort()).toEqual([302, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    const updates = await w.services.db
      .selectFrom('actionUpdates')
      .select('id')
      .where('actionId', '=', action.id)
      .where('narrative', '=', 'Sent twice by a double click')
      .execute();
    expect(updates).toHaveLength(1);
  });
});
