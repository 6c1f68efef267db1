import { describe, expect, it } from 'vitest';
import { csrfFrom } from '../../../test/support/world.js';
import { makeXlsx } from '../../../test/fixtures/annex-a/zip.js';
import { annexWorldPerFile, uploadForm } from '../../../test/support/annex-a.js';

const annex = annexWorldPerFile();

describe('Annex A refusals through the API', () => {
  it('refuses an upload over the size limit with 413', async () => {
    const res = await annex.apiImport(Buffer.alloc(6 * 1024 * 1024, 0x41), 'huge.csv');
    expect(res.status).toBe(413);
  });

  it('refuses a workbook whose errors would make figures wrong with 422, the import record’s id and the findings; reads and reports the rest', async () => {
    const header = ['Child Unique ID', 'Gender', 'Date of Birth', 'Date of Contact'];
    const bad = makeXlsx([
      {
        name: 'List 1',
        rows: [
          ['Notes above the header'],
          header,
          ['C1', 'a) Male', '01/02/2015', 'soon'],
          ['C2', 'b) Female', '03/04/2016', 'pending'],
          ['C3', 'b) Female', '03/04/2016', 'TBC'],
        ],
      },
      {
        name: 'List 3',
        rows: [
          ['Something', 'Else'],
          ['x', 'y'],
        ],
      },
      {
        name: 'List 4',
        rows: [
          ['Child Unique ID', 'Forename', 'Continuous Assessment Start Date'],
          ['C1', 'Alex', '01/05/2024'],
        ],
      },
    ]);
    const before = await annex.rowCount();
    const res = await annex.apiImport(bad, 'bad.xlsx', '2024-06-30');
    expect(res.status).toBe(422);
    expect(res.body.status).toBe('rejected');
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.error.code).toBe('annex-a-rejected');
    expect(res.body.error.details).toEqual([
      {
        path: 'List 1 / Date of Contact',
        message: expect.stringContaining('Column "Date of Contact" in sheet "List 1": 3 of 3 values are not dates'),
      },
      {
        path: 'List 4 / Forename',
        message:
          'Column B "Forename" looks like people\'s names. Annex A has no name columns and Waymark stores no names: delete the column and upload again',
      },
    ]);
    expect(res.body.indicators).toEqual([]);
    expect(await annex.rowCount()).toBe(before);
    const reasons = (res.body.findings as { severity: string; reason: string }[])
      .filter((f) => f.severity === 'warning')
      .map((f) => f.reason)
      .join('\n');
    expect(reasons).toContain('List 2 (early help) is missing');
    expect(reasons).toMatch(
      /Sheet "List 3" \(List 3 \(referrals\)\): no row in the first 20 has the template's headers/,
    );
    expect(JSON.stringify(res.body)).not.toContain('Alex');
    // The record and its report were kept: the quality endpoint finds it.
    const quality = await (
      await import('supertest')
    )
      .default(annex.w.app)
      .get(`/api/v1/annex-a/imports/${res.body.id}/quality`)
      .set('Authorization', `Bearer ${await annex.w.token(annex.w.orgA, 'editor')}`);
    expect(quality.status).toBe(200);
    expect(quality.body.status).toBe('rejected');
    expect(quality.body.report.groups.filter((g: { severity: string }) => g.severity === 'error')).toHaveLength(2);
  });

  it('a dry run of a workbook that would be refused answers 422 with its findings and stores nothing', async () => {
    const bad = makeXlsx([
      {
        name: 'List 4',
        rows: [
          ['Child Unique ID', 'Surname', 'Continuous Assessment Start Date'],
          ['C1', 'Smith', '01/05/2024'],
        ],
      },
    ]);
    const before = await annex.importCount();
    const res = await annex.apiImport(bad, 'bad.xlsx', '2024-06-30', '?dryRun=true');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      id: null,
      status: 'rejected',
      quality: { errors: 1 },
      error: { code: 'annex-a-rejected', details: [{ path: 'List 4 / Surname' }] },
    });
    expect(res.body.error.message).toMatch(
      /^The workbook would not be imported: one problem would make figures wrong\. Nothing was stored\.$/,
    );
    expect(await annex.importCount()).toBe(before);
  });
});

describe('Annex A pages', () => {
  it('refuses a file over the size limit on the upload page with 413 and the limit in words, against the file field', async () => {
    const agent = await annex.w.agent(annex.w.orgB, 'editor');
    const csrf = await csrfFrom(agent, '/annex-a/upload');
    const res = await uploadForm(agent, csrf, ['28', '6', '2024'], [Buffer.alloc(6 * 1024 * 1024, 0x41), 'huge.csv']);
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/href="#file">The selected file must be smaller than \d+ MB</);
  });

  it('an editor uploads, reads the report, commits, and drills down; a viewer sees aggregates only', async () => {
    const agent = await annex.w.agent(annex.w.orgB, 'editor');
    const chunksBefore = await annex.chunkCount(annex.w.orgB);
    const csrf = await csrfFrom(agent, '/annex-a/upload');
    const missing = await uploadForm(agent, csrf, ['31', '2', '2024']);
    expect(missing.status).toBe(400);
    // The summary links to the date's day box (the GOV.UK pattern), the same message as every other date.
    expect(missing.text).toMatch(/href="#referenceDate-day">Reference date must be a real date, like 27 3 2025</);
    expect(missing.text).toContain('Select an Annex A workbook');
    expect(missing.text).toContain('value="31"');

    const pw = await uploadForm(
      agent,
      csrf,
      ['28', '6', '2024'],
      [
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]),
        'locked.xlsx',
      ],
    );
    expect(pw.status).toBe(422);
    expect(pw.text).toContain('password-protected');

    const up = await uploadForm(agent, csrf, ['28', '6', '2024'], [annex.workbook, 'annex-a.xlsx']);
    expect(up.status).toBe(302);
    const page = up.headers.location as string;
    const report = await agent.get(page);
    expect(report.text).toContain('Checked – not yet committed');
    expect(report.text).toContain('Local notes');
    // Grouped by list and column, with counts: the report of a real-format workbook fits on a screen.
    expect(report.text).toContain('What was found, list by list');
    expect(report.text).toContain('The later Annex A template');
    expect((report.text.match(/govuk-tag--yellow">Warning/g) ?? []).length).toBeLessThan(25);
    expect(await annex.chunkCount(annex.w.orgB)).toBe(chunksBefore);

    const csv = await agent.get(`${page}/quality.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('Severity,Check,List,Sheet,Row,Column,Value,Reason');
    const xlsx = await agent
      .get(`${page}/quality.xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    const commitCsrf = /name="_csrf" value="([^"]+)"/.exec(report.text)![1];
    const commit = await agent.post(`${page}/commit`).type('form').send({ _csrf: commitCsrf });
    expect(commit.status).toBe(302);
    const overview = await agent.get('/annex-a');
    expect(overview.text).toContain('has been committed');
    expect(overview.text).toContain('Unallocated cases');

    const ind = await agent.get('/annex-a/indicators/annex-a-unallocated');
    expect(ind.text).toContain('none of their open records names an');
    const link = /href="(\/annex-a\/imports\/[^"]+\/rows)"/.exec(ind.text)![1];
    const rows = await agent.get(link);
    expect(rows.status).toBe(200);
    expect(rows.text).toContain('Unallocated');
    // No child's own identifier on the page (hidden form tokens are random hex, so they are left out).
    expect(rows.text.replace(/<input type="hidden"[^>]*>/g, '')).not.toContain('7000');

    const viewer = await annex.w.agent(annex.w.orgB, 'viewer');
    const vInd = await viewer.get('/annex-a/indicators/annex-a-unallocated');
    expect(vInd.status).toBe(200);
    expect(vInd.text).not.toContain('See the rows behind this figure');
    expect((await viewer.get(link)).status).toBe(403);
    expect((await viewer.get(page)).status).toBe(403);

    const otherOrg = await annex.w.agent(annex.w.orgA, 'admin');
    expect((await otherOrg.get(page)).status).toBe(404);
    expect((await otherOrg.get(link)).status).toBe(404);
  });
});
