import request from 'supertest';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, postForm, type World } from '../../../test/support/world.js';
import { createSmallReportFixture } from './fixture.js';
import { unzipText } from './file-inspect.js';

// Issue 18: a pack belongs to a meeting, carries its agenda, and is named after the body and date.
describe('a board pack for a meeting', () => {
  let w: World;
  let planId: string;
  let meetingId: string;
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2026-11-30T10:00:00Z') });
    const fx = await createSmallReportFixture(w.services.db, w.orgA, '2026-11-30');
    planId = fx.planId;
    const governance = await import('../governance/service.js');
    const meeting = await governance.createMeeting(w.services.db, w.orgA.actor, {
      bodyId: fx.bodyId!,
      meetingDate: '2026-12-10',
      title: null,
      location: null,
      minutes: null,
    });
    meetingId = meeting.id;
    for (const title of ['Apologies and declarations', 'Performance report', 'Plan progress']) {
      await governance.addAgendaItem(w.services.db, w.orgA.actor, meeting.id, {
        title,
        summary: null,
        linkType: null,
        linkId: null,
      });
    }
  }, 120_000);
  afterAll(() => w.close());

  it('is named after the body and the meeting date, opens with the agenda, and is listed under the meeting', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const page = `/reports/new?type=improvement-board-pack&planId=${planId}`;
    const compose = parse((await agent.get(page)).text);
    expect(compose.querySelectorAll('#meetingId optgroup option').map((o) => o.text)).toContain('10 December 2026');
    const asked = await postForm(agent, page, '/reports/new', {
      type: 'improvement-board-pack',
      planId,
      meetingId,
      format: 'docx',
      sections: ['summary'],
      action: 'issue',
    });
    const fields = Object.fromEntries(
      parse(asked.text)
        .querySelectorAll('form input[type=hidden]')
        .filter((i) => i.getAttribute('name') !== 'sections')
        .map((i) => [i.getAttribute('name'), i.getAttribute('value')]),
    );
    const issued = await agent
      .post('/reports/new')
      .type('form')
      .send({ ...fields, sections: ['summary'] });
    expect(issued.status).toBe(303);
    const id = issued.headers.location.split('/').pop()!;
    const row = await w.services.db
      .selectFrom('issuedReports')
      .select(['title', 'meetingId'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Improvement board pack: Good and Beyond Board, 10 December 2026', meetingId });
    const print = parse((await agent.get(`/reports/${id}/print`)).text);
    expect(print.querySelector('#agenda')!.text).toBe('Agenda, 10 December 2026');
    expect(print.querySelectorAll('.report-agenda li strong').map((li) => li.text)).toEqual([
      'Apologies and declarations',
      'Performance report',
      'Plan progress',
    ]);
    const xml = (
      await unzipText(
        Buffer.from(
          (
            await w.services.db
              .selectFrom('issuedReportFiles')
              .select('bytes')
              .where('reportId', '=', id)
              .where('format', '=', 'docx')
              .executeTakeFirstOrThrow()
          ).bytes,
        ),
      )
    ).get('word/document.xml')!;
    expect(xml).toContain('Agenda, 10 December 2026');
    expect(xml).toContain('Performance report');
  });

  it('refuses another organisation’s meeting (404)', async () => {
    const other = await import('../governance/service.js');
    const body = await other.createBody(w.services.db, w.orgB.actor, {
      name: 'Other board',
      kind: 'improvement-board',
      description: null,
    });
    const foreign = await other.createMeeting(w.services.db, w.orgB.actor, {
      bodyId: body.id,
      meetingDate: '2026-12-11',
      title: null,
      location: null,
      minutes: null,
    });
    const token = await w.token(w.orgA, 'editor');
    const res = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'improvement-board-pack', planId, format: 'html', meetingId: foreign.id });
    expect(res.status).toBe(404);
  });
});
