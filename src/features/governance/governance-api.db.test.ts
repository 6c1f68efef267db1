import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, type World } from '../../../test/support/world.js';
import { governanceWorld, type GovernanceWorld } from '../../../test/support/governance.js';

// Each test makes its own meetings and items on the shared body, so they pass in any order or alone.
describe('governance through the API: decisions, call-in, action sheets, requests and the forward plan', () => {
  let w: World;
  let tokenA: string;
  let tokenB: string;
  let bodyId: string;
  let api: GovernanceWorld['api'];
  let count: GovernanceWorld['count'];
  let addAction: GovernanceWorld['addAction'];

  beforeAll(async () => {
    ({ w, tokenA, tokenB, bodyId, api, count, addAction } = await governanceWorld());
  });
  afterAll(() => w.close());

  /** A decision of the Cabinet, made and published on the dates given. */
  const decide = (token: string, title: string, madeDate: string, publishedDate: string) =>
    api(token).post('/decisions', { title, decisionMaker: 'Cabinet', madeDate, publishedDate });

  it('computes the call-in deadline of a decision (seed 002: published Monday 19 June 2023, call-in to midnight Friday 23 June)', async () => {
    const res = await decide(tokenA, 'ILACS outcome and action plan', '2023-06-15', '2023-06-19');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'ILACS outcome and action plan',
      callInDeadline: '2023-06-23',
      status: 'published',
    });
    const listed = await api(tokenA).get('/decisions');
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
  });

  it('skips bank holidays and follows the organisation’s own call-in rule', async () => {
    // Thursday 25 May 2023; Monday 29 May is a bank holiday → Thu, Fri, Tue, Wed, Thu 1 June.
    const spring = await decide(tokenA, 'Spring', '2023-05-25', '2023-05-25');
    expect(spring.body.callInDeadline).toBe('2023-06-01');
    const admin = await w.agent(w.orgB, 'admin');
    const saved = await postForm(admin, '/governance/settings', '/governance/settings', {
      callInWorkingDays: '5',
      callInCountsPublicationDay: 'no',
      reminderDaysAhead: '5',
      version: '0',
    });
    expect(saved.status).toBe(302);
    const b = await decide(tokenB, 'Other rule', '2023-06-15', '2023-06-19');
    expect(b.body.callInDeadline).toBe('2023-06-26');
    // organisation A keeps the default
    const a = await decide(tokenA, 'Default rule', '2023-06-15', '2023-06-19');
    expect(a.body.callInDeadline).toBe('2023-06-23');
  });

  it('carries open action-sheet items and outstanding requests forward to every later meeting until closed or met', async () => {
    const m1 = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-01-15', title: 'January' })).body;
    const m2 = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-02-19', title: 'February' })).body;
    const m3 = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-03-19', title: 'March' })).body;
    const other = (
      await api(tokenA).post('/bodies', { name: 'Corporate Parenting Board', kind: 'corporate-parenting-board' })
    ).body;
    const otherMeeting = (await api(tokenA).post('/meetings', { bodyId: other.id, meetingDate: '2025-02-01' })).body;

    const hmo = await addAction(
      tokenA,
      m1.id,
      'Share the HMO report with the Corporate Parenting Board',
      w.orgA.users.contributor.id,
      '2025-02-01',
    );
    expect(hmo.status).toBe(201);
    const caseload = await addAction(tokenA, m1.id, 'Update on caseloads', w.orgA.users.editor.id, '2025-02-19');
    await addAction(tokenA, otherMeeting.id, 'Another body’s action', w.orgA.users.editor.id, '2025-03-01');
    const staff = await api(tokenA).post('/information-requests', {
      meetingId: m1.id,
      requestedBy: 'The committee',
      request: 'Number of staff and how long they have worked here',
      dueDate: '2025-02-10',
    });
    expect(staff.status).toBe(201);

    const at2 = (await api(tokenA).get(`/meetings/${m2.id}`)).body;
    expect(
      at2.actionSheet.map((i: { description: string; carriedForward: boolean; overdue: boolean }) => [
        i.description,
        i.carriedForward,
        i.overdue,
      ]),
    ).toEqual([
      ['Share the HMO report with the Corporate Parenting Board', true, true],
      ['Update on caseloads', true, false],
    ]);
    expect(at2.outstandingRequests.map((r: { request: string }) => r.request)).toEqual([
      'Number of staff and how long they have worked here',
    ]);

    // Close the HMO item on 1 March and send the staffing answer on 5 March.
    const closed = await api(tokenA).patch(`/action-sheet-items/${hmo.body.id}`, {
      status: 'closed',
      closedOn: '2025-03-01',
      version: hmo.body.version,
    });
    expect(closed.status).toBe(200);
    expect(closed.body.closedOn).toBe('2025-03-01');
    const answered = await api(tokenA).patch(`/information-requests/${staff.body.id}`, {
      answer: '212 staff; median service 3 years',
      answeredOn: '2025-03-05',
      version: staff.body.version,
    });
    expect(answered.status).toBe(200);

    const at3 = (await api(tokenA).get(`/meetings/${m3.id}`)).body;
    expect(at3.actionSheet.map((i: { description: string }) => i.description)).toEqual(['Update on caseloads']);
    expect(at3.outstandingRequests).toEqual([]);
    // February's papers still show both as they were then.
    const again2 = (await api(tokenA).get(`/meetings/${m2.id}`)).body;
    expect(again2.actionSheet).toHaveLength(2);
    expect(again2.outstandingRequests).toHaveLength(1);

    // The prepare page for March lists the carried-forward caseload action.
    const agent = await w.agent(w.orgA, 'viewer');
    const prep = await agent.get(`/governance/meetings/${m3.id}/prepare`);
    expect(prep.status).toBe(200);
    expect(prep.text).toContain('Update on caseloads');
    expect(prep.text).not.toContain('Share the HMO report');
    expect(prep.text).not.toContain('Another body’s action');
    void caseload;
  });

  type Meeting = { id: string; version: number };
  type Refusal = {
    refused: string;
    send: (meeting: Meeting) => Promise<request.Response>;
    /** Every detail the answer gives, or (an object) what its first detail must hold. */
    details: { path: string; message: string }[] | { path: string; message?: unknown };
  };

  const refusals: Refusal[] = [
    {
      refused: 'a decision published before it was made',
      send: () => decide(tokenA, 'Backwards', '2023-06-19', '2023-06-15'),
      details: [
        { path: 'publishedDate', message: 'Date published must be on or after the date the decision was made' },
      ],
    },
    {
      refused: 'a decision made on a date that does not exist',
      send: () => decide(tokenA, 'Bad date', '2023-02-30', '2023-06-15'),
      details: { path: 'madeDate' },
    },
    {
      refused: 'a meeting of another organisation’s body',
      send: async () => {
        const foreignBody = (await api(tokenB).post('/bodies', { name: 'Beta Board', kind: 'improvement-board' })).body;
        return api(tokenA).post('/meetings', { bodyId: foreignBody.id, meetingDate: '2025-04-16' });
      },
      details: [{ path: 'bodyId', message: 'Select a body of your organisation' }],
    },
    {
      refused: 'an action owned by another organisation’s user',
      send: (meeting) => addAction(tokenA, meeting.id, 'x', w.orgB.users.editor.id, '2025-05-01'),
      details: [{ path: 'ownerId', message: 'Select an owner from your organisation' }],
    },
    {
      refused: 'an action due before its meeting',
      send: (meeting) => addAction(tokenA, meeting.id, 'x', w.orgA.users.editor.id, '2025-04-15'),
      details: [{ path: 'dueDate', message: 'Due date must be on or after the date of the meeting' }],
    },
    {
      refused: 'an information request due before its meeting',
      send: (meeting) =>
        api(tokenA).post('/information-requests', {
          meetingId: meeting.id,
          requestedBy: 'Chair',
          request: 'x',
          dueDate: '2025-01-01',
        }),
      details: { path: 'dueDate' },
    },
    {
      refused: 'an action on another organisation’s meeting',
      send: (meeting) => addAction(tokenB, meeting.id, 'x', w.orgB.users.editor.id, '2025-05-01'),
      details: { path: 'meetingId' },
    },
    {
      refused: 'minutes with HTML in them',
      send: (meeting) =>
        api(tokenA).patch(`/meetings/${meeting.id}`, {
          minutes: 'Fine\n<script>alert(1)</script>',
          version: meeting.version,
        }),
      details: { path: 'minutes', message: expect.stringMatching(/plain text without HTML tags/) },
    },
  ];

  // `%s` of a plain string, so each test's name carries the whole case (`$refused` would be quoted and cut short).
  it.each(refusals.map((r) => [r.refused, r] as const))(
    'refuses %s, naming the field and saving nothing',
    async (_refused, { send, details }) => {
      const meeting: Meeting = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-04-16' })).body;
      const counted = ['decisions', 'meetings', 'actionSheetItems', 'informationRequests'] as const;
      const counts = () => Promise.all(counted.map((table) => count(table)));
      const before = await counts();
      const res = await send(meeting);
      expect(res.status).toBe(422);
      if (Array.isArray(details)) expect(res.body.error.details).toEqual(details);
      else expect(res.body.error.details[0]).toMatchObject(details);
      expect(await counts()).toEqual(before);
      expect((await api(tokenA).get(`/meetings/${meeting.id}`)).body.minutes).toBeNull();
    },
  );

  it('treats another organisation’s records as not found, even with a bad body', async () => {
    const meeting = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-05-21' })).body;
    expect((await api(tokenB).get(`/meetings/${meeting.id}`)).status).toBe(404);
    expect((await api(tokenB).patch(`/meetings/${meeting.id}`, { meetingDate: 'not a date' })).status).toBe(404);
    expect((await api(tokenB).delete(`/meetings/${meeting.id}`)).status).toBe(404);
    const agentB = await w.agent(w.orgB, 'editor');
    expect((await agentB.get(`/governance/meetings/${meeting.id}`)).status).toBe(404);
    expect((await agentB.get(`/governance/bodies/${bodyId}`)).status).toBe(404);
    const csrfPage = '/governance/bodies/new';
    expect(
      (await postForm(agentB, csrfPage, `/governance/meetings/${meeting.id}/edit`, { 'meetingDate-day': '99' })).status,
    ).toBe(404);
    expect((await postForm(agentB, csrfPage, `/governance/meetings/${meeting.id}/actions/new`, {})).status).toBe(404);
    expect((await api(tokenA).get(`/meetings/${meeting.id}`)).status).toBe(200);
  });

  it('keeps forward-plan commitments recurring after each delivery', async () => {
    const created = await api(tokenA).post('/forward-plan', {
      bodyId,
      title: 'Regular update including target monitoring',
      recurrence: 'quarterly',
      dueDate: '2025-01-31',
    });
    expect(created.status).toBe(201);
    const agent = await w.agent(w.orgA, 'editor');
    const list = await agent.get('/governance/forward-plan');
    expect(list.text).toMatch(/Regular update including target monitoring[\s\S]*Overdue/);
    const delivered = await postForm(
      agent,
      '/governance/forward-plan',
      `/governance/forward-plan/${created.body.id}/deliver`,
      { version: String(created.body.version) },
    );
    expect(delivered.status).toBe(302);
    const after = (await api(tokenA).get('/forward-plan')).body.items.find(
      (f: { id: string }) => f.id === created.body.id,
    );
    expect(after).toMatchObject({ dueDate: '2025-04-30', lastDeliveredOn: '2025-03-12', status: 'planned' });
  });
});
