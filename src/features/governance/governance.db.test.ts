import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, postForm, type World } from '../../../test/support/world.js';

describe('governance: bodies, meetings, action sheets, requests, questions and decisions', () => {
  let w: World;
  let tokenA: string;
  let tokenB: string;
  let bodyId: string;
  const api = (token: string) => ({
    get: (path: string) => request(w.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: unknown) =>
      request(w.app)
        .post(`/api/v1${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
    patch: (path: string, body: unknown) =>
      request(w.app)
        .patch(`/api/v1${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
    delete: (path: string) => request(w.app).delete(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
  });
  const count = async (
    table: 'meetings' | 'actionSheetItems' | 'informationRequests' | 'decisions' | 'meetingQuestions',
  ) =>
    Number(
      (
        await w.services.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    // "Today" is Wednesday 12 March 2025.
    w = await createWorld({ now: () => new Date('2025-03-12T10:00:00Z') });
    tokenA = await w.token(w.orgA, 'editor');
    tokenB = await w.token(w.orgB, 'editor');
    const res = await api(tokenA).post('/bodies', {
      name: 'Children’s Scrutiny Committee',
      kind: 'scrutiny-committee',
    });
    expect(res.status).toBe(201);
    bodyId = res.body.id;
  });
  afterAll(() => w.close());

  it('computes the call-in deadline of a decision (seed 002: published Monday 19 June 2023, call-in to midnight Friday 23 June)', async () => {
    const res = await api(tokenA).post('/decisions', {
      title: 'ILACS outcome and action plan',
      decisionMaker: 'Cabinet',
      madeDate: '2023-06-15',
      publishedDate: '2023-06-19',
    });
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
    const spring = await api(tokenA).post('/decisions', {
      title: 'Spring',
      decisionMaker: 'Cabinet',
      madeDate: '2023-05-25',
      publishedDate: '2023-05-25',
    });
    expect(spring.body.callInDeadline).toBe('2023-06-01');
    const admin = await w.agent(w.orgB, 'admin');
    const saved = await postForm(admin, '/governance/settings', '/governance/settings', {
      callInWorkingDays: '5',
      callInCountsPublicationDay: 'no',
      reminderDaysAhead: '5',
      version: '0',
    });
    expect(saved.status).toBe(302);
    const b = await api(tokenB).post('/decisions', {
      title: 'Other rule',
      decisionMaker: 'Cabinet',
      madeDate: '2023-06-15',
      publishedDate: '2023-06-19',
    });
    expect(b.body.callInDeadline).toBe('2023-06-26');
    // organisation A keeps the default
    const a = await api(tokenA).post('/decisions', {
      title: 'Default rule',
      decisionMaker: 'Cabinet',
      madeDate: '2023-06-15',
      publishedDate: '2023-06-19',
    });
    expect(a.body.callInDeadline).toBe('2023-06-23');
  });

  it('refuses a decision published before it was made, naming the field', async () => {
    const before = await count('decisions');
    const res = await api(tokenA).post('/decisions', {
      title: 'Backwards',
      decisionMaker: 'Cabinet',
      madeDate: '2023-06-19',
      publishedDate: '2023-06-15',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { path: 'publishedDate', message: 'Date published must be on or after the date the decision was made' },
    ]);
    const bad = await api(tokenA).post('/decisions', {
      title: 'Bad date',
      decisionMaker: 'Cabinet',
      madeDate: '2023-02-30',
      publishedDate: '2023-06-15',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('madeDate');
    expect(await count('decisions')).toBe(before);
  });

  it('carries open action-sheet items and outstanding requests forward to every later meeting until closed or met', async () => {
    const m1 = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-01-15', title: 'January' })).body;
    const m2 = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-02-19', title: 'February' })).body;
    const m3 = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-03-19', title: 'March' })).body;
    const other = (
      await api(tokenA).post('/bodies', { name: 'Corporate Parenting Board', kind: 'corporate-parenting-board' })
    ).body;
    const otherMeeting = (await api(tokenA).post('/meetings', { bodyId: other.id, meetingDate: '2025-02-01' })).body;

    const hmo = await api(tokenA).post('/action-sheet-items', {
      meetingId: m1.id,
      description: 'Share the HMO report with the Corporate Parenting Board',
      ownerId: w.orgA.users.contributor.id,
      dueDate: '2025-02-01',
    });
    expect(hmo.status).toBe(201);
    const caseload = await api(tokenA).post('/action-sheet-items', {
      meetingId: m1.id,
      description: 'Update on caseloads',
      ownerId: w.orgA.users.editor.id,
      dueDate: '2025-02-19',
    });
    await api(tokenA).post('/action-sheet-items', {
      meetingId: otherMeeting.id,
      description: 'Another body’s action',
      ownerId: w.orgA.users.editor.id,
      dueDate: '2025-03-01',
    });
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

  it('refuses bad input with messages naming the field, saving nothing', async () => {
    const meeting = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-04-16' })).body;
    const before = {
      meetings: await count('meetings'),
      items: await count('actionSheetItems'),
      requests: await count('informationRequests'),
    };
    const foreignBody = (await api(tokenB).post('/bodies', { name: 'Beta Board', kind: 'improvement-board' })).body;

    const inOtherBody = await api(tokenA).post('/meetings', { bodyId: foreignBody.id, meetingDate: '2025-04-16' });
    expect(inOtherBody.status).toBe(422);
    expect(inOtherBody.body.error.details).toEqual([{ path: 'bodyId', message: 'Select a body of your organisation' }]);

    const foreignOwner = await api(tokenA).post('/action-sheet-items', {
      meetingId: meeting.id,
      description: 'x',
      ownerId: w.orgB.users.editor.id,
      dueDate: '2025-05-01',
    });
    expect(foreignOwner.status).toBe(422);
    expect(foreignOwner.body.error.details).toEqual([
      { path: 'ownerId', message: 'Select an owner from your organisation' },
    ]);

    const early = await api(tokenA).post('/action-sheet-items', {
      meetingId: meeting.id,
      description: 'x',
      ownerId: w.orgA.users.editor.id,
      dueDate: '2025-04-15',
    });
    expect(early.status).toBe(422);
    expect(early.body.error.details).toEqual([
      { path: 'dueDate', message: 'Due date must be on or after the date of the meeting' },
    ]);

    const requestEarly = await api(tokenA).post('/information-requests', {
      meetingId: meeting.id,
      requestedBy: 'Chair',
      request: 'x',
      dueDate: '2025-01-01',
    });
    expect(requestEarly.status).toBe(422);
    expect(requestEarly.body.error.details[0].path).toBe('dueDate');

    const foreignMeeting = await api(tokenB).post('/action-sheet-items', {
      meetingId: meeting.id,
      description: 'x',
      ownerId: w.orgB.users.editor.id,
      dueDate: '2025-05-01',
    });
    expect(foreignMeeting.status).toBe(422);
    expect(foreignMeeting.body.error.details[0].path).toBe('meetingId');

    const script = await api(tokenA).patch(`/meetings/${meeting.id}`, {
      minutes: 'Fine\n<script>alert(1)</script>',
      version: meeting.version,
    });
    expect(script.status).toBe(422);
    expect(script.body.error.details[0].path).toBe('minutes');
    expect(script.body.error.details[0].message).toMatch(/plain text without HTML tags/);

    expect({
      meetings: await count('meetings'),
      items: await count('actionSheetItems'),
      requests: await count('informationRequests'),
    }).toEqual(before);
    expect((await api(tokenA).get(`/meetings/${meeting.id}`)).body.minutes).toBeNull();
  });

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

  it('runs a meeting through the forms with JavaScript off: agenda, attendance, minutes, questions, actions', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const newMeeting = await postForm(
      agent,
      `/governance/bodies/${bodyId}/meetings/new`,
      `/governance/bodies/${bodyId}/meetings/new`,
      {
        'meetingDate-day': '18',
        'meetingDate-month': '6',
        'meetingDate-year': '2025',
        title: 'Improvement plan update',
        location: '',
      },
    );
    expect(newMeeting.status).toBe(302);
    const meetingPath = newMeeting.headers.location as string;
    const meetingId = meetingPath.split('/').pop()!;

    // a bad date and an empty title come back with GOV.UK error messages
    const bad = await postForm(agent, `${meetingPath}/actions/new`, `${meetingPath}/actions/new`, {
      description: '',
      ownerId: '',
      'dueDate-day': '31',
      'dueDate-month': '2',
      'dueDate-year': '2025',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter the action');
    expect(bad.text).toContain('Select the owner');
    expect(bad.text).toContain('Due date must be a real date');
    expect(bad.text).toContain('href="#dueDate-day"');

    const before = await postForm(agent, `${meetingPath}/actions/new`, `${meetingPath}/actions/new`, {
      description: 'Report on agency staff',
      ownerId: w.orgA.users.contributor.id,
      'dueDate-day': '1',
      'dueDate-month': '6',
      'dueDate-year': '2025',
    });
    expect(before.status).toBe(400);
    expect(before.text).toContain('Due date must be on or after the date of the meeting');

    const ok = await postForm(agent, `${meetingPath}/actions/new`, `${meetingPath}/actions/new`, {
      description: 'Report on agency staff',
      ownerId: w.orgA.users.contributor.id,
      'dueDate-day': '16',
      'dueDate-month': '7',
      'dueDate-year': '2025',
    });
    expect(ok.status).toBe(302);

    expect(
      (
        await postForm(agent, `${meetingPath}/agenda/new`, `${meetingPath}/agenda/new`, {
          title: 'Workforce',
          summary: '',
          link: '',
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await postForm(agent, `${meetingPath}/questions/new`, `${meetingPath}/questions/new`, {
          askedBy: 'Cllr Avery Lane',
          question: 'How many cases are unallocated today?',
          'submittedOn-day': '10',
          'submittedOn-month': '6',
          'submittedOn-year': '2025',
        })
      ).status,
    ).toBe(302);
    const lateQuestion = await postForm(agent, `${meetingPath}/questions/new`, `${meetingPath}/questions/new`, {
      askedBy: 'Cllr Avery Lane',
      question: 'Late?',
      'submittedOn-day': '19',
      'submittedOn-month': '6',
      'submittedOn-year': '2025',
    });
    expect(lateQuestion.status).toBe(400);
    expect(lateQuestion.text).toContain('Date submitted must be on or before the meeting date');

    const htmlMinutes = await postForm(agent, `${meetingPath}/edit`, `${meetingPath}/edit`, {
      'meetingDate-day': '18',
      'meetingDate-month': '6',
      'meetingDate-year': '2025',
      title: 'Improvement plan update',
      minutes: '<b>bold</b>',
      version: '1',
    });
    expect(htmlMinutes.status).toBe(400);
    expect(htmlMinutes.text).toContain('Minutes must be plain text');
    expect(htmlMinutes.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(htmlMinutes.text).not.toContain('<b>bold</b>');

    const minutes =
      'The committee discussed caseloads & agency staff.\n\n- 87% agency staff at the front door\n- HMOs down from 14 to 1\n\nACTION – add to action sheet';
    expect(
      (
        await postForm(agent, `${meetingPath}/edit`, `${meetingPath}/edit`, {
          'meetingDate-day': '18',
          'meetingDate-month': '6',
          'meetingDate-year': '2025',
          title: 'Improvement plan update',
          minutes,
          version: '1',
        })
      ).status,
    ).toBe(302);

    const page = await agent.get(meetingPath);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<p class="govuk-body">The committee discussed caseloads &amp; agency staff.</p>');
    expect(page.text).toContain('<li>87% agency staff at the front door</li>');
    expect(page.text).toContain('Report on agency staff');
    expect(page.text).toContain('Workforce');
    expect(page.text).toContain('How many cases are unallocated today?');

    const prep = await agent.get(`${meetingPath}/prepare`);
    expect(prep.text).toContain('Unanswered questions submitted in advance');
    expect(prep.text).toContain('How many cases are unallocated today?');

    // a stale edit is refused
    const stale = await postForm(agent, `${meetingPath}/edit`, `${meetingPath}/edit`, {
      'meetingDate-day': '18',
      'meetingDate-month': '6',
      'meetingDate-year': '2025',
      title: 'Stale',
      minutes: '',
      version: '1',
    });
    expect(stale.status).toBe(409);
    expect((await api(tokenA).get(`/meetings/${meetingId}`)).body.title).toBe('Improvement plan update');
  });

  it('lets viewers read but not write', async () => {
    const viewer = await w.agent(w.orgA, 'viewer');
    expect((await viewer.get('/governance')).status).toBe(200);
    expect((await viewer.get('/governance/decisions')).status).toBe(200);
    expect((await viewer.get('/governance/bodies/new')).status).toBe(403);
    const viewerToken = await w.token(w.orgA, 'viewer');
    expect((await api(viewerToken).post('/bodies', { name: 'Nope', kind: 'other' })).status).toBe(403);
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

  it('records members and their attendance, refusing a member of another body', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const added = await postForm(
      agent,
      `/governance/bodies/${bodyId}/members/new`,
      `/governance/bodies/${bodyId}/members/new`,
      { userId: '', name: 'Cllr Avery Lane', memberRole: 'chair' },
    );
    expect(added.status).toBe(302);
    const noName = await postForm(
      agent,
      `/governance/bodies/${bodyId}/members/new`,
      `/governance/bodies/${bodyId}/members/new`,
      { userId: '', name: '', memberRole: 'member' },
    );
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('Enter the member’s name or select a Waymark user');
    const viaUser = await postForm(
      agent,
      `/governance/bodies/${bodyId}/members/new`,
      `/governance/bodies/${bodyId}/members/new`,
      { userId: w.orgA.users.viewer.id, name: '', memberRole: 'member' },
    );
    expect(viaUser.status).toBe(302);
    const members = (
      await w.services.db.selectFrom('bodyMembers').select(['id', 'name']).where('bodyId', '=', bodyId).execute()
    ).sort((a, b) => a.name.localeCompare(b.name, 'en'));
    expect(members.map((m) => m.name)).toEqual(['alpha viewer', 'Cllr Avery Lane']);

    const meeting = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-07-16' })).body;
    const saved = await postForm(
      agent,
      `/governance/meetings/${meeting.id}/attendance`,
      `/governance/meetings/${meeting.id}/attendance`,
      {
        [`attendance[${members[0].id}]`]: 'apologies',
        [`attendance[${members[1].id}]`]: 'present',
      },
    );
    expect(saved.status).toBe(302);
    const page = await agent.get(`/governance/meetings/${meeting.id}`);
    expect(page.text).toMatch(/alpha viewer<\/td>[\s\S]*?Apologies/);
    expect(page.text).toMatch(/Cllr Avery Lane<\/td>[\s\S]*?Present/);

    const otherBody = (await api(tokenA).post('/bodies', { name: 'Members’ Seminar', kind: 'members-seminar' })).body;
    const outsider = await postForm(
      agent,
      `/governance/bodies/${otherBody.id}/members/new`,
      `/governance/bodies/${otherBody.id}/members/new`,
      { name: 'Visitor', memberRole: 'member' },
    );
    expect(outsider.status).toBe(302);
    const stranger = (
      await w.services.db
        .selectFrom('bodyMembers')
        .select('id')
        .where('bodyId', '=', otherBody.id)
        .executeTakeFirstOrThrow()
    ).id;
    const refused = await postForm(
      agent,
      `/governance/meetings/${meeting.id}/attendance`,
      `/governance/meetings/${meeting.id}/attendance`,
      { [`attendance[${stranger}]`]: 'present' },
    );
    expect(refused.status).toBe(422);
    expect(
      await w.services.db.selectFrom('meetingAttendance').select('id').where('memberId', '=', stranger).execute(),
    ).toEqual([]);
  });

  it('lets the owner of an action-sheet item update it from the reminder link, and nobody else below editor', async () => {
    const meeting = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-08-20' })).body;
    const item = (
      await api(tokenA).post('/action-sheet-items', {
        meetingId: meeting.id,
        description: 'Owner updates this',
        ownerId: w.orgA.users.contributor.id,
        dueDate: '2025-09-01',
      })
    ).body;
    const owner = await w.agent(w.orgA, 'contributor');
    const path = `/governance/action-items/${item.id}`;
    expect((await owner.get(path)).status).toBe(200);
    const saved = await postForm(owner, path, path, {
      description: 'Owner updates this',
      ownerId: w.orgA.users.contributor.id,
      'dueDate-day': '1',
      'dueDate-month': '9',
      'dueDate-year': '2025',
      status: 'closed',
      progressNote: 'Done and circulated',
      version: '1',
    });
    expect(saved.status).toBe(302);
    const after = (await api(tokenA).get(`/action-sheet-items/${item.id}`)).body;
    expect(after).toMatchObject({ status: 'closed', closedOn: '2025-03-12', progressNote: 'Done and circulated' });
    const viewer = await w.agent(w.orgA, 'viewer');
    expect((await viewer.get(path)).status).toBe(403);
    const someoneElses = (
      await api(tokenA).post('/action-sheet-items', {
        meetingId: meeting.id,
        description: 'Not yours',
        ownerId: w.orgA.users.editor.id,
        dueDate: '2025-09-01',
      })
    ).body;
    expect((await owner.get(`/governance/action-items/${someoneElses.id}`)).status).toBe(403);
  });
});
