import ExcelJS from 'exceljs';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { asFile, useReportWorld } from '../../../test/support/reports-fixtures.js';
import { LONG_NARRATIVE, NASTY_TITLE } from './fixture.js';
import { pdfTestsCanRun, pdfText, unzipText } from './file-inspect.js';
import { NARRATIVE_LIMIT } from './build.js';

// Generating files through the API only reads: every test here starts from the same scenario.
describe('reports from live data', () => {
  const world = useReportWorld();
  const file = (body: object) => asFile(world().api('post', '/reports')).send(body);

  it('returns a Word board pack with heading styles, repeating header rows, chart alt text and live data', async () => {
    const t = world();
    const res = await file({ type: 'improvement-board-pack', planId: t.planId, format: 'docx', bodyId: t.bodyId });
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
    const t = world();
    const res = await file({ type: 'improvement-board-pack', planId: t.planId, format: 'xlsx', bodyId: t.bodyId });
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
    const t = world();
    const res = await t.api('post', '/reports').send({ type: 'cabinet-appendix', planId: t.planId, format: 'html' });
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
    const t = world();
    const res = await t.api('post', '/reports').send({ type: 'ofsted-action-plan', planId: t.planId, format: 'html' });
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
    const t = world();
    const res = await t.api('post', '/reports').send({
      type: 'improvement-board-pack',
      planId: t.emptyPlanId,
      format: 'html',
      sections: ['summary', 'themes', 'indicators', 'ofsted-plan'],
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('This plan has no actions yet.');
    expect(res.text).toContain('No indicators are linked to this plan yet');
    expect(res.text).toContain('No inspection findings are linked to this plan yet');
  });

  it('refuses another organisation’s plan or body with 404, and bad input with 422 naming the field', async () => {
    const t = world();
    const foreign = await file({ type: 'nonsense', planId: t.foreignPlanId, format: 'docx' });
    expect(foreign.status).toBe(404);
    const foreignBody = await t
      .api('post', '/reports')
      .send({ type: 'improvement-board-pack', planId: t.planId, format: 'docx', bodyId: t.foreignBodyId });
    expect(foreignBody.status).toBe(404);
    const bad = await t
      .api('post', '/reports')
      .send({ type: 'board-pack', planId: t.planId, format: 'doc', sections: ['summary', 'gossip'] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['type', 'format', 'sections.1']);
    const noSections = await t
      .api('post', '/reports')
      .send({ type: 'cabinet-appendix', planId: t.planId, format: 'docx', sections: [] });
    expect(noSections.status).toBe(422);
    expect(noSections.body.error.details[0]).toEqual({ path: 'sections', message: 'Select at least one section' });
    const viewer = await t
      .api('post', '/reports', await t.token(t.orgA, 'viewer'))
      .send({ type: 'cabinet-appendix', planId: t.planId, format: 'docx' });
    expect(viewer.status).toBe(403);
    expect(await t.services.db.selectFrom('issuedReports').select('id').execute()).toEqual([]);
  });

  it.runIf(pdfTestsCanRun())(
    'returns a tagged PDF whose text reads back',
    async () => {
      const t = world();
      const res = await file({ type: 'cabinet-appendix', planId: t.planId, format: 'pdf' });
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
