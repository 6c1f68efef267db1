/**
 * Benchmark: case file audits against a large Annex A snapshot. Imports a generated workbook of
 * BENCH_CHILDREN children (20,000 by default), then times drawing a sample (read and decompress lists
 * 6–9, stratify, rank by the seed), grading one audit before and after the cycle is published (after,
 * every grade rewrites the cycle's indicators in the same transaction), the cycle page (HTML) and
 * GET /api/v1/audit-cycles/:id/summary. Run with `npx tsx bench/case-audits.ts` (in-memory PGlite, or
 * PostgreSQL with BENCH_DATABASE_URL).
 */
import request from 'supertest';
import { time, withBenchDatabase } from './_support.js';
import { createApp } from '../src/app.js';
import { createOrg, signIn } from '../test/support/world.js';
import { createApiToken } from '../src/features/account/tokens.js';
import { todayInLondon } from '../src/lib/dates.js';
import { OFSTED_SCALE, parseFrameworkText } from '../src/lib/case-audit-framework.js';
import { CASE_LISTS } from '../src/lib/case-audit-sampling.js';
import { generateWorkbookBuffer } from '../src/features/annex-a/generator.js';
import { runImport } from '../src/features/annex-a/service.js';
import { createFramework, STARTER_FRAMEWORK_TEXT } from '../src/features/case-audits/frameworks.js';
import { createCycle } from '../src/features/case-audits/cycles.js';
import { commitSample, previewSample } from '../src/features/case-audits/cases.js';
import { allocate, changeAudit, gradeAudit } from '../src/features/case-audits/audits.js';
import { publishCycle } from '../src/features/case-audits/results.js';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 20_000);
const SAMPLE = 60;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

async function main() {
  await withBenchDatabase(async (services) => {
    const { db } = services;
    const org = await createOrg(services, `bench-${Date.now().toString(36)}`);
    const today = todayInLondon();
    const period = today.slice(0, 7);
    const file = await generateWorkbookBuffer({ children: CHILDREN, referenceDate: today, seed: 5 });
    const imported = await runImport(db, org.actor, 'Bench', {
      source: { buffer: file },
      filename: 'bench.xlsx',
      referenceDate: today,
      mode: 'commit',
    });
    const rows = Object.values(imported.rows).reduce((a, b) => a + b, 0);
    console.log(`Annex A snapshot: ${CHILDREN.toLocaleString('en-GB')} children, ${rows.toLocaleString('en-GB')} rows`);

    for (const role of ['contributor', 'editor'] as const)
      await db.insertInto('caseAuditors').values({ organisationId: org.id, userId: org.users[role].id }).execute();
    const { themes } = parseFrameworkText(STARTER_FRAMEWORK_TEXT);
    const { framework } = await createFramework(db, org.actor, {
      name: 'Bench audit',
      description: '',
      themes,
      scale: OFSTED_SCALE,
      changeNote: '',
    });
    const cycle = await createCycle(db, org.actor, {
      title: 'Bench cycle',
      kind: 'monthly',
      period,
      topic: null,
      frameworkId: framework.id,
      dueDate: null,
    });
    const request_ = { size: SAMPLE, seed: 1, lists: [...CASE_LISTS] };
    const first = await previewSample(db, org.id, cycle, request_);
    console.log(
      `Open cases available: ${first.result.available.toLocaleString('en-GB')} in ${first.result.strata.length} strata`,
    );
    await time(`draw a sample of ${SAMPLE} (preview)`, Math.min(RUNS, 10), async (i) => {
      await previewSample(db, org.id, cycle, { ...request_, seed: 100 + i });
    });
    await commitSample(db, org.actor, cycle.id, request_);

    const audits = await db.selectFrom('caseAudits').selectAll().where('cycleId', '=', cycle.id).execute();
    const auditor = { id: org.users.contributor.id, role: 'contributor' as const, displayName: 'Bench auditor' };
    const grades = Object.fromEntries(
      themes.flatMap((t) => t.standards.map((s, j) => [s.key, j % 2 ? 'good' : 'requires-improvement'])),
    );
    const grade = (id: string, overall: string) =>
      changeAudit(db, org.actor, id, undefined, async (trx, row) => {
        const a = row.auditorId ? row : await allocate(trx, org.actor, row, { auditorId: auditor.id });
        return gradeAudit(trx, org.actor, auditor, a, { grades, overall, note: 'Bench note.', auditedOn: today });
      });
    await time('grade one audit (cycle not published)', Math.min(RUNS, audits.length / 2), async (i) => {
      await grade(audits[(i + audits.length) % audits.length].id, 'good');
    });
    for (const a of audits) await grade(a.id, 'good');
    await publishCycle(db, org.actor, cycle.id);
    await time('grade one audit (published: indicators rewritten)', Math.min(RUNS, audits.length / 2), async (i) => {
      await grade(audits[(i + audits.length) % audits.length].id, i % 2 ? 'good' : 'requires-improvement');
    });

    const app = createApp(services);
    const agent = await signIn(app, org.users.editor.email);
    const { token } = await createApiToken(db, org.actor, org.users.editor.id, 'bench');
    await time(`cycle page (${audits.length} audits)`, RUNS, async () => {
      const res = await agent.get(`/case-audits/cycles/${cycle.id}`);
      if (res.status !== 200) throw new Error(`cycle page ${res.status}`);
    });
    await time('GET /api/v1/audit-cycles/:id/summary', RUNS, async () => {
      const res = await request(app)
        .get(`/api/v1/audit-cycles/${cycle.id}/summary`)
        .set('Authorization', `Bearer ${token}`);
      if (res.status !== 200) throw new Error(`summary ${res.status}`);
    });
  });
}

await main();
