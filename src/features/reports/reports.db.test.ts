import request from 'supertest';
import ExcelJS from 'exceljs';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, postForm, type World } from '../../../test/support/world.js';
import { createReportFixture } from './fixture.js';
import { pdfTestsCanRun, pdfText, unzipText } from './file-inspect.js';
import { NARRATIVE_LIMIT } from './build.js';
import { seedReportsDemo } from './demo.js';

const TODAY = '2025-03-14';
const LONG_NARRATIVE = `Start of a very long update. ${'The service continues to recruit and audit. '.repeat(1000)}`;
const NASTY_TITLE = '=HYPERLINK("http://evil.example","Click") & <b>bold</b>';

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('reports from live data', () => {
  let w: World;
  let planId: string;
  let emptyPlanId: string;
  let bodyId: string;
  let foreignPlanId: string;
  let foreignBodyId: string;
  let token: string;
  const api = (path: string) =>
    request(w.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary);

  beforeAll(async () => {
    w = await createWorld({ now: () => new Date(`${TODAY}T12:00:00Z`) });
    const fx = await createReportFixture(w.services.db, {
      organisationId: w.orgA.id,
      ownerId: w.orgA.users.contributor.id,
      actions: 12,
      indicators: 3,
      today: TODAY,
      withGovernance: true,
      withFindings: true,
      firstTitle: NASTY_TITLE,
      firstNarrative: LONG_NARRATIVE,
    });
    planId = fx.planId;
    bodyId = fx.bodyId!;
    const empty = await w.services.db
      .insertInto('plans')
      .values({
        id: crypto.randomUUID(),
        organisationId: w.orgA.id,
        title: 'Empty plan',
        startDate: '2025-01-01',
        endDate: '2026-01-01',
        lineageId: crypto.randomUUID(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    emptyPlanId = empty.id;
    const foreign = await createReportFixture(w.services.db, {
      organisationId: w.orgB.id,
      ownerId: w.orgB.users.contributor.id,
      actions: 2,
      indicators: 1,
      today: TODAY,
      withGovernance: true,
    });
    foreignPlanId = foreign.planId;
    foreignBodyId = foreign.bodyId!;
    token = await w.token(w.orgA, 'editor');
  }, 120_000);
  afterAll(() => w.close());

  it('returns a Word board pack with heading styles, repeating header rows, chart alt text and live data', async () => {
    const res = await api('/reports').send({ type: 'improvement-board-pack', planId, format: 'docx', bodyId });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="improvement-board-pack-road-to-good-2025-03-14\.docx"/,
    );
    const xml = (await unzipText(res.body)).get('word/document.xml')!;
    for (const style of ['Heading1', 'Heading2', 'Heading3']) expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/descr="Line chart of Average caseload per social worker/);
    for (const title of [
      'Summary of progress',
      'Movement since the previous report',
      'Exceptions',
      'Progress by theme',
      'Performance scorecard',
      'Audit findings',
      'Risks and evidence conflicts',
      'Action sheet and information requests',
    ])
      expect(xml).toContain(title);
    expect(xml).toContain('Our practice');
    expect(xml).toContain('Bring the agency staffing figures to the next meeting');
    expect(xml).not.toContain('Closed item that must not be listed');
    expect(xml).toContain('Staff numbers and length of service by team');
    expect(xml).toContain('This is the first issued report of this type for this plan');
    // the low-rated risk linked to a red action is flagged
    expect(xml).toMatch(/R1 “Workforce instability” is rated low, but/);
    // awkward text is escaped; very long text is shortened with a note
    expect(xml).toContain(
      '=HYPERLINK(&quot;http://evil.example&quot;,&quot;Click&quot;) &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(xml).toContain('(shortened: the full text is in Waymark and in the Excel appendix)');
    expect(xml).not.toContain(LONG_NARRATIVE.slice(0, NARRATIVE_LIMIT + 200));
  });

  it('returns the Excel appendix with the underlying data, formulas neutralised and long text fitted to a cell', async () => {
    const res = await api('/reports').send({ type: 'improvement-board-pack', planId, format: 'xlsx', bodyId });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Report',
      'Actions',
      'Indicators',
      'Indicator values',
      'Risks',
      'Action sheet',
      'Information requests',
    ]);
    const actions = wb.getWorksheet('Actions')!;
    expect(actions.getCell('A1').value).toBe('Reference');
    expect(actions.rowCount).toBe(13);
    expect(actions.getCell('B2').value).toBe(`'${NASTY_TITLE}`);
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
    expect(wb.getWorksheet('Indicator values')!.rowCount).toBe(1 + 3 * 12);
    expect(wb.getWorksheet('Action sheet')!.getCell('C2').value).toBe(
      'Bring the agency staffing figures to the next meeting',
    );
  });

  it('returns the HTML print view', async () => {
    const res = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'cabinet-appendix', planId, format: 'html' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const doc = parse(res.text);
    expect(doc.querySelector('h1')!.text).toBe('Cabinet report appendix: Road to Good');
    expect(doc.querySelectorAll('section h2').map((h) => h.text)).toEqual([
      'Summary of progress',
      'Progress by theme',
      'Performance scorecard',
      'Audit findings',
    ]);
    expect(doc.querySelector('style')!.text).toContain('@media print');
  });

  it('answers the Ofsted action plan: each recommendation and area for improvement with the actions answering it', async () => {
    const res = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'ofsted-action-plan', planId, format: 'html' });
    expect(res.status).toBe(200);
    const doc = parse(res.text);
    expect(doc.querySelectorAll('section h2').map((h) => h.text)).toEqual([
      'Summary of progress',
      'Response to the inspection findings',
    ]);
    expect(res.text).toContain('The quality and consistency of management oversight and supervision.');
    expect(res.text).toContain('Measure 1 reaches its target.');
    expect(res.text).toContain('No action answers this finding yet, and no reason has been recorded.');
    expect(res.text).not.toContain('Strong corporate parenting.');
  });

  it('says plainly when a plan has no data for a section, instead of failing', async () => {
    const res = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({
        type: 'improvement-board-pack',
        planId: emptyPlanId,
        format: 'html',
        sections: ['summary', 'themes', 'indicators', 'ofsted-plan'],
      });
    expect(res.status).toBe(200);
    expect(res.text).toContain('This plan has no actions yet.');
    expect(res.text).toContain('No indicators are linked to this plan yet');
    expect(res.text).toContain('No inspection findings are linked to this plan yet');
  });

  it('refuses another organisation’s plan or body with 404, and bad input with 422 naming the field', async () => {
    const foreign = await api('/reports').send({ type: 'nonsense', planId: foreignPlanId, format: 'docx' });
    expect(foreign.status).toBe(404);
    const foreignBody = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'improvement-board-pack', planId, format: 'docx', bodyId: foreignBodyId });
    expect(foreignBody.status).toBe(404);
    const bad = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'board-pack', planId, format: 'doc', sections: ['summary', 'gossip'] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['type', 'format', 'sections.1']);
    const noSections = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'cabinet-appendix', planId, format: 'docx', sections: [] });
    expect(noSections.status).toBe(422);
    expect(noSections.body.error.details[0]).toEqual({ path: 'sections', message: 'Select at least one section' });
    const viewer = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${await w.token(w.orgA, 'viewer')}`)
      .send({ type: 'cabinet-appendix', planId, format: 'docx' });
    expect(viewer.status).toBe(403);
    expect(await w.services.db.selectFrom('issuedReports').select('id').execute()).toEqual([]);
  });

  it('freezes an issued report: the same bytes on every download, and movement computed from the frozen previous report', async () => {
    const first = await api('/reports').send({
      type: 'scrutiny-progress-report',
      planId,
      format: 'docx',
      issue: true,
      bodyId,
    });
    expect(first.status).toBe(200);
    const firstId = first.headers['waymark-report-id'];
    expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
    const again = await request(w.app)
      .get(`/api/v1/reports/${firstId}/files/docx`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary);
    expect(again.status).toBe(200);
    expect(Buffer.compare(again.body, first.body)).toBe(0);
    const xlsx1 = await request(w.app)
      .get(`/api/v1/reports/${firstId}/files/xlsx`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary);
    const xlsx2 = await request(w.app)
      .get(`/api/v1/reports/${firstId}/files/xlsx`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary);
    expect(xlsx1.status).toBe(200);
    expect(Buffer.compare(xlsx1.body, xlsx2.body)).toBe(0);

    // the live data changes: action 5 (red on the evidence: a milestone 30 days late) is completed
    await w.services.db
      .updateTable('actions')
      .set({ status: 'complete' })
      .where('planId', '=', planId)
      .where('reference', '=', '5')
      .execute();
    // …and a first report's frozen content is what the next one compares with, whatever happens to live history
    await w.services.db.deleteFrom('actionRagHistory').execute();

    const second = await request(w.app)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'scrutiny-progress-report', planId, format: 'html', issue: true, bodyId });
    expect(second.status).toBe(200);
    const doc = parse(second.text);
    const movement = doc.querySelector('#section-movement')!.parentNode;
    expect(movement.text).toMatch(/1 action has improved, 0 worsened and 11 stayed the same/);
    const row = movement.querySelectorAll('tbody tr').find((r) => r.querySelector('th')!.text === '5')!;
    expect(row.querySelectorAll('td').map((c) => c.text.trim())).toEqual([
      'Action 5: improve practice in area 5',
      'Red',
      'Complete',
      'Improved',
    ]);

    // the first report is unchanged by the second
    const stillFirst = await request(w.app)
      .get(`/api/v1/reports/${firstId}/files/docx`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary);
    expect(Buffer.compare(stillFirst.body, first.body)).toBe(0);

    const list = await request(w.app).get('/api/v1/reports').set('Authorization', `Bearer ${token}`).query({ bodyId });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([second.headers['waymark-report-id'], firstId]);
    expect(list.body.items[1]).toMatchObject({
      type: 'scrutiny-progress-report',
      bodyName: 'Good and Beyond Board',
      issuedOn: TODAY,
      links: { docx: `/api/v1/reports/${firstId}/files/docx` },
    });
    const detail = await request(w.app)
      .get(`/api/v1/reports/${second.headers['waymark-report-id']}`)
      .set('Authorization', `Bearer ${token}`);
    expect(detail.body.content.metadata.previousReport).toMatchObject({ id: firstId });

    const other = await request(w.app)
      .get('/api/v1/reports')
      .set('Authorization', `Bearer ${await w.token(w.orgB, 'admin')}`);
    expect(other.body.items).toEqual([]);
    const foreignFile = await request(w.app)
      .get(`/api/v1/reports/${firstId}/files/docx`)
      .set('Authorization', `Bearer ${await w.token(w.orgB, 'admin')}`);
    expect(foreignFile.status).toBe(404);
    const audit = await w.services.db
      .selectFrom('auditEvents')
      .select(['action', 'entityType'])
      .where('entityId', '=', firstId)
      .execute();
    expect(audit).toEqual([{ action: 'create', entityType: 'issuedReports' }]);
  });

  it('lets an editor choose, preview and issue a board pack in the browser, without JavaScript', async () => {
    const agent = await w.agent(w.orgA, 'editor');
    const choose = await agent.get('/reports/new');
    expect(choose.status).toBe(200);
    const chooseErr = await agent.get('/reports/new').query({ type: '', planId: '' });
    expect(chooseErr.status).toBe(400);
    expect(chooseErr.text).toContain('Select a report type');
    const compose = await agent.get('/reports/new').query({ type: 'improvement-board-pack', planId });
    expect(compose.status).toBe(200);
    const form = parse(compose.text);
    const ticked = form
      .querySelectorAll('input[name=sections]')
      .filter((i) => i.hasAttribute('checked'))
      .map((i) => i.getAttribute('value'));
    expect(ticked).toEqual([
      'summary',
      'movement',
      'exceptions',
      'themes',
      'indicators',
      'audit-findings',
      'risks',
      'governance',
    ]);
    expect(form.querySelector('#bodyId')).toBeTruthy();

    const none = await postForm(agent, `/reports/new?type=improvement-board-pack&planId=${planId}`, '/reports/new', {
      type: 'improvement-board-pack',
      planId,
      format: 'docx',
      action: 'issue',
    });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Select at least one section to include');

    const preview = await postForm(agent, `/reports/new?type=improvement-board-pack&planId=${planId}`, '/reports/new', {
      type: 'improvement-board-pack',
      planId,
      format: 'docx',
      bodyId,
      sections: ['summary', 'themes'],
      action: 'preview',
    });
    expect(preview.status).toBe(200);
    const pv = parse(preview.text);
    expect(pv.querySelector('h1')!.text).toBe('Improvement board pack: Road to Good');
    expect(pv.querySelector('link[rel=stylesheet]')!.getAttribute('href')).toBe('/reports/print.css');
    expect(pv.querySelectorAll('button[name=action]').map((b) => b.getAttribute('value'))).toEqual([
      'issue',
      'download',
    ]);
    expect(
      await w.services.db
        .selectFrom('issuedReports')
        .select('id')
        .where('type', '=', 'improvement-board-pack')
        .execute(),
    ).toEqual([]);

    const _csrf = pv.querySelector('input[name=_csrf]')!.getAttribute('value')!;
    const hidden = Object.fromEntries(
      pv
        .querySelectorAll('form input[type=hidden]')
        .filter((i) => i.getAttribute('name') !== 'sections')
        .map((i) => [i.getAttribute('name'), i.getAttribute('value')]),
    );
    // Issue 18: issuing asks for confirmation first; nothing is issued until it is given.
    const asked = await agent
      .post('/reports/new')
      .type('form')
      .send({ ...hidden, _csrf, sections: ['summary', 'themes'], action: 'issue' });
    expect(asked.status).toBe(200);
    const confirm = parse(asked.text);
    expect(confirm.querySelector('h1')!.text).toBe('Issue this report?');
    expect(confirm.querySelector('.govuk-warning-text')!.text).toContain('Once issued, the report cannot be changed');
    expect(
      await w.services.db
        .selectFrom('issuedReports')
        .select('id')
        .where('type', '=', 'improvement-board-pack')
        .execute(),
    ).toEqual([]);
    const confirmFields = Object.fromEntries(
      confirm
        .querySelectorAll('form input[type=hidden]')
        .filter((i) => i.getAttribute('name') !== 'sections')
        .map((i) => [i.getAttribute('name'), i.getAttribute('value')]),
    );
    expect(confirmFields).toMatchObject({ action: 'issue', confirm: 'yes', format: 'docx' });
    const issued = await agent
      .post('/reports/new')
      .type('form')
      .send({ ...confirmFields, sections: ['summary', 'themes'] });
    expect(issued.status).toBe(303);
    const id = issued.headers.location.split('/').pop()!;
    const show = await agent.get(`/reports/${id}`);
    expect(show.status).toBe(200);
    expect(show.text).toContain('has been issued');
    expect(show.text).toContain('Good and Beyond Board');
    const dl = await agent.get(`/reports/${id}/download/docx`).buffer(true).parse(binary);
    const stored = await w.services.db
      .selectFrom('issuedReportFiles')
      .select('bytes')
      .where('reportId', '=', id)
      .where('format', '=', 'docx')
      .executeTakeFirstOrThrow();
    expect(Buffer.compare(dl.body, Buffer.from(stored.bytes))).toBe(0);
    const print = await agent.get(`/reports/${id}/print`);
    expect(print.status).toBe(200);
    expect(
      parse(print.text)
        .querySelectorAll('section h2')
        .map((h) => h.text),
    ).toEqual(['Summary of progress', 'Progress by theme']);
    const css = await agent.get('/reports/print.css');
    expect(css.headers['content-type']).toContain('text/css');

    const list = await agent.get('/reports').query({ body: bodyId });
    expect(list.text).toContain(`/reports/${id}`);
    expect(list.text).toContain('Issued reports to Good and Beyond Board');

    // another organisation's plan is a 404, before anything else is checked
    const csrf = await csrfFrom(agent, '/reports/new?type=cabinet-appendix&planId=' + planId);
    const foreign = await agent.post('/reports/new').type('form').send({
      _csrf: csrf,
      type: 'cabinet-appendix',
      planId: foreignPlanId,
      format: 'docx',
      sections: 'summary',
      action: 'issue',
    });
    expect(foreign.status).toBe(404);
    expect((await agent.get('/reports/new').query({ type: 'cabinet-appendix', planId: foreignPlanId })).status).toBe(
      404,
    );
  });

  it('keeps creating reports to editors and shows issued reports to viewers', async () => {
    const viewer = await w.agent(w.orgA, 'viewer');
    expect((await viewer.get('/reports/new')).status).toBe(403);
    const list = await viewer.get('/reports');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('Create a report');
  });

  it('seeds one issued board pack for the demo plan, once', async () => {
    const ctx = {
      organisationId: w.orgB.id,
      actor: w.orgB.actor,
      usersByRole: { editor: w.orgB.users.editor.id },
      userIds: {},
    };
    expect(
      await w.services.db.selectFrom('issuedReports').select('id').where('organisationId', '=', w.orgB.id).execute(),
    ).toEqual([]);
    await seedReportsDemo(w.services, ctx);
    await seedReportsDemo(w.services, ctx);
    const after = await w.services.db
      .selectFrom('issuedReports')
      .select(['type', 'bodyId', 'issuedByName'])
      .where('organisationId', '=', w.orgB.id)
      .execute();
    expect(after).toEqual([{ type: 'improvement-board-pack', bodyId: foreignBodyId, issuedByName: 'beta editor' }]);
  });

  it.runIf(pdfTestsCanRun())(
    'returns a tagged PDF whose text reads back',
    async () => {
      const res = await api('/reports').send({ type: 'cabinet-appendix', planId, format: 'pdf' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.body.toString('latin1')).toContain('/StructTreeRoot');
      const text = (await pdfText(res.body)).replace(/\s+/g, ' ');
      expect(text).toContain('Cabinet report appendix: Road to Good');
      expect(text).toContain('Progress by theme');
    },
    60_000,
  );
});

// Issue 18: a pack belongs to a meeting, carries its agenda, and is named after the body and date.
describe('a board pack for a meeting', () => {
  let w: World;
  let planId: string;
  let meetingId: string;
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2026-11-30T10:00:00Z') });
    const fx = await createReportFixture(w.services.db, {
      organisationId: w.orgA.id,
      ownerId: w.orgA.users.contributor.id,
      actions: 2,
      indicators: 1,
      today: '2026-11-30',
      withGovernance: true,
    });
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
