import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../../../test/support/world.js';
import * as ca from '../../../test/support/case-audits.js';

let t: ca.AuditWorld;
beforeAll(async () => {
  t = await ca.auditWorld();
});
afterAll(() => t.close());

describe('audit frameworks, auditors and cycles', () => {
  it('adds a framework with Ofsted’s grades by default, refusing a scale in the wrong order; then starts its monthly cycles, one a month', async () => {
    const res = await t.api('post', '/audit-frameworks').send(ca.PRACTICE_AUDIT);
    expect(res.status).toBe(201);
    const frameworkId = res.body.id;
    expect(res.body.currentVersion.number).toBe(1);
    expect(res.body.currentVersion.scale.map((g: { key: string }) => g.key)).toEqual([
      'outstanding',
      'good',
      'requires-improvement',
      'inadequate',
    ]);
    expect(res.body.currentVersion.themes.map((t: { key: string }) => t.key)).toEqual([
      'assessment',
      'management-oversight',
    ]);

    const bad = await t.api('post', '/audit-frameworks').send({
      name: 'x',
      themes: [
        {
          name: 'T',
          standards: [
            { code: 'T1', text: 'a' },
            { code: 't1', text: 'b' },
          ],
        },
      ],
      scale: [
        { label: 'Weak', band: 'inadequate' },
        { label: 'Strong', band: 'good-or-better' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([
        {
          path: 'themes.0.standards.1',
          message: 'standard t1 is already used on line 2; give each standard its own code, like A1 or 1.1',
        },
        {
          path: 'scale.1',
          message: 'Grades go from best to worst: good-or-better grades first, the inadequate grade last',
        },
      ]),
    );

    const march = (title: string) =>
      t.api('post', '/audit-cycles').send({ title, kind: 'monthly', period: '2027-03', frameworkId });
    const cycle = await march('March 2027 practice audit');
    expect(cycle.status).toBe(201);
    expect(cycle.body.indicatorSeries).toBe('practice-audit');
    const again = await march('Another');
    expect(again.status).toBe(422);
    expect(again.body.error.details[0].path).toBe('period');
  });

  it('names auditors: contributors and editors, never viewers', async () => {
    const editor = await t.agent(t.orgA, 'editor');
    for (const role of ['contributor', 'editor'] as const) {
      const res = await postForm(editor, '/case-audits/auditors', '/case-audits/auditors', {
        userId: t.orgA.users[role].id,
      });
      expect(res.status).toBe(302);
    }
    const viewer = await postForm(editor, '/case-audits/auditors', '/case-audits/auditors', {
      userId: t.orgA.users.viewer.id,
    });
    expect(viewer.status).toBe(400);
    expect(viewer.text).toContain('is a viewer: only contributors, editors and administrators can be auditors');
  });

  it('a changed framework is a new version; cycles already started keep theirs', async () => {
    const id = await ca.addFramework(t, 'Versioned audit');
    await ca.startCycle(t, id, { topic: 'Neglect' });
    const fw = (await t.api('get', '/audit-frameworks')).body.items.find((f: { id: string }) => f.id === id);
    const before = (await t.api('get', '/audit-cycles')).body.items.map(
      (c: { frameworkVersionId: string }) => c.frameworkVersionId,
    );
    const res = await t.api('post', `/audit-frameworks/${fw.id}/versions`).send({
      name: fw.name,
      themes: [
        ...fw.currentVersion.themes.map((t: { name: string; standards: { code: string; text: string }[] }) => ({
          name: t.name,
          standards: t.standards,
        })),
        { name: 'The child’s voice', standards: [{ code: 'V1', text: 'Wishes recorded' }] },
      ],
      changeNote: 'The child’s voice added',
      version: fw.version,
    });
    expect(res.status).toBe(201);
    expect(res.body.currentVersion.number).toBe(2);
    expect(
      (await t.api('get', '/audit-cycles')).body.items.map((c: { frameworkVersionId: string }) => c.frameworkVersionId),
    ).toEqual(before);
    const stale = await t.api('post', `/audit-frameworks/${fw.id}/versions`).send({
      name: fw.name,
      themes: fw.currentVersion.themes,
      changeNote: 'x',
      version: fw.version,
    });
    expect(stale.status).toBe(409);
    const next = await t.api('post', '/audit-cycles').send({
      title: 'May 2027 practice audit',
      kind: 'monthly',
      period: '2027-05',
      frameworkId: fw.id,
    });
    expect(next.body.frameworkVersionId).toBe(res.body.currentVersion.id);
  });

  it('another organisation’s cycles and audits are not found', async () => {
    const cycle = await ca.startCycle(t, await ca.addFramework(t, 'Tenancy audit'), { topic: 'Tenancy' });
    expect((await t.api('get', `/audit-cycles/${cycle}/summary`, 'other')).status).toBe(404);
    expect((await t.api('post', `/audit-cycles/${cycle}/sample`, 'other').send({ size: 1 })).status).toBe(404);
  });
});
