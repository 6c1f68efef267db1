import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRows } from '../annex-a/row-store.js';
import { isOpenCin, isOpenCla, isOpenCp } from '../../lib/annex-a/indicators.js';
import * as ca from '../../../test/support/case-audits.js';

let t: ca.AuditWorld;
let frameworkId = '';
beforeAll(async () => {
  t = await ca.auditWorld({ annexA: true });
  frameworkId = await ca.addFramework(t);
}, 120_000);
afterAll(() => t.close());

describe('choosing the cases of a cycle', () => {
  it('samples open cases from the latest Annex A import, stratified, the same again for the same seed; the next month leaves them out', async () => {
    const cycleId = await ca.startCycle(t, frameworkId, {
      title: 'March 2027 practice audit',
      kind: 'monthly',
      period: '2027-03',
    });
    const dry = await t.api('post', `/audit-cycles/${cycleId}/sample?dryRun=true`).send({ size: 8, seed: 4242 });
    expect(dry.status).toBe(200);
    expect(
      await t.services.db.selectFrom('caseAudits').select('id').where('cycleId', '=', cycleId).execute(),
    ).toHaveLength(0);
    const res = await t.api('post', `/audit-cycles/${cycleId}/sample`).send({ size: 8, seed: 4242 });
    expect(res.status).toBe(201);
    expect(res.body.referenceDate).toBe(ca.REF);
    const sampled: { caseHash: string; annexA: { list: number; row: number } }[] = res.body.cases;
    expect(sampled.map((c) => c.caseHash)).toEqual(dry.body.cases.map((c: { caseHash: string }) => c.caseHash));
    expect(sampled).toHaveLength(8);
    expect(res.body.strata.reduce((a: number, s: { chosen: number }) => a + s.chosen, 0)).toBe(8);

    // Each sampled case is an open record at the reference date, on the list and row it names.
    const rows = await loadRows(t.services.db, t.orgA.id, res.body.importId, [6, 7, 8, 9]);
    for (const c of sampled) {
      const r = rows.get(c.annexA.list)!.find((x) => x.row === c.annexA.row)!;
      expect(r.child).toBe(c.caseHash);
      const open =
        r.list === 6
          ? isOpenCin(r, ca.REF)
          : r.list === 7
            ? isOpenCp(r, ca.REF)
            : r.list === 8
              ? isOpenCla(r, ca.REF)
              : true;
      expect(open).toBe(true);
    }
    const twice = await t.api('post', `/audit-cycles/${cycleId}/sample`).send({ size: 2, seed: 1 });
    expect(twice.status).toBe(409);

    // The next month leaves out the cases audited in the last six months.
    const next = await ca.startCycle(t, frameworkId, {
      title: 'April 2027 practice audit',
      kind: 'monthly',
      period: '2027-04',
    });
    const nextDry = await t.api('post', `/audit-cycles/${next}/sample?dryRun=true`).send({ size: 40, seed: 4242 });
    expect(nextDry.status).toBe(200);
    expect(nextDry.body.excluded).toBeGreaterThanOrEqual(8);
    const again = new Set(nextDry.body.cases.map((c: { caseHash: string }) => c.caseHash));
    for (const c of sampled) expect(again.has(c.caseHash)).toBe(false);
  });

  it('adds a case by identifier, keeping only the keyed hash; a case not in the import is added and flagged', async () => {
    const cycleId = await ca.startCycle(t, frameworkId, { topic: 'Cases added by hand' });
    const res = await t.api('post', `/audit-cycles/${cycleId}/audits`).send({ caseId: 'SYN0000003' });
    expect(res.status).toBe(201);
    expect(res.body.caseHash).toBe(t.hashOf('SYN0000003'));
    const missing = await t.api('post', `/audit-cycles/${cycleId}/audits`).send({ caseId: 'NOT-IN-ANNEX-77' });
    expect(missing.status).toBe(201);
    expect(missing.body).toMatchObject({ inLatestImport: false, team: null, list: null });
    expect(missing.body.warnings[0]).toEqual({
      path: 'identifier',
      message: `This case is not in the latest Annex A import (${ca.REF}): it has been added without a team and is flagged`,
    });
    const dup = await t.api('post', `/audit-cycles/${cycleId}/audits`).send({ caseId: ' NOT-IN-ANNEX-77 ' });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details[0].path).toBe('identifier');
    expect(await t.databaseContains('NOT-IN-ANNEX-77')).toEqual([]);
  });
});
