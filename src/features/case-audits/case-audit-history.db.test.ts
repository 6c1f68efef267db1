import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ca from '../../../test/support/case-audits.js';

// The record-history page of a case audit: special-category data, so the audit's own read rule applies.
describe('a case audit’s history page', () => {
  let t: ca.AuditWorld;
  let auditId = '';
  let noteId = '';

  beforeAll(async () => {
    t = await ca.auditWorld();
    const cycleId = await ca.startCycle(t, await ca.addFramework(t));
    auditId = await ca.addCase(t, cycleId, 'SYN0000042');
    // Only the contributor is named an auditor: the admin and editor read audits by their role.
    await ca.nameAuditors(t, ['contributor']);
    await ca.gradedAudit(t, auditId, {
      grades: { a1: 'good', a2: 'n-a', m1: 'requires-improvement' },
      overall: 'requires-improvement',
      note: 'Supervision is irregular.',
      auditedOn: '2027-04-12',
    });
    noteId = (
      await t.services.db
        .selectFrom('caseAuditNotes')
        .select('id')
        .where('auditId', '=', auditId)
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it('is not found for a viewer, an editor of another organisation or a contributor who is not an auditor', async () => {
    const pages = [`/history/caseAudits/${auditId}`, `/history/caseAuditNotes/${noteId}`];
    const viewer = await t.agent(t.orgA, 'viewer');
    const other = await t.agent(t.orgB, 'editor');
    for (const page of pages) {
      expect((await viewer.get(page)).status, page).toBe(404);
      expect((await other.get(page)).status, page).toBe(404);
    }
    await t.services.db.deleteFrom('caseAuditors').where('userId', '=', t.orgA.users.contributor.id).execute();
    try {
      expect((await (await t.agent(t.orgA, 'contributor')).get(pages[0])).status).toBe(404);
    } finally {
      await t.services.db
        .insertInto('caseAuditors')
        .values({ organisationId: t.orgA.id, userId: t.orgA.users.contributor.id })
        .execute();
    }
  });

  it('reads in words, never the case’s hash or raw data, for the named auditor, an editor and an admin', async () => {
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      const page = await (await t.agent(t.orgA, role)).get(`/history/caseAudits/${auditId}`);
      expect(page.status, role).toBe(200);
      expect(page.text).toContain('Added to the cycle by its identifier');
      expect(page.text).toContain('A1: Good');
      expect(page.text).toContain('M1: Requires improvement to be good');
      expect(page.text).toContain('Overall grade: Requires improvement to be good');
      expect(page.text).toContain('Auditor: nobody → alpha contributor');
      expect(page.text).toContain('Date audited: 12 April 2027');
      expect(page.text).not.toContain(t.hashOf('SYN0000042').slice(0, 10));
      expect(page.text).not.toMatch(/caseHash|Case hash|auditorId|&quot;|\{/);
      expect(page.text).not.toContain('Supervision is irregular');
    }
  });
});
