import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateBoxes, postForm } from '../../../test/support/world.js';
import * as ca from '../../../test/support/case-audits.js';

let t: ca.AuditWorld;
let frameworkId = '';
beforeAll(async () => {
  t = await ca.auditWorld();
  frameworkId = await ca.addFramework(t);
  await ca.nameAuditors(t);
});
afterAll(() => t.close());

/** A case of a cycle of its own, so each scenario's summary counts only its audits. */
const freshCase = async (topic: string, identifier: string) =>
  ca.addCase(t, await ca.startCycle(t, frameworkId, { topic }), identifier);
const GRADED = {
  grades: { a1: 'good', a2: 'n-a', m1: 'requires-improvement' },
  overall: 'requires-improvement',
  note: 'Supervision is irregular. The plan is clear.',
  auditedOn: '2027-04-12',
};

describe('allocating, grading and moderating', () => {
  it('allocates, refusing a moderator who is the auditor', async () => {
    const auditId = await freshCase('Allocation', 'SYN0000101');
    const same = await t.patchAudit(auditId, 'editor', {
      auditorId: t.orgA.users.contributor.id,
      moderatorId: t.orgA.users.contributor.id,
    });
    expect(same.status).toBe(422);
    expect(same.body.error.details).toEqual([
      { path: 'moderatorId', message: 'The moderator must be a second auditor, not the auditor who graded the case' },
    ]);
    const noVersion = await t.api('patch', `/audits/${auditId}`).send({ auditorId: t.orgA.users.contributor.id });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error.details[0].path).toBe('version');
    const stale = await t.api('patch', `/audits/${auditId}`).send({
      version: 99,
      auditorId: t.orgA.users.contributor.id,
    });
    expect(stale.status).toBe(409);
    const notAuditor = await t.patchAudit(auditId, 'editor', { auditorId: t.orgA.users.viewer.id });
    expect(notAuditor.status).toBe(422);
    const ok = await t.patchAudit(auditId, 'editor', {
      auditorId: t.orgA.users.contributor.id,
      moderatorId: t.orgA.users.editor.id,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('allocated');
    const byContributor = await t.patchAudit(auditId, 'contributor', { moderatorId: t.orgA.users.admin.id });
    expect(byContributor.status).toBe(403);
  });

  it('the auditor grades; a grade outside the scale, an unknown standard or a missing one is a 422 naming it', async () => {
    const auditId = await freshCase('Grading', 'SYN0000102');
    await t.patchAudit(auditId, 'editor', {
      auditorId: t.orgA.users.contributor.id,
      moderatorId: t.orgA.users.editor.id,
    });
    const outside = await t.patchAudit(auditId, 'contributor', {
      grades: { a1: 'excellent', a2: 'good', m1: 'good' },
      overall: 'good',
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.details[0]).toEqual({
      path: 'grades.a1',
      message:
        '“excellent” is not a grade on this framework’s scale: use one of outstanding, good, requires-improvement, inadequate, n-a',
    });
    const unknown = await t.patchAudit(auditId, 'contributor', {
      grades: { a1: 'good', a2: 'good', m1: 'good', z9: 'good' },
      overall: 'good',
    });
    expect(unknown.body.error.details).toEqual([{ path: 'grades.z9', message: 'This framework has no standard “z9”' }]);
    const missing = await t.patchAudit(auditId, 'contributor', { grades: { a1: 'good' }, overall: 'great' });
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'grades.a2',
      'grades.m1',
      'overall',
    ]);
    const ok = await t.patchAudit(auditId, 'contributor', GRADED);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'awaiting-moderation',
      overall: 'requires-improvement',
      note: 'Supervision is irregular. The plan is clear.',
    });
  });

  it('notes are for editors, admins and auditors only; a viewer gets the summary and no notes', async () => {
    const cycleId = await ca.startCycle(t, frameworkId, { topic: 'Notes' });
    const auditId = await ca.addCase(t, cycleId, 'SYN0000103');
    await ca.gradedAudit(t, auditId, GRADED);
    expect((await t.api('get', `/audit-cycles/${cycleId}/audits`, 'viewer')).status).toBe(403);
    expect((await t.api('get', `/audits/${auditId}`, 'viewer')).status).toBe(403);
    const summary = await t.api('get', `/audit-cycles/${cycleId}/summary`, 'viewer');
    expect(summary.status).toBe(200);
    expect(JSON.stringify(summary.body)).not.toContain('Supervision is irregular');
    const viewer = await t.agent(t.orgA, 'viewer');
    const page = await viewer.get(`/case-audits/cycles/${cycleId}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('/case-audits/audits/');
    expect((await viewer.get(`/case-audits/audits/${auditId}`)).status).toBe(403);
    // The audit trail says a note was written, never what it says.
    const events = await t.services.db
      .selectFrom('auditEvents')
      .select(['after'])
      .where('entityType', '=', 'caseAuditNotes')
      .execute();
    expect(JSON.stringify(events)).toMatch(/written \(44 characters, #[0-9a-f]{6}\)/);
    expect(await t.databaseContains('Supervision is irregular')).toEqual(['case_audit_notes.body']);
  });

  it('moderation by the same auditor is refused; a second auditor’s grades replace the auditor’s and the change shows', async () => {
    const cycleId = await ca.startCycle(t, frameworkId, { topic: 'Moderation' });
    const auditId = await ca.addCase(t, cycleId, 'SYN0000104');
    await ca.gradedAudit(t, auditId, GRADED, { moderator: 'editor' });
    const self = await t.patchAudit(auditId, 'contributor', { moderation: { overall: 'good' } });
    expect(self.status).toBe(422);
    expect(self.body.error.details).toEqual([
      {
        path: 'moderation',
        message: 'A moderation must be by a second auditor: the auditor who graded this case cannot moderate it',
      },
    ]);
    const res = await t.patchAudit(auditId, 'editor', {
      moderation: { grades: { m1: 'inadequate' }, overall: 'inadequate', note: 'Oversight is missing.' },
    });
    expect(res.status).toBe(200);
    expect(res.body.moderation).toMatchObject({
      overall: 'inadequate',
      grades: { a1: 'good', a2: 'n-a', m1: 'inadequate' },
    });
    expect(res.body.status).toBe('moderated');
    const s = (await t.api('get', `/audit-cycles/${cycleId}/summary`)).body;
    expect(s).toMatchObject({ audits: 1, moderated: 1, agreed: 0, agreement: 0 });
    expect(s.overall).toEqual({
      'good-or-better': 0,
      inadequate: 100,
      counts: { outstanding: 0, good: 0, 'requires-improvement': 0, inadequate: 1 },
      graded: 1,
    });
    expect(
      s.themes.map((x: Record<string, unknown>) => [x.key, x['good-or-better'], x.graded, x.notApplicable]),
    ).toEqual([
      ['assessment', 100, 1, 1],
      ['management-oversight', 0, 1, 0],
    ]);
    expect(s.changes).toEqual([
      {
        auditId,
        reference: t.hashOf('SYN0000104').slice(0, 10),
        overallBefore: 'requires-improvement',
        overallAfter: 'inadequate',
        standards: [{ key: 'm1', before: 'requires-improvement', after: 'inadequate' }],
      },
    ]);
    const regrade = await t.patchAudit(auditId, 'contributor', { overall: 'good' });
    expect(regrade.status).toBe(409);
  });

  it('grades and moderates in the browser without JavaScript, with errors on the page', async () => {
    const added = await freshCase('In the browser', 'SYN0000105');
    await t.patchAudit(added, 'editor', { auditorId: t.orgA.users.contributor.id });
    const auditor = await t.agent(t.orgA, 'contributor');
    const mine = await auditor.get('/case-audits/my-audits');
    expect(mine.text).toContain(`/case-audits/audits/${added}/grade`);
    const form = `/case-audits/audits/${added}/grade`;
    const bad = await postForm(auditor, form, form, {
      version: await t.auditVersion(added),
      'grades[a1]': 'good',
      overall: '',
      note: 'x',
      ...dateBoxes('auditedOn', '31/2/2027'),
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Date audited must be a real date, like 31 3 2027');
    const bad2 = await postForm(auditor, form, form, {
      version: await t.auditVersion(added),
      'grades[a1]': 'good',
      overall: '',
      note: 'x',
    });
    expect(bad2.status).toBe(400);
    expect(bad2.text).toContain('href="#grades-a2"');
    expect(bad2.text).toContain('Grade standard A2, or choose not applicable');
    expect(bad2.text).toContain('Choose the overall grade');
    // Someone else changed the audit meanwhile: said in plain words against the overall grade, not a hidden field.
    const stale = await postForm(auditor, form, form, {
      version: String(Number(await t.auditVersion(added)) - 1),
      'grades[a1]': 'good',
      overall: 'good',
      note: 'Typed before the other change',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('href="#overall">Someone else changed this audit while you were working on it.');
    expect(stale.text).not.toContain('#version');
    expect(stale.text).toContain('Typed before the other change');
    const ok = await postForm(auditor, form, form, {
      version: await t.auditVersion(added),
      'grades[a1]': 'good',
      'grades[a2]': 'outstanding',
      'grades[m1]': 'good',
      overall: 'good',
      note: 'Management oversight is recorded at each decision.',
      ...dateBoxes('auditedOn', '13/4/2027'),
    });
    expect(ok.status).toBe(302);
    const selfModerate = await auditor.get(`/case-audits/audits/${added}/moderate`);
    expect(selfModerate.status).toBe(403);
    const editor = await t.agent(t.orgA, 'editor');
    const mod = `/case-audits/audits/${added}/moderate`;
    const same = await postForm(editor, mod, mod, {
      version: await t.auditVersion(added),
      moderatorId: t.orgA.users.contributor.id,
      'grades[a1]': 'good',
      'grades[a2]': 'good',
      'grades[m1]': 'good',
      overall: 'good',
    });
    expect(same.status).toBe(400);
    expect(same.text).toContain('A moderation must be by a second auditor');
    const done = await postForm(editor, mod, mod, {
      version: await t.auditVersion(added),
      moderatorId: t.orgA.users.editor.id,
      'grades[a1]': 'good',
      'grades[a2]': 'good',
      'grades[m1]': 'good',
      overall: 'good',
      note: 'Agreed.',
    });
    expect(done.status).toBe(302);
    const page = await editor.get(`/case-audits/audits/${added}`);
    expect(page.text).toContain('Management oversight is recorded at each decision.');
    expect(page.text).toContain('(changed)');
  });
});
