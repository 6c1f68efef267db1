import { Resvg } from '@resvg/resvg-js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, csrfFrom, postForm, type World } from '../../../test/support/world.js';
import { importNationalOutcomes } from '../national/import.js';
import { buildReportContent } from '../reports/build.js';

// Monday 30 November 2026, in England. October 2026 is the latest month due (28 November).
const NOW = new Date('2026-11-30T10:00:00Z');
const png = (w: number, h: number) =>
  Buffer.from(
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#005a5b"/></svg>`,
    )
      .render()
      .asPng(),
  );

describe('issue 15: the council’s own service', () => {
  let w: World;
  let editorToken: string;
  let ownerToken: string;
  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string, t = editorToken) =>
    w.apiClient(t)[method](path);

  beforeAll(async () => {
    w = await createWorld({ now: () => NOW });
    editorToken = await w.token(w.orgA, 'editor');
    ownerToken = await w.token(w.orgA, 'contributor');
  });
  afterAll(() => w.close());

  describe('header, footer and type', () => {
    it('shows the organisation in a Generic header and no Crown marks, with the footer links', async () => {
      const viewer = await w.agent(w.orgA, 'viewer');
      const res = await viewer.get('/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('class="govuk-generic-header waymark-header"');
      expect(res.text).toMatch(/<span class="waymark-header__name">Alpha Council<\/span>/);
      for (const mark of [
        /govuk-header__logotype/,
        /Crown copyright/i,
        /govuk-footer__crown/,
        /govuk-crest/,
        /copyright-logo/,
        /govuk-logo/,
        /images\/favicon/,
        /GOV\.UK/,
      ])
        expect(res.text).not.toMatch(mark);
      expect(res.text).toContain('href="/accessibility"');
      expect(res.text).toContain('href="/cookies"');
      expect(res.text).toContain('href="/api/v1/openapi.json"');
      expect(res.text).toContain('<link rel="icon" href="/public/favicon.svg" type="image/svg+xml">');
      expect(res.text).toContain('<title>Overview – Waymark</title>');
    });

    it('serves GOV.UK Frontend without GDS Transport, and none of its fonts or crown images', async () => {
      const css = await request(w.app).get('/stylesheets/govuk-frontend.min.css');
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toMatch(/text\/css/);
      expect(css.text).not.toMatch(/GDS Transport/);
      expect(css.text).toContain('font-family:arial,sans-serif');
      const viewer = await w.agent(w.orgA, 'viewer');
      expect((await viewer.get('/assets/fonts/light-94a07e06a1-v2.woff2')).status).toBe(404);
      expect((await viewer.get('/assets/images/favicon.ico')).status).toBe(404);
    });
  });

  describe('branding on /admin/organisation', () => {
    const submit = async (fields: Record<string, string>, file?: { bytes: Buffer; name: string }) => {
      const admin = await w.agent(w.orgA, 'admin');
      const csrf = await csrfFrom(admin, '/admin/organisation');
      const version = /name="version" value="(\d*)"/g;
      const page = (await admin.get('/admin/organisation')).text;
      const versions = [...page.matchAll(version)].map((m) => m[1]);
      let req = admin
        .post('/admin/organisation/branding')
        .field('_csrf', csrf)
        .field('version', versions.at(-1) ?? '0');
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      if (file) req = req.attach('logo', file.bytes, file.name);
      return { res: await req, admin };
    };

    it('refuses a brand colour that white header text cannot be read on, naming the ratio, and saves nothing', async () => {
      const { res, admin } = await submit({ brandColour: '#ffdd00', headerText: 'white' });
      expect(res.status).toBe(400);
      expect(res.text).toContain(
        'White text on #ffdd00 has a contrast ratio of 1.34:1 and needs at least 4.5:1; black text would have 14.54:1',
      );
      expect((await admin.get('/branding.css')).text).toBe('');
    });

    it('refuses an SVG logo and a logo over 200 KB', async () => {
      const svg = await submit(
        { brandColour: '#005a5b' },
        {
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          name: 'logo.png',
        },
      );
      expect(svg.res.status).toBe(400);
      expect(svg.res.text).toContain('The logo must be a PNG or JPEG: SVG files can contain scripts');
      const big = await submit({}, { bytes: Buffer.concat([png(10, 10), Buffer.alloc(210 * 1024)]), name: 'big.png' });
      expect(big.res.status).toBe(400);
      expect(big.res.text).toContain('The logo must be smaller than 200 KB');
    });

    it('saves the colour, logo, service name and licence text, and every page shows them', async () => {
      const logo = png(120, 60);
      const { res, admin } = await submit(
        {
          brandColour: '#005A5B',
          headerText: 'white',
          serviceName: 'Children’s Improvement Hub',
          licenceText: '© Alpha Council <b>2026</b>',
        },
        { bytes: logo, name: 'crest.png' },
      );
      expect(res.status).toBe(302);
      const home = await admin.get('/');
      expect(home.text).toContain('<title>Overview – Children’s Improvement Hub</title>');
      expect(home.text).toMatch(
        /<img class="waymark-header__logo" src="\/branding\/logo\?v=[0-9a-f]{16}" alt="" height="40" width="80">/,
      );
      expect(home.text).toContain('© Alpha Council &lt;b&gt;2026&lt;/b&gt;');
      expect((await admin.get('/branding.css')).text).toContain(
        '.waymark-header{background:#005a5b;--govuk-text-colour:#ffffff;color:#ffffff}',
      );
      const served = await admin.get('/branding/logo').buffer(true);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(served.body as Buffer, logo)).toBe(0);
      // Another organisation keeps its own (plain) header and has no logo to fetch.
      const other = await w.agent(w.orgB, 'viewer');
      expect((await other.get('/')).text).not.toContain('Children’s Improvement Hub');
      expect((await other.get('/branding/logo')).status).toBe(404);
    });

    it('lets only an admin change the branding', async () => {
      const editor = await w.agent(w.orgA, 'editor');
      const csrf = await csrfFrom(editor, '/');
      const res = await editor
        .post('/admin/organisation/branding')
        .field('_csrf', csrf)
        .field('version', '1')
        .field('brandColour', '#000000');
      expect(res.status).toBe(403);
    });
  });

  describe('out of date, counts and outside our control', () => {
    let planId: string;
    let actionId: string;
    let greenActionId: string;
    let indicatorId: string;

    beforeAll(async () => {
      const db = w.services.db;
      const ind = await db
        .insertInto('indicators')
        .values({
          organisationId: w.orgA.id,
          key: 'rhi',
          name: 'Return home interviews offered',
          unit: 'percent',
          polarity: 'higher-is-better',
          frequency: 'monthly',
          tolerance: 5,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      indicatorId = ind.id;
      await db
        .insertInto('indicatorTargets')
        .values({ organisationId: w.orgA.id, indicatorId, kind: 'period', period: '2026-09', value: 80 })
        .execute();
      const plan = await api('post', '/plans').send({ title: 'Plan', startDate: '2026-01-01', endDate: '2027-12-31' });
      planId = plan.body.id;
      /** An action in progress, owned by the contributor: what the scenarios mark and rate. */
      const addAction = (reference: string, title: string, links: { indicatorIds?: string[] } = {}) =>
        api('post', `/plans/${planId}/actions`).send({
          reference,
          title,
          startDate: '2026-01-01',
          dueDate: '2027-06-30',
          status: 'in-progress',
          ownerId: w.orgA.users.contributor.id,
          ...links,
        });
      const action = await addAction('1.1', 'Offer every child a return home interview', {
        indicatorIds: [indicatorId],
      });
      actionId = action.body.id;
      const green = await addAction('1.2', 'Green action');
      greenActionId = green.body.id;
    });

    it('takes a percentage with the count behind it, and refuses counts that disagree', async () => {
      const bad = await api('post', '/indicators/rhi/values').send({
        values: [{ period: '2026-09', value: 90, numerator: 169, denominator: 206 }],
      });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details).toEqual([{ path: 'values.0.value', message: '169 of 206 is 82%, not 90%' }]);
      // Counts alone give the percentage: 169 / 206 = 82.04% → 82.
      const ok = await api('post', '/indicators/rhi/values').send({
        values: [{ period: '2026-09', value: null, numerator: 169, denominator: 206 }],
      });
      expect(ok.status).toBe(200);
      const series = await api('get', '/indicators/rhi/series');
      expect(series.body.items[0]).toMatchObject({
        period: '2026-09',
        value: 82,
        numerator: 169,
        denominator: 206,
        rag: 'green',
      });
    });

    it('shows September’s green as out of date once October is due, on the scorecard and on the linked action', async () => {
      const viewer = await w.agent(w.orgA, 'viewer');
      const scorecard = await viewer.get('/indicators');
      expect(scorecard.text).toContain('82% (169 of 206)');
      expect(scorecard.text).toContain('Out of date</strong>');
      expect(scorecard.text).toContain('No value for Oct 2026 (latest: Sep 2026); that value was green');
      const action = await api('get', `/actions/${actionId}`);
      expect(action.body.evidenceRag).toBe('amber');
      const page = await viewer.get(`/actions/${actionId}`);
      expect(page.text).toContain(
        'Indicator “Return home interviews offered” is out of date: No value for Oct 2026 (latest: Sep 2026)',
      );
      expect((await viewer.get('/')).text).toContain('1 out of date');
    });

    it('lets the owner mark the amber as outside our control, shown beside the rating, and refuses it on a green', async () => {
      const owner = await w.agent(w.orgA, 'contributor');
      const page = `/actions/${actionId}/outside-control`;
      const empty = await postForm(owner, page, page, { reason: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('Enter the reason this is outside the council’s control');
      const saved = await postForm(owner, page, page, { reason: 'The missing-children team is run by the police.' });
      expect(saved.status).toBe(302);
      // Re-wording a note someone changed meanwhile (a stale version, or none: the form was opened before
      // the note existed) keeps theirs and says so against the reason, what was typed still in the box.
      for (const version of ['7', '']) {
        const stale = await postForm(owner, page, page, { reason: 'Re-worded by a second officer', version });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('href="#reason">Someone else changed this record while you were editing it.');
        expect(stale.text).not.toContain('#version');
        expect(stale.text).toContain('Re-worded by a second officer</textarea>');
      }
      const plan = await owner.get(`/plans/${planId}`);
      expect(plan.text).toMatch(
        /Amber<\/strong>\s*<span class="waymark-control"><strong class="govuk-tag govuk-tag--grey waymark-rag">Outside our control<\/strong><\/span>\s*<span class="waymark-control govuk-!-font-size-16">The missing-children team is run by the police.<\/span>/,
      );
      const onGreen = await api('put', `/actions/${greenActionId}/outside-control`, ownerToken).send({
        reason: 'Because',
      });
      expect(onGreen.status).toBe(422);
      expect(onGreen.body.error.details[0].message).toBe(
        'Only an action rated red or amber on the evidence can be marked as outside our control',
      );
    });

    it('puts the note beside the rating in reports, without changing the rating', async () => {
      const content = await buildReportContent(w.services.db, {
        organisationId: w.orgA.id,
        planId,
        type: 'improvement-board-pack',
        today: '2026-11-30',
        preparedBy: 'Test',
      });
      const text = JSON.stringify(content);
      expect(text).toContain('{"text":"Amber (outside our control)","rag":"amber"}');
      expect(text).toContain('The missing-children team is run by the police.');
      expect(text).toContain('1 red or amber action is marked by the owner as outside our control');
      expect(text).toContain('Out of date: No value for Oct 2026 (latest: Sep 2026)');
      expect(text).toContain('82% (169 of 206) (Sep 2026)');
      expect(text).toContain('1 of 1 indicator is out of date');
    });

    it('answers another organisation’s action with 404, and removes the note through the API', async () => {
      const foreign = await w.token(w.orgB, 'editor');
      expect((await api('put', `/actions/${actionId}/outside-control`, foreign).send({ reason: 'x' })).status).toBe(
        404,
      );
      expect((await api('delete', `/actions/${actionId}/outside-control`, ownerToken)).status).toBe(204);
      expect((await api('get', `/actions/${actionId}`)).body.evidenceRag).toBe('amber');
      const plan = await (await w.agent(w.orgA, 'viewer')).get(`/plans/${planId}`);
      expect(plan.text).not.toContain('Outside our control</strong>');
    });

    it('says on the home page what changed since the improvement board last met', async () => {
      const db = w.services.db;
      const board = await db
        .insertInto('bodies')
        .values({ organisationId: w.orgA.id, name: 'Improvement Board', kind: 'improvement-board' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('meetings')
        .values({ organisationId: w.orgA.id, bodyId: board.id, meetingDate: '2026-11-02', title: 'November' })
        .execute();
      await db
        .insertInto('meetings')
        .values({ organisationId: w.orgA.id, bodyId: board.id, meetingDate: '2026-12-07', title: 'December' })
        .execute();
      await db
        .insertInto('actionRagHistory')
        .values({
          organisationId: w.orgA.id,
          actionId,
          recordedOn: '2026-10-30',
          evidenceRag: 'green',
          ownerRag: null,
          challenged: false,
        })
        .execute();
      await api('post', `/actions/${greenActionId}/milestones`).send({
        title: 'Audit of interviews',
        dueDate: '2026-11-20',
      });
      await api('post', `/actions/${greenActionId}/milestones`).send({ title: 'Long overdue', dueDate: '2026-10-01' });
      const home = await (await w.agent(w.orgA, 'viewer')).get('/');
      expect(home.text).toContain('Changes since <a class="govuk-link" href="/governance/meetings/');
      expect(home.text).toContain('Improvement Board on 2 November 2026</a>');
      expect(home.text).toMatch(
        /1\.1 Offer every child a return home interview<\/a><br>\s*<span class="govuk-!-font-size-16">Worse: \s*<strong class="govuk-tag govuk-tag--green waymark-rag">Green<\/strong>\s* then, \s*<strong class="govuk-tag govuk-tag--orange waymark-rag">Amber<\/strong>\s* now<\/span>/,
      );
      expect(home.text).toContain(
        '1.2: milestone “Audit of interviews”</a>, due <time datetime="2026-11-20">20 November 2026</time>',
      );
      expect(home.text).not.toContain('Long overdue');
      expect(home.text).toMatch(/Return home interviews offered<\/a>: Sep 2026/);
    });
  });

  describe('the next inspection forecast', () => {
    beforeAll(async () => {
      await importNationalOutcomes(w.services.db);
    });

    it('has nulls until a graded inspection is recorded', async () => {
      const res = await api('get', '/inspections/forecast');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ nextInspection: null, nextVisit: null, national: null });
    });

    it('forecasts from the authority’s last judgement and the national record, in the documented shape', async () => {
      await w.services.db
        .insertInto('inspections')
        .values({
          organisationId: w.orgA.id,
          typeKey: 'ilacs-standard',
          frameworkVersionKey: 'ilacs-2023',
          startDate: '2024-06-10',
          publishedDate: '2024-07-23',
          judgements: JSON.stringify({ 'overall-effectiveness': 'good' }),
        })
        .execute();
      const res = await api('get', '/inspections/forecast');
      // Good: middle half 53.4–64.6 months from 10 June 2024 → +1,625 days = 21 November 2028, +1,966 days = 28 October 2029.
      expect(res.body.nextInspection).toMatchObject({
        type: 'ilacs-short',
        earliest: '2028-11-21',
        latest: '2029-10-28',
      });
      expect(res.body.nextInspection.basis).toMatch(
        /^Authorities judged good were next inspected after a median of 59 months, middle half 53–65, from 40 inspections/,
      );
      // Focused visit: 12 to 30 months after 10 June 2024 → 10 June 2025 (passed: today) to 10 December 2026.
      expect(res.body.nextVisit).toMatchObject({ type: 'focused-visit', earliest: '2026-11-30', latest: '2026-12-10' });
      expect(res.body.national).toEqual({
        previousJudgement: 'good',
        inspections: 40,
        medianMonths: 59.1,
        interquartileMonths: [53.4, 64.6],
      });
      const page = await (await w.agent(w.orgA, 'viewer')).get('/inspections');
      expect(page.text).toContain('When Ofsted is likely to come next');
      expect(page.text).toContain(
        '<strong>Short inspection</strong>, between <time datetime="2028-11-21">21 November 2028</time> and <time datetime="2029-10-28">28 October 2029</time>',
      );
      expect((await (await w.agent(w.orgB, 'viewer')).get('/inspections')).text).toContain(
        'Record your latest graded inspection to see when the next one is likely.',
      );
    });
  });
});
