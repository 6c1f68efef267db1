import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom, postForm } from '../../../test/support/world.js';
import { xlsxBomb } from '../../../test/support/hostile-files.js';
import * as ca from '../../../test/support/case-audits.js';

let t: ca.AuditWorld;
let frameworkId = '';
beforeAll(async () => {
  t = await ca.auditWorld({ annexA: true });
  frameworkId = await ca.addFramework(t);
  // The files name their auditors: the contributor and the editor.
  await ca.nameAuditors(t);
}, 120_000);
afterAll(() => t.close());

/** Upload a file to a cycle's import page, as the editor. */
async function upload(cycleId: string, content: string | Buffer, name = 'audits.csv') {
  const editor = await t.agent(t.orgA, 'editor');
  const page = `/case-audits/cycles/${cycleId}/import`;
  const _csrf = await csrfFrom(editor, page);
  const file = typeof content === 'string' ? Buffer.from(content, name.endsWith('.xlsx') ? 'latin1' : 'utf8') : content;
  return editor.post(page).field('_csrf', _csrf).attach('file', file, name);
}
/** Commit a staged import from its preview page. */
async function commit(location: string) {
  return postForm(await t.agent(t.orgA, 'editor'), location, location, {});
}
const audits = async (cycleId: string) =>
  (await t.api('get', `/audit-cycles/${cycleId}/audits`)).body.items as {
    caseHash: string;
    overall: string;
    grades: Record<string, string>;
    auditorId: string;
    inLatestImport: boolean;
    note: string | null;
    auditedOn: string;
  }[];

describe('importing audits from a spreadsheet', () => {
  it('refuses a file with an unknown standard, a duplicate case and a grade outside the scale, naming each, and saves nothing', async () => {
    const cycleId = await ca.startCycle(t, frameworkId, { topic: 'Refused file' });
    const csv = [
      'Child ID,Auditor,Overall grade,A1 Timely,A2 Seen alone,M1 Oversight,M7 Oversight of plans',
      `SYN0000010,contributor@alpha.test,Good,Good,RI,N/A,`,
      `SYN0000010,contributor@alpha.test,Good,Good,Good,Good,`,
      `SYN0000011,contributor@alpha.test,Excellent,Good,Good,Good,`,
    ].join('\n');
    const res = await upload(cycleId, csv);
    expect(res.status).toBe(302);
    const preview = await (await t.agent(t.orgA, 'editor')).get(res.headers.location);
    expect(preview.text).toContain('This framework has no standard M7');
    expect(preview.text).toContain('The same case is on row 2: each case is audited once in a cycle');
    expect(preview.text).toContain('“Excellent” is not a grade of this framework');
    const committed = await commit(res.headers.location);
    expect(committed.status).toBe(400);
    expect(committed.text).toContain('nothing has been imported');
    expect(await audits(cycleId)).toHaveLength(0);
    // Staged, the identifiers are already hashes.
    expect(await t.databaseContains('SYN0000010')).toEqual([]);
  });

  it('imports a right file (new cases added, flagged when not in Annex A, graded by the named auditor) and takes back its own .xlsx export by Waymark reference', async () => {
    const cycleId = await ca.startCycle(t, frameworkId, { title: 'Neglect themed audit', topic: 'Neglect' });
    const csv = [
      'Case ID,Email,Overall grade,A1,A2,M1,Comments,Date audited',
      'SYN0000012,contributor@alpha.test,2,1,2,3,Neglect is recognised early.,02/04/2027',
      'LOCAL-999,editor@alpha.test,RI,good,n/a,inadequate,,',
    ].join('\n');
    const res = await upload(cycleId, csv);
    const editor = await t.agent(t.orgA, 'editor');
    expect((await editor.get(res.headers.location)).text).toContain('2 audits ready to import');
    expect((await commit(res.headers.location)).status).toBe(302);
    const imported = await audits(cycleId);
    expect(imported.find((a) => a.caseHash === t.hashOf('SYN0000012'))).toMatchObject({
      overall: 'good',
      grades: { a1: 'outstanding', a2: 'good', m1: 'requires-improvement' },
      auditorId: t.orgA.users.contributor.id,
      note: 'Neglect is recognised early.',
      auditedOn: '2027-04-02',
    });
    expect(imported.find((a) => a.caseHash === t.hashOf('LOCAL-999'))).toMatchObject({
      inLatestImport: false,
      overall: 'requires-improvement',
    });
    expect(await t.databaseContains('LOCAL-999')).toEqual([]);
    expect(await t.databaseContains('Neglect is recognised early')).toEqual(['case_audit_notes.body']);
    const again = await commit(res.headers.location);
    expect(again.status).toBe(409);
    expect(again.text).toContain('This file has already been imported');

    // Its own export comes back in: a changed grade in the workbook is imported by Waymark reference.
    const exported = await t.download(editor, `/case-audits/cycles/${cycleId}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Audits')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (h: string) => headers.indexOf(h) + 1;
    const reference = t.hashOf('SYN0000012').slice(0, 10);
    let target = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === reference) target = n;
    });
    expect(target).toBeGreaterThan(1);
    sheet.getRow(target).getCell(col('Overall grade')).value = 'Outstanding';
    const staged = await upload(cycleId, Buffer.from(await wb.xlsx.writeBuffer()), 'neglect-audit.xlsx');
    expect(staged.status).toBe(302);
    expect((await editor.get(staged.headers.location)).text).toContain('2 audits ready to import');
    expect((await commit(staged.headers.location)).status).toBe(302);
    const after = await audits(cycleId);
    expect(after.find((a) => a.caseHash === t.hashOf('SYN0000012'))!.overall).toBe('outstanding');
    expect(after).toHaveLength(2);
  });

  it('refuses a zip bomb through the shared upload limits, saying what it is', async () => {
    const cycleId = await ca.startCycle(t, frameworkId, { topic: 'Zip bomb' });
    const res = await upload(cycleId, (await xlsxBomb(32)).toString('latin1'), 'bomb.xlsx');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/looks like a zip bomb/);
  });

  it('refuses what is not a spreadsheet', async () => {
    const cycleId = await ca.startCycle(t, frameworkId, { topic: 'Not a spreadsheet' });
    const res = await upload(cycleId, '%PDF-1.4 not a spreadsheet', 'audits.pdf');
    expect(res.status).toBe(400);
    expect(res.text).toContain('The file must be an Excel workbook (.xlsx) or a CSV file');
  });
});
