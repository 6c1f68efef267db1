import request from 'supertest';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, postForm, type World } from '../support/world.js';
import * as governance from '../../src/features/governance/service.js';

// Defects found walking the journeys of issue 18, each checked as a person would meet it.
describe('journeys a council officer can trust', () => {
  let w: World;
  let actionId: string;
  const text = (html: string) => parse(html).textContent.replace(/\s+/g, ' ');

  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2025-06-04T10:00:00Z') });
    // Records made straight in the database (as demo and imported data are) have no audit history.
    const plan = await w.services.db
      .insertInto('plans')
      .values({
        organisationId: w.orgA.id,
        title: 'Plan',
        startDate: '2025-04-01',
        endDate: '2027-03-31',
        lineageId: '00000000-0000-4000-8000-000000000001',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const action = await w.services.db
      .insertInto('actions')
      .values({
        organisationId: w.orgA.id,
        planId: plan.id,
        reference: '1',
        title: 'A',
        startDate: '2025-04-01',
        dueDate: '2026-03-31',
        ownerId: w.orgA.users.contributor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    actionId = action.id;
  }, 60_000);
  afterAll(() => w.close());

  it('a history link of a record with no changes yet opens, saying so; another organisation’s is not found', async () => {
    // People and the organisation's settings are an administrator's to read (history-read-rules.ts).
    const agent = await w.agent(w.orgA, 'admin');
    for (const path of [
      `/history/actions/${actionId}`,
      `/history/organisations/${w.orgA.id}`,
      `/history/users/${w.orgA.users.editor.id}`,
    ]) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
      expect(text(res.text)).toContain('No changes recorded yet');
    }
    const other = await w.agent(w.orgB, 'admin');
    expect((await other.get(`/history/actions/${actionId}`)).status).toBe(404);
    expect((await other.get(`/history/organisations/${w.orgA.id}`)).status).toBe(404);
    expect((await agent.get(`/history/no-such-table/${actionId}`)).status).toBe(404);
  });

  it('a forbidden page says which role is needed and gives a way back', async () => {
    const agent = await w.agent(w.orgA, 'viewer');
    const res = await agent.get('/plans/new').set('Host', 'waymark.test').set('Referer', 'http://waymark.test/plans');
    expect(res.status).toBe(403);
    const page = parse(res.text);
    expect(text(res.text)).toContain('This needs the editor role. You are signed in as viewer.');
    const back = page.querySelectorAll('main a').find((a) => a.textContent === 'Go back');
    expect(back?.getAttribute('href')).toBe('/plans');
    const direct = await agent.get('/admin');
    expect(
      parse(direct.text)
        .querySelectorAll('main a')
        .some((a) => a.textContent === 'Go to the overview' && a.getAttribute('href') === '/'),
    ).toBe(true);
  });

  it('shows a small evidence file’s size honestly ("68 bytes", not "(0 KB)")', async () => {
    const agent = await w.agent(w.orgA, 'contributor');
    const page = `/actions/${actionId}/updates/new`;
    const token = await csrfFrom(agent, page);
    const content = Buffer.from('a'.repeat(67) + '\n');
    expect(content.length).toBe(68);
    const res = await agent
      .post(page)
      .field('_csrf', token)
      .field('date-day', '3')
      .field('date-month', '6')
      .field('date-year', '2025')
      .field('narrative', 'Notes attached')
      .field('ownerRag', 'green')
      .attach('files', content, 'notes.txt');
    expect(res.status).toBe(302);
    const shown = text((await agent.get(`/actions/${actionId}`)).text);
    expect(shown).toContain('notes.txt (68 bytes)');
    expect(shown).not.toContain('0 KB');
  });

  it('the API refuses an ambiguous decimal comma in a whole-number field, naming it', async () => {
    const token = await w.token(w.orgA, 'editor');
    const res = await request(w.app)
      .post('/api/v1/plans')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'X', startDate: '2025-04-01', endDate: '2026-03-31', toleranceWorkingDays: 1.5 });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('toleranceWorkingDays');
  });

  it('reorders agenda items with plain buttons (no JavaScript), and the home page says whose action-sheet items it counts', async () => {
    const db = w.services.db;
    const actor = w.orgA.actor;
    const board = await governance.createBody(db, actor, {
      name: 'Improvement Board',
      kind: 'improvement-board',
      description: null,
    });
    const scrutiny = await governance.createBody(db, actor, {
      name: 'Children’s Scrutiny Committee',
      kind: 'scrutiny-committee',
      description: null,
    });
    const meeting = await governance.createMeeting(db, actor, {
      bodyId: board.id,
      meetingDate: '2025-06-10',
      title: null,
      location: null,
      minutes: null,
    });
    const other = await governance.createMeeting(db, actor, {
      bodyId: scrutiny.id,
      meetingDate: '2025-06-12',
      title: null,
      location: null,
      minutes: null,
    });
    for (const title of ['Apologies', 'Performance report', 'Any other business']) {
      await governance.addAgendaItem(db, actor, meeting.id, { title, summary: null, linkType: null, linkId: null });
    }
    const agent = await w.agent(w.orgA, 'editor');
    const page = `/governance/meetings/${meeting.id}`;
    const titles = async () =>
      parse((await agent.get(page)).text)
        .querySelectorAll('#agenda tbody tr')
        .map((r) => r.querySelectorAll('td')[1].textContent.trim());
    expect(await titles()).toEqual(['Apologies', 'Performance report', 'Any other business']);
    const aob = (await governance.listAgenda(db, w.orgA.id, meeting.id)).find((a) => a.title === 'Any other business')!;
    expect((await postForm(agent, page, `/governance/agenda-items/${aob.id}/move`, { direction: 'up' })).status).toBe(
      302,
    );
    expect(await titles()).toEqual(['Apologies', 'Any other business', 'Performance report']);
    await postForm(agent, page, `/governance/agenda-items/${aob.id}/move`, { direction: 'up' });
    await postForm(agent, page, `/governance/agenda-items/${aob.id}/move`, { direction: 'up' });
    expect(await titles()).toEqual(['Any other business', 'Apologies', 'Performance report']);
    const owner = w.orgA.users.contributor.id;
    await governance.createActionItem(
      db,
      actor,
      {
        meetingId: meeting.id,
        description: 'Send the audit',
        ownerId: owner,
        dueDate: '2025-07-01',
        agendaItemId: null,
        planActionId: null,
        status: 'open',
        closedOn: null,
        progressNote: null,
      },
      '2025-06-04',
    );
    await governance.createActionItem(
      db,
      actor,
      {
        meetingId: other.id,
        description: 'Report back',
        ownerId: w.orgA.users.editor.id,
        dueDate: '2025-07-01',
        agendaItemId: null,
        planActionId: null,
        status: 'open',
        closedOn: null,
        progressNote: null,
      },
      '2025-06-04',
    );
    const home = text((await (await w.agent(w.orgA, 'contributor')).get('/')).text);
    expect(home).toContain('All boards and committees: 1 Children’s Scrutiny Committee, 1 Improvement Board; 1 yours.');
  });
});
