import ExcelJS from 'exceljs';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, postForm, type World } from '../../../test/support/world.js';
import { createPlan } from './service.js';
import { MAX_IMPORT_ROWS } from './spreadsheet.js';

const NOW = new Date('2025-06-04T10:00:00Z');

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The mapping of the files these tests write: reference, title, theme, owner, start and due date, in that order. */
const FIRST_SIX_COLUMNS = {
  'col-reference': '0',
  'col-title': '1',
  'col-theme': '2',
  'col-owner': '3',
  'col-startDate': '4',
  'col-dueDate': '5',
};

describe('importing a plan from a spreadsheet', () => {
  let w: World;
  let planId: string;
  const text = (html: string) => parse(html).textContent.replace(/\s+/g, ' ');
  const countActions = async () =>
    Number(
      (
        await w.services.db
          .selectFrom('actions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('planId', '=', planId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    w = await createWorld({ now: () => NOW });
    planId = (
      await createPlan(w.services.db, w.orgA.actor, {
        title: 'Imported plan',
        startDate: '2025-04-01',
        endDate: '2027-03-31',
        themes: ['Our people'],
      })
    ).id;
  });
  afterAll(() => w.close());

  async function upload(buffer: Buffer, name: string) {
    const agent = await w.agent(w.orgA, 'editor');
    const _csrf = await csrfFrom(agent, `/plans/${planId}/import`);
    return agent.post(`/plans/${planId}/import`).field('_csrf', _csrf).attach('file', buffer, name);
  }

  it('uploads an .xlsx, guesses the columns, previews row errors and saves nothing', async () => {
    const file = await xlsx([
      ['Ref', 'Action', 'Strand', 'Lead officer', 'Start', 'Target date'],
      [
        '1.1',
        'Recruit social workers',
        'Our people',
        w.orgA.users.contributor.email,
        new Date(Date.UTC(2025, 3, 1)),
        '30/09/2025',
      ],
      ['1.1', 'Duplicate reference', 'Our people', '', '01/04/2025', 'someday'],
      ['1.3', '', 'Our practice', 'nobody@else.test', '01/04/2025', '2025-12-31'],
    ]);
    const res = await upload(file, 'plan.xlsx');
    expect(res.status).toBe(302);
    const preview = await (await w.agent(w.orgA, 'editor')).get(res.headers.location);
    expect(text(preview.text)).toContain('4 problems to fix');
    const table = parse(preview.text)
      .querySelectorAll('table')
      .find((t) => t.querySelector('caption')?.textContent.includes('Problems by row'))!;
    expect(
      table.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim())),
    ).toEqual([
      ['3', 'A (Ref)', 'Reference 1.1 is used again (first on row 2)'],
      ['3', 'F (Target date)', '“someday” is not a date: use a date like 31/03/2025'],
      ['4', 'B (Action)', 'Enter a title'],
      ['4', 'D (Lead officer)', '“nobody@else.test” is not a user of your organisation: use their email address'],
    ]);
    // The commit is refused on the server too, atomically.
    const commit = await postForm(
      await w.agent(w.orgA, 'editor'),
      res.headers.location,
      res.headers.location,
      FIRST_SIX_COLUMNS,
    );
    expect(commit.status).toBe(400);
    expect(await countActions()).toBe(0);
  });

  it('names missing required columns', async () => {
    const res = await upload(Buffer.from('Reference,Title\n1.1,Something\n'), 'plan.csv');
    const preview = await (await w.agent(w.orgA, 'editor')).get(res.headers.location);
    expect(text(preview.text)).toContain('Choose the column that holds the start date: it is required');
  });

  it('imports a good CSV with a mapping chosen by hand, creating missing themes, all in one go', async () => {
    const csv =
      'No,What we will do,Workstream,Owner email,From,By when,Progress\n2.1,Supervision audit,Our practice,' +
      w.orgA.users.contributor.email +
      ',01/04/2025,31/03/2026,In progress\n2.2,Conference timeliness,Our practice,,1 April 2025,2025-09-30,Not started\n';
    const res = await upload(Buffer.from(csv), 'plan.csv');
    const url = res.headers.location;
    const mapping = { ...FIRST_SIX_COLUMNS, 'col-status': '6' };
    const preview = await (await w.agent(w.orgA, 'editor')).get(`${url}?${new URLSearchParams(mapping)}`);
    expect(text(preview.text)).toContain('2 actions ready to import');
    const commit = await postForm(await w.agent(w.orgA, 'editor'), url, url, mapping);
    expect(commit.status).toBe(302);
    const actions = await w.services.db
      .selectFrom('actions')
      .leftJoin('planThemes', 'planThemes.id', 'actions.themeId')
      .select(['reference', 'status', 'ownerId', 'planThemes.name as theme', 'dueDate'])
      .where('actions.planId', '=', planId)
      .orderBy('reference')
      .execute();
    expect(actions).toEqual([
      {
        reference: '2.1',
        status: 'in-progress',
        ownerId: w.orgA.users.contributor.id,
        theme: 'Our practice',
        dueDate: '2026-03-31',
      },
      { reference: '2.2', status: 'not-started', ownerId: null, theme: 'Our practice', dueDate: '2025-09-30' },
    ]);
    // The same file again is refused (duplicate references), saving nothing.
    const again = await postForm(await w.agent(w.orgA, 'editor'), url, url, mapping);
    expect(again.status).toBe(400);
    expect(await countActions()).toBe(2);
  });

  it('refuses a 50,000-row file with a clear message', async () => {
    const lines = ['Reference,Title,Start date,Due date'];
    for (let i = 1; i <= 50_000; i++) lines.push(`${i},Action ${i},01/04/2025,31/03/2026`);
    const res = await upload(Buffer.from(lines.join('\n')), 'huge.csv');
    expect(res.status).toBe(400);
    expect(text(res.text)).toContain(
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows: an import takes up to ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} actions`,
    );
    const big = await xlsx([
      ['Reference', 'Title', 'Start date', 'Due date'],
      ...Array.from({ length: 50_000 }, (_, i) => [String(i + 1), `Action ${i + 1}`, '01/04/2025', '31/03/2026']),
    ]);
    const res2 = await upload(big, 'huge.xlsx');
    expect(res2.status).toBe(400);
    expect(text(res2.text)).toMatch(/The file (has more than 2,000 rows|must be smaller than)/);
  }, 60_000);

  it('refuses a file that is not a spreadsheet', async () => {
    const res = await upload(Buffer.from('%PDF-1.7'), 'plan.xlsx');
    expect(res.status).toBe(400);
    expect(text(res.text)).toContain('The file must be an Excel workbook (.xlsx) or a CSV file');
  });
});
