import { describe, expect, it } from 'vitest';
import { csrfFrom } from '../../../test/support/world.js';
import { makeZip } from '../../../test/fixtures/annex-a/zip.js';
import { makeExcelWorkbook } from '../../../test/fixtures/annex-a/template.js';
import { realFormatSheets } from '../../../test/fixtures/annex-a/real-format.js';
import { generateSheets, generateWorkbookBuffer, sheetsToCsv } from './generator.js';
import { pseudonymise } from '../../lib/annex-a/pseudonym.js';
import { loadRows, storedRowCount } from './row-store.js';
import { drillDown } from './service.js';
import { ensureNationalData } from '../benchmarks/national-data.js';
import { ANNEX_REF, annexWorldPerFile, uploadForm } from '../../../test/support/annex-a.js';

const REF = ANNEX_REF;
const annex = annexWorldPerFile();

describe('Annex A import through the API', () => {
  it('a dry run validates and stores nothing', async () => {
    const res = await annex.apiImport(annex.workbook, 'annex-a.xlsx', REF, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body.id).toBeNull();
    expect(res.body.status).toBe('validated');
    expect(res.body.rows.contacts).toBeGreaterThan(100);
    expect(res.body.quality.errors).toBe(0);
    expect(res.body.findings.some((f: { check: string }) => f.check === 'duplicate-row')).toBe(true);
    expect(res.body.report.templateVersion.version).toBe('2024');
    expect(res.body.report.groups.find((g: { check: string }) => g.check === 'unknown-column').column).toBe(
      'Local notes',
    );
    expect(await annex.importCount()).toBe(0);
    expect(await annex.rowCount()).toBe(0);
  });

  let firstId = '';
  it('commits a generated workbook: rows pseudonymised, history, quality report and computed indicators in the library', async () => {
    const res = await annex.apiImport(annex.workbook, 'annex-a.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('committed');
    firstId = res.body.id;
    const total = Object.values(res.body.rows as Record<string, number>).reduce((a, b) => a + b, 0);
    const keys = res.body.indicators.map((i: { key: string }) => i.key);
    expect(keys).toContain('annex-a-unallocated');
    expect(keys).toContain('annex-a-assessments-45wd');

    // The authority's own identifiers are not stored: the hash of 7000001 is, keyed with the org's secret.
    const org = await annex.w.services.db
      .selectFrom('organisations')
      .select('pseudonymSecret')
      .where('id', '=', annex.w.orgA.id)
      .executeTakeFirstOrThrow();
    const rows = [...(await loadRows(annex.w.services.db, annex.w.orgA.id, firstId)).values()].flat();
    // Lists 2, 10 and 11 feed no figure: they are checked and counted, not stored.
    expect(rows).toHaveLength(
      total - (res.body.rows['early-help'] ?? 0) - (res.body.rows.adoption ?? 0) - (res.body.rows.adopters ?? 0),
    );
    expect(rows.some((r) => r.child === pseudonymise(org.pseudonymSecret, '7000001'))).toBe(true);
    expect(rows.some((r) => r.child === '7000001' || JSON.stringify(r.v).includes('"7000001"'))).toBe(false);
    expect(rows.every((r) => r.birth === null || /^\d{4}-\d{2}$/.test(r.birth))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('synthetic note');

    // Drill-down recomputes each figure from the stored rows: it must give exactly what the import computed.
    for (const ind of res.body.indicators as { key: string; value: number | null }[]) {
      const { result } = await drillDown(annex.w.services.db, annex.w.orgA.id, firstId, ind.key);
      expect([ind.key, result.value]).toEqual([ind.key, ind.value]);
    }

    const quality = await annex.apiGet(`/annex-a/imports/${firstId}/quality`);
    expect(quality.status).toBe(200);
    expect(quality.body.findings.find((f: { check: string }) => f.check === 'unknown-column').column).toBe(
      'Local notes',
    );

    const indicator = (await annex.findIndicator(annex.w.orgA, 'annex-a-assessments-45wd'))!;
    expect(indicator.unit).toBe('percent');
    const value = await annex.w.services.db
      .selectFrom('indicatorValues')
      .select(['period', 'source', 'value', 'provenance'])
      .where('indicatorId', '=', indicator.id)
      .executeTakeFirstOrThrow();
    expect(value.period).toBe('2024-06');
    expect(value.source).toBe('computed');
    expect((value.provenance as { importId: string }).importId).toBe(firstId);
    expect(value.value).toBe(
      res.body.indicators.find((i: { key: string }) => i.key === 'annex-a-assessments-45wd').value,
    );

    // A figure with a published national counterpart is linked to it when it is created.
    const linked = await annex.w.services.db
      .selectFrom('indicators')
      .select(['key', 'nationalMeasure'])
      .where('organisationId', '=', annex.w.orgA.id)
      .where('key', 'in', ['annex-a-re-referrals-12m', 'annex-a-caseload', 'annex-a-contacts-6m'])
      .orderBy('key')
      .execute();
    expect(linked).toEqual([
      { key: 'annex-a-caseload', nationalMeasure: 'csww-caseload' },
      { key: 'annex-a-contacts-6m', nationalMeasure: null },
      { key: 'annex-a-re-referrals-12m', nationalMeasure: 'cin-rereferrals-percent' },
    ]);
  });

  it('importing the same reference date again replaces the earlier snapshot in one go', async () => {
    const smaller = await generateWorkbookBuffer({ children: 70, referenceDate: REF, seed: 8 });
    const res = await annex.apiImport(smaller, 'again.xlsx');
    expect(res.status).toBe(201);
    expect(await annex.rowCount()).toBe(await storedRowCount(annex.w.services.db, res.body.id));
    expect(await storedRowCount(annex.w.services.db, firstId)).toBe(0);
    // Half the children: every list shrank by about half against the snapshot it replaces, and the report says so.
    expect(res.body.report.comparison.previous).toEqual({ id: firstId, referenceDate: REF });
    const contacts = res.body.report.comparison.lists.find((l: { list: number }) => l.list === 1);
    expect(contacts.flagged).toBe(true);
    expect(
      res.body.report.groups
        .filter((g: { check: string }) => g.check === 'count-change')
        .map((g: { list: number }) => g.list),
    ).toContain(1);
    const old = await annex.w.services.db
      .selectFrom('annexImports')
      .select('status')
      .where('id', '=', firstId)
      .executeTakeFirstOrThrow();
    expect(old.status).toBe('replaced');
    const history = await annex.apiGet('/annex-a/imports', 'viewer');
    expect(history.body.items.map((i: { status: string }) => i.status).sort()).toEqual(['committed', 'replaced']);
    expect(history.body.items[0].fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a zip of CSV files the same way', async () => {
    const sheets = generateSheets({ children: 60, referenceDate: REF, seed: 9 });
    const zip = makeZip(sheetsToCsv(sheets).map((c) => ({ name: c.name, data: c.text })));
    const res = await annex.apiImport(zip, 'lists.zip', REF, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body.quality.errors).toBe(0);
    expect(res.body.rows.contacts).toBe(sheets[0].rows.length);
  });

  it.each([
    [
      'not a workbook',
      Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x10]),
      'x.xlsx',
      /not an Excel workbook/,
    ],
    [
      'a password-protected workbook',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
      'secret.xlsx',
      /password-protected/,
    ],
    [
      'a zip bomb',
      makeZip([
        { name: 'xl/workbook.xml', data: '<workbook/>' },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024) },
      ]),
      'bomb.xlsx',
      /zip bomb/,
    ],
    [
      'a zip bomb that lies about its size',
      makeZip([
        {
          name: 'xl/workbook.xml',
          data: '<workbook><sheets><sheet name="List 1" r:id="rId1" xmlns:r="r"/></sheets></workbook>',
        },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(3 * 1024 * 1024, 0x20), declaredSize: 1000 },
      ]),
      'liar.xlsx',
      /zip bomb|damaged/,
    ],
    ['a zip with no workbook', makeZip([{ name: 'readme.txt', data: 'hello' }]), 'x.zip', /no CSV files/],
  ])('refuses %s with a clear message and stores nothing', async (_label, file, name, message) => {
    const before = await annex.importCount();
    const res = await annex.apiImport(file, name);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details[0].path).toBe('file');
    expect(await annex.importCount()).toBe(before);
  });

  // After the commits above: the report compares these rows with the snapshot they left.
  it('shows cross-list findings in the report before commit: a child on a plan missing from the children in need list', async () => {
    const sheets = realFormatSheets('later').map((s) =>
      s.name === 'List 6' ? { ...s, rows: s.rows.filter((r) => r[0] !== 1008) } : s,
    );
    const agent = await annex.w.agent(annex.w.orgA, 'editor');
    const csrf = await csrfFrom(agent, '/annex-a/upload');
    const up = await uploadForm(agent, csrf, ['28', '6', '2024'], [makeExcelWorkbook(sheets), 'annex-a.xlsx']);
    expect(up.status).toBe(302);
    const report = await agent.get(up.headers.location as string);
    expect(report.text).toContain('Checked – not yet committed');
    expect(report.text).toContain('A child on a child protection plan is not on the children in need list (List 6)');
    // The small real-format workbook against org A's snapshot of 200 children: every list is far smaller.
    expect(report.text).toMatch(/Rows compared with the snapshot at/);
    expect(report.text).toContain('govuk-tag--yellow">Check</strong>');
    const discardCsrf =
      /action="[^"]+\/discard">\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(report.text)?.[1] ??
      /name="_csrf" value="([^"]+)"/.exec(report.text)![1];
    expect((await agent.post(`${up.headers.location}/discard`).type('form').send({ _csrf: discardCsrf })).status).toBe(
      302,
    );
  });

  it('a real-format workbook commits with its figures; a figure that needs a missing list is named, not zero', async () => {
    const sheets = realFormatSheets('later').filter((s) => s.name !== 'List 9');
    const res = await annex.apiImport(
      makeExcelWorkbook(sheets),
      'annex-a.xlsx',
      '2024-06-28',
      '',
      'editor',
      annex.w.orgB,
    );
    expect(res.status).toBe(201);
    expect(res.body.quality.errors).toBe(0);
    expect(res.body.indicators.find((i: { key: string }) => i.key === 'annex-a-cla-out-of-area').value).toBe(66.7);
    expect(res.body.indicators.map((i: { key: string }) => i.key)).not.toContain('annex-a-care-leavers-eet');
    expect(res.body.report.unavailable.map((u: { key: string; reason: string }) => `${u.key}: ${u.reason}`)).toEqual([
      'annex-a-care-leavers-in-touch: List 9 (care leavers) is missing',
      'annex-a-care-leavers-suitable-accommodation: List 9 (care leavers) is missing',
      'annex-a-care-leavers-eet: List 9 (care leavers) is missing',
      'annex-a-unallocated: List 9 (care leavers) is missing',
    ]);
    // No value is recorded for a figure the snapshot could not give.
    const eet = await annex.findIndicator(annex.w.orgB, 'annex-a-care-leavers-eet');
    expect(eet).toBeUndefined();
  });

  it('sets a computed figure beside the latest published national one: scorecard, indicator page and API, with the definitions’ difference', async () => {
    await ensureNationalData(annex.w.services.db);
    const db = annex.w.services.db;
    const caseload = (await annex.findIndicator(annex.w.orgB, 'annex-a-caseload'))!;
    expect(caseload.nationalMeasure).toBe('csww-caseload');
    // The workforce census for 2025: England's average caseload is 15.2 (the same file the indicators tests read).
    const latestYear = (
      await db
        .selectFrom('benchmarkValues')
        .select((eb) => eb.fn.max('year').as('y'))
        .where('measure', '=', 'csww-caseload')
        .executeTakeFirstOrThrow()
    ).y;
    const england = (
      await db
        .selectFrom('benchmarkValues')
        .select('value')
        .where('measure', '=', 'csww-caseload')
        .where('year', '=', Number(latestYear))
        .where('level', '=', 'national')
        .executeTakeFirstOrThrow()
    ).value;
    const viewer = await annex.w.agent(annex.w.orgB, 'viewer');
    const page = await viewer.get(`/indicators/${caseload.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Current figure beside the latest published');
    // The real-format workbook gives 1.7 children per worker at 28 June 2024 (worked out by hand in the fixture).
    expect(page.text).toContain(`Jun 2024 (current)</th><td class="govuk-table__cell govuk-table__cell--numeric">1.7`);
    expect(page.text).toContain(
      `England, ${latestYear}</th><td class="govuk-table__cell govuk-table__cell--numeric">${england}`,
    );
    expect(page.text).toContain('workforce census, 30 September');
    const scorecard = await viewer.get('/indicators');
    expect(scorecard.text).toMatch(
      /Current \(Jun 2024\): quartile [1-4], rank \d+ of \d+ against \d{4}; definitions differ/,
    );
    const api = await annex.apiGet('/benchmarks/annex-a-caseload', 'viewer', annex.w.orgB);
    expect(api.status).toBe(200);
    expect(api.body.current).toMatchObject({
      period: '2024-06',
      value: 1.7,
      year: Number(latestYear),
      differences: expect.stringContaining('full-time equivalent'),
    });
    // A caseload of 1.7 is lower (better) than every authority's published figure: first.
    expect(api.body.current.rank).toBe(1);
    // The Annex A page names its template columns and its national counterpart.
    const annexPage = await viewer.get('/annex-a/indicators/annex-a-caseload');
    expect(annexPage.text).toContain('List 6 (children in need): “Allocated Worker”');
    expect(annexPage.text).toContain('How the definitions differ:');
  });

  it('a viewer cannot import or see rows; another organisation gets 404 for this one’s imports', async () => {
    const viewer = await annex.apiImport(annex.workbook, 'annex-a.xlsx', REF, '', 'viewer');
    expect(viewer.status).toBe(403);
    const committed = await annex.w.services.db
      .selectFrom('annexImports')
      .select('id')
      .where('organisationId', '=', annex.w.orgA.id)
      .where('status', '=', 'committed')
      .executeTakeFirstOrThrow();
    const imported = `/annex-a/imports/${committed.id}`;
    const other = await annex.apiGet(`${imported}/quality`, 'admin', annex.w.orgB);
    expect(other.status).toBe(404);
    const otherRows = await annex.apiGet(`${imported}/indicators/annex-a-unallocated/rows`, 'admin', annex.w.orgB);
    expect(otherRows.status).toBe(404);
    const viewerRows = await annex.apiGet(`${imported}/indicators/annex-a-unallocated/rows`, 'viewer');
    expect(viewerRows.status).toBe(403);
    const rows = await annex.apiGet(`${imported}/indicators/annex-a-caseload/rows`);
    expect(rows.status).toBe(200);
    expect(rows.body.items.length).toBeGreaterThan(0);
    expect(rows.body.items[0].pseudonym).toMatch(/^[0-9a-f]{10}$/);
  });
});
