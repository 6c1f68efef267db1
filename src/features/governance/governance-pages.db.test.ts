import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateBoxes, postForm, type World } from '../../../test/support/world.js';
import { governanceWorld, type GovernanceWorld } from '../../../test/support/governance.js';

// Each test makes its own meetings and items on the shared body, so they pass in any order or alone.
describe('governance pages with JavaScript off: meetings, members, attendance and who may update', () => {
  let w: World;
  let tokenA: string;
  let bodyId: string;
  let api: GovernanceWorld['api'];
  let addAction: GovernanceWorld['addAction'];

  beforeAll(async () => {
    ({ w, tokenA, bodyId, api, addAction } = await governanceWorld());
  });
  afterAll(() => w.close());

  it('runs a meeting through the forms with JavaScript off: agenda, attendance, minutes, questions, actions', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const newMeetingPage = `/governance/bodies/${bodyId}/meetings/new`;
    const newMeeting = await postForm(agent, newMeetingPage, newMeetingPage, {
      ...dateBoxes('meetingDate', '18/6/2025'),
      title: 'Improvement plan update',
      location: '',
    });
    expect(newMeeting.status).toBe(302);
    const meetingPath = newMeeting.headers.location as string;
    const meetingId = meetingPath.split('/').pop()!;
    /** Each of the meeting's forms posts to its own page. */
    const postMeetingForm = (form: string, fields: Record<string, string>) =>
      postForm(agent, `${meetingPath}/${form}`, `${meetingPath}/${form}`, fields);
    const postAction = (description: string, ownerId: string, due: string) =>
      postMeetingForm('actions/new', { description, ownerId, ...dateBoxes('dueDate', due) });
    const postQuestion = (question: string, submitted: string) =>
      postMeetingForm('questions/new', {
        askedBy: 'Cllr Avery Lane',
        question,
        ...dateBoxes('submittedOn', submitted),
      });
    const postEdit = (title: string, minutes: string) =>
      postMeetingForm('edit', { ...dateBoxes('meetingDate', '18/6/2025'), title, minutes, version: '1' });

    // a bad date and an empty title come back with GOV.UK error messages
    const bad = await postAction('', '', '31/2/2025');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter the action');
    expect(bad.text).toContain('Select the owner');
    expect(bad.text).toContain('Due date must be a real date');
    expect(bad.text).toContain('href="#dueDate-day"');

    const before = await postAction('Report on agency staff', w.orgA.users.contributor.id, '1/6/2025');
    expect(before.status).toBe(400);
    expect(before.text).toContain('Due date must be on or after the date of the meeting');

    const ok = await postAction('Report on agency staff', w.orgA.users.contributor.id, '16/7/2025');
    expect(ok.status).toBe(302);

    expect((await postMeetingForm('agenda/new', { title: 'Workforce', summary: '', link: '' })).status).toBe(302);
    expect((await postQuestion('How many cases are unallocated today?', '10/6/2025')).status).toBe(302);
    const lateQuestion = await postQuestion('Late?', '19/6/2025');
    expect(lateQuestion.status).toBe(400);
    expect(lateQuestion.text).toContain('Date submitted must be on or before the meeting date');

    const htmlMinutes = await postEdit('Improvement plan update', '<b>bold</b>');
    expect(htmlMinutes.status).toBe(400);
    expect(htmlMinutes.text).toContain('Minutes must be plain text');
    expect(htmlMinutes.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(htmlMinutes.text).not.toContain('<b>bold</b>');

    const minutes =
      'The committee discussed caseloads & agency staff.\n\n- 87% agency staff at the front door\n- HMOs down from 14 to 1\n\nACTION – add to action sheet';
    expect((await postEdit('Improvement plan update', minutes)).status).toBe(302);

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
    const stale = await postEdit('Stale', '');
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

  it('records members and their attendance, refusing a member of another body', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    /** Each form posts to its own page. */
    const post = (page: string, fields: Record<string, string>) => postForm(agent, page, page, fields);
    const addMember = (body: string, fields: Record<string, string>) =>
      post(`/governance/bodies/${body}/members/new`, fields);
    const added = await addMember(bodyId, { userId: '', name: 'Cllr Avery Lane', memberRole: 'chair' });
    expect(added.status).toBe(302);
    const noName = await addMember(bodyId, { userId: '', name: '', memberRole: 'member' });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('Enter the member’s name or select a Waymark user');
    const viaUser = await addMember(bodyId, { userId: w.orgA.users.viewer.id, name: '', memberRole: 'member' });
    expect(viaUser.status).toBe(302);
    const members = (
      await w.services.db.selectFrom('bodyMembers').select(['id', 'name']).where('bodyId', '=', bodyId).execute()
    ).sort((a, b) => a.name.localeCompare(b.name, 'en'));
    expect(members.map((m) => m.name)).toEqual(['alpha viewer', 'Cllr Avery Lane']);

    const meeting = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-07-16' })).body;
    const attendancePage = `/governance/meetings/${meeting.id}/attendance`;
    const saved = await post(attendancePage, {
      [`attendance[${members[0].id}]`]: 'apologies',
      [`attendance[${members[1].id}]`]: 'present',
    });
    expect(saved.status).toBe(302);
    const page = await agent.get(`/governance/meetings/${meeting.id}`);
    expect(page.text).toMatch(/alpha viewer<\/td>[\s\S]*?Apologies/);
    expect(page.text).toMatch(/Cllr Avery Lane<\/td>[\s\S]*?Present/);

    const otherBody = (await api(tokenA).post('/bodies', { name: 'Members’ Seminar', kind: 'members-seminar' })).body;
    const outsider = await addMember(otherBody.id, { name: 'Visitor', memberRole: 'member' });
    expect(outsider.status).toBe(302);
    const stranger = (
      await w.services.db
        .selectFrom('bodyMembers')
        .select('id')
        .where('bodyId', '=', otherBody.id)
        .executeTakeFirstOrThrow()
    ).id;
    const refused = await post(attendancePage, { [`attendance[${stranger}]`]: 'present' });
    expect(refused.status).toBe(422);
    expect(
      await w.services.db.selectFrom('meetingAttendance').select('id').where('memberId', '=', stranger).execute(),
    ).toEqual([]);
  });

  it('lets the owner of an action-sheet item update it from the reminder link, and nobody else below editor', async () => {
    const meeting = (await api(tokenA).post('/meetings', { bodyId, meetingDate: '2025-08-20' })).body;
    const item = (await addAction(tokenA, meeting.id, 'Owner updates this', w.orgA.users.contributor.id, '2025-09-01'))
      .body;
    const owner = await w.agent(w.orgA, 'contributor');
    const path = `/governance/action-items/${item.id}`;
    expect((await owner.get(path)).status).toBe(200);
    const saved = await postForm(owner, path, path, {
      description: 'Owner updates this',
      ownerId: w.orgA.users.contributor.id,
      ...dateBoxes('dueDate', '1/9/2025'),
      status: 'closed',
      progressNote: 'Done and circulated',
      version: '1',
    });
    expect(saved.status).toBe(302);
    const after = (await api(tokenA).get(`/action-sheet-items/${item.id}`)).body;
    expect(after).toMatchObject({ status: 'closed', closedOn: '2025-03-12', progressNote: 'Done and circulated' });
    const viewer = await w.agent(w.orgA, 'viewer');
    expect((await viewer.get(path)).status).toBe(403);
    const someoneElses = (await addAction(tokenA, meeting.id, 'Not yours', w.orgA.users.editor.id, '2025-09-01')).body;
    expect((await owner.get(`/governance/action-items/${someoneElses.id}`)).status).toBe(403);
  });
});
