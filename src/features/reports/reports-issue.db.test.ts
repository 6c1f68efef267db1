import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { csrfFrom, postForm } from '../../../test/support/world.js';
import { REPORT_TODAY, asFile, useReportWorld } from '../../../test/support/reports-fixtures.js';

/** A form's hidden fields but the sections, which each step ticks for itself. */
const hiddenFields = (page: HTMLElement) =>
  Object.fromEntries(
    page
      .querySelectorAll('form input[type=hidden]')
      .filter((i) => i.getAttribute('name') !== 'sections')
      .map((i) => [i.getAttribute('name'), i.getAttribute('value')]),
  );

// Each describe has a world of its own: issuing leaves reports behind that another describe's lists would show.
describe('reports from live data: issuing through the API', () => {
  const world = useReportWorld();

  it('freezes an issued report: the same bytes on every download, and movement computed from the frozen previous report', async () => {
    const t = world();
    const { api, planId, bodyId } = t;
    const first = await asFile(api('post', '/reports')).send({
      type: 'scrutiny-progress-report',
      planId,
      format: 'docx',
      issue: true,
      bodyId,
    });
    expect(first.status).toBe(200);
    const firstId = first.headers['waymark-report-id'];
    expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
    const download = (format: 'docx' | 'xlsx') => asFile(api('get', `/reports/${firstId}/files/${format}`));
    const again = await download('docx');
    expect(again.status).toBe(200);
    expect(Buffer.compare(again.body, first.body)).toBe(0);
    const xlsx1 = await download('xlsx');
    const xlsx2 = await download('xlsx');
    expect(xlsx1.status).toBe(200);
    expect(Buffer.compare(xlsx1.body, xlsx2.body)).toBe(0);

    // the live data changes: action 5 (red on the evidence: a milestone 30 days late) is completed
    await t.services.db
      .updateTable('actions')
      .set({ status: 'complete' })
      .where('planId', '=', planId)
      .where('reference', '=', '5')
      .execute();
    // …and a first report's frozen content is what the next one compares with, whatever happens to live history
    await t.services.db.deleteFrom('actionRagHistory').execute();

    const second = await api('post', '/reports').send({
      type: 'scrutiny-progress-report',
      planId,
      format: 'html',
      issue: true,
      bodyId,
    });
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
    const stillFirst = await download('docx');
    expect(Buffer.compare(stillFirst.body, first.body)).toBe(0);

    const list = await api('get', '/reports').query({ bodyId });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([second.headers['waymark-report-id'], firstId]);
    expect(list.body.items[1]).toMatchObject({
      type: 'scrutiny-progress-report',
      bodyName: 'Good and Beyond Board',
      issuedOn: REPORT_TODAY,
      links: { docx: `/api/v1/reports/${firstId}/files/docx` },
    });
    const detail = await api('get', `/reports/${second.headers['waymark-report-id']}`);
    expect(detail.body.content.metadata.previousReport).toMatchObject({ id: firstId });

    const foreignToken = await t.token(t.orgB, 'admin');
    const other = await api('get', '/reports', foreignToken);
    expect(other.body.items).toEqual([]);
    const foreignFile = await api('get', `/reports/${firstId}/files/docx`, foreignToken);
    expect(foreignFile.status).toBe(404);
    const audit = await t.services.db
      .selectFrom('auditEvents')
      .select(['action', 'entityType'])
      .where('entityId', '=', firstId)
      .execute();
    expect(audit).toEqual([{ action: 'create', entityType: 'issuedReports' }]);
  });
});

describe('reports from live data: in the browser', () => {
  const world = useReportWorld();

  it('lets an editor choose, preview and issue a board pack in the browser, without JavaScript', async () => {
    const t = world();
    const { planId, bodyId, foreignPlanId } = t;
    const issuedBoardPacks = () =>
      t.services.db.selectFrom('issuedReports').select('id').where('type', '=', 'improvement-board-pack').execute();
    const agent = await t.agent(t.orgA, 'editor');
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
    expect(await issuedBoardPacks()).toEqual([]);

    const _csrf = pv.querySelector('input[name=_csrf]')!.getAttribute('value')!;
    const hidden = hiddenFields(pv);
    // Issue 18: issuing asks for confirmation first; nothing is issued until it is given.
    const asked = await agent
      .post('/reports/new')
      .type('form')
      .send({ ...hidden, _csrf, sections: ['summary', 'themes'], action: 'issue' });
    expect(asked.status).toBe(200);
    const confirm = parse(asked.text);
    expect(confirm.querySelector('h1')!.text).toBe('Issue this report?');
    expect(confirm.querySelector('.govuk-warning-text')!.text).toContain('Once issued, the report cannot be changed');
    expect(await issuedBoardPacks()).toEqual([]);
    const confirmFields = hiddenFields(confirm);
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
    const dl = await asFile(agent.get(`/reports/${id}/download/docx`));
    const stored = await t.services.db
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
    const t = world();
    const viewer = await t.agent(t.orgA, 'viewer');
    expect((await viewer.get('/reports/new')).status).toBe(403);
    const list = await viewer.get('/reports');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('Create a report');
  });
});
