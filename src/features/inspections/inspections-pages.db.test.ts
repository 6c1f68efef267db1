import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFixture } from '../../../test/fixtures/paths.js';
import { createWorld, postForm, type World } from '../../../test/support/world.js';
import { draftFrom, previewImport } from '../../../test/support/inspections.js';

const REPORT = reportFixture('stockton-on-tees_2023-05-09.pdf');

describe('inspection pages', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2023-06-01T12:00:00Z') });
  });
  afterAll(() => w.close());

  // One scenario: each step works on the inspection the step before left.
  it('records an inspection through the form, pastes its findings, updates it from the report PDF and compares a self-evaluation with it', async () => {
    // Records an inspection through the form, showing errors first and saving nothing.
    {
      const agent = await w.agent(w.orgA, 'editor');
      const bad = await postForm(agent, '/inspections/new', '/inspections/new', {
        type: 'ilacs-standard',
        startDate: '17/03/2023',
        endDate: '06/03/2023',
        publishedDate: 'soon',
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('End date must be the same as or after the start date');
      expect(bad.text).toContain('Publication date must be a real date');
      expect(await w.services.db.selectFrom('inspections').select('id').execute()).toHaveLength(0);
      const ok = await postForm(agent, '/inspections/new', '/inspections/new', {
        type: 'ilacs-standard',
        startDate: '6/3/2023',
        endDate: '17/3/2023',
        publishedDate: '9/5/2023',
        'judgements[ilacs-2023][overall-effectiveness]': 'good',
        'judgements[ilacs-2018][leaders]': 'inadequate',
      });
      expect(ok.status).toBe(302);
      const page = await agent.get(ok.headers.location);
      expect(page.text).toContain('Written action plan due <time datetime="2023-08-16">16 August 2023</time>');
      expect(page.text).toMatch(/due in \d+ working days/);
      const row = await w.services.db
        .selectFrom('inspections')
        .select(['judgements', 'frameworkVersionKey'])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ judgements: { 'overall-effectiveness': 'good' }, frameworkVersionKey: 'ilacs-2023' });
    }
    // Pastes findings, previews them, then saves them.
    {
      const agent = await w.agent(w.orgA, 'editor');
      const inspection = await w.services.db
        .selectFrom('inspections')
        .select('id')
        .where('organisationId', '=', w.orgA.id)
        .executeTakeFirstOrThrow();
      const url = `/inspections/${inspection.id}/findings/add`;
      const text = '◼ The quality of plans for children, including\nsafety plans.\n◼ Sufficiency of foster homes.';
      const preview = await postForm(agent, url, url, { kind: 'area-for-improvement', text, action: 'preview' });
      expect(preview.status).toBe(200);
      expect(preview.text).toContain('2 findings to add');
      expect(preview.text).toContain('The quality of plans for children, including safety plans.');
      expect(await w.services.db.selectFrom('findings').select('id').execute()).toHaveLength(0);
      const empty = await postForm(agent, url, url, { kind: 'area-for-improvement', text: '  ', action: 'save' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('Paste or type at least one finding');
      const saved = await postForm(agent, url, url, { kind: 'area-for-improvement', text, action: 'save' });
      expect(saved.status).toBe(302);
      expect(
        (await w.services.db.selectFrom('findings').select('text').orderBy('position').execute()).map((f) => f.text),
      ).toEqual(['The quality of plans for children, including safety plans.', 'Sufficiency of foster homes.']);
    }
    // Imports a report PDF: preview, then confirm saves the inspection and its findings.
    {
      // The report is Stockton-on-Tees' (DfE 808): here orgA is Stockton, so an editor may save it.
      await w.services.db.updateTable('organisations').set({ laCode: '808' }).where('id', '=', w.orgA.id).execute();
      const agent = await w.agent(w.orgA, 'editor');
      const preview = await previewImport(agent, REPORT);
      expect(preview.status).toBe(200);
      expect(preview.text).toContain('Check the imported report');
      expect(preview.text).toContain('4 findings read');
      // The inspection recorded through the form above has the same dates: the report updates it (issue 18).
      const existing = await w.services.db
        .selectFrom('inspections')
        .select('id')
        .where('organisationId', '=', w.orgA.id)
        .executeTakeFirstOrThrow();
      expect(preview.text).toContain(`value="${existing.id}"`);
      const confirm = await postForm(agent, '/inspections/import', '/inspections/import/confirm', {
        draft: draftFrom(preview.text),
        type: 'ilacs-standard',
        startDate: '2023-03-06',
        endDate: '2023-03-17',
        publishedDate: '2023-05-09',
        updateOf: existing.id,
      });
      expect(confirm.status).toBe(302);
      expect(confirm.headers.location).toBe(`/inspections/${existing.id}`);
      const shown = await agent.get(confirm.headers.location);
      expect(shown.text).toContain('Sufficiency of suitable foster homes for children.');
      // The earlier pasted "Sufficiency of foster homes." was for an inspection with the same start date, so not "earlier".
      expect(shown.text).toContain('Requires improvement to be good');
      await w.services.db.updateTable('organisations').set({ laCode: null }).where('id', '=', w.orgA.id).execute();
    }
    // Keeps self-evaluations and compares them with the next inspection.
    {
      const agent = await w.agent(w.orgA, 'editor');
      const bad = await postForm(agent, '/self-evaluation/new', '/self-evaluation/new', {
        frameworkVersion: 'ilacs-2023',
        title: '',
        completedDate: '31/2/2022',
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Enter a title');
      expect(bad.text).toContain('Date completed must be a real date');
      const ok = await postForm(agent, '/self-evaluation/new', '/self-evaluation/new', {
        frameworkVersion: 'ilacs-2023',
        title: 'Self-evaluation 2022 to 2023',
        completedDate: '2022-11-30',
        'areas[overall-effectiveness][grade]': 'good',
        'areas[overall-effectiveness][narrative]': 'We think we are good.',
        'areas[care-leavers][grade]': 'requires-improvement',
      });
      expect(ok.status).toBe(302);
      const page = await agent.get(ok.headers.location);
      // Compared with the first inspection from March 2023: overall good = good (form), care leavers RI vs not judged.
      // The inspection now carries the imported report's grades (requires improvement throughout), so care
      // leavers (RI) matches and overall (good, against RI) is graded higher than Ofsted did.
      expect(page.text).toContain('1 of 2 areas graded as Ofsted did (50%)');
    }
  }, 60_000);

  it('lets a viewer read but not record', async () => {
    const viewer = await w.agent(w.orgA, 'viewer');
    expect((await viewer.get('/inspections')).status).toBe(200);
    expect((await viewer.get('/inspections/new')).status).toBe(403);
  });
});
