/**
 * Benchmark: a plan with 400 actions, 1,600 milestones and 4,000 updates; times the plan overview
 * page (HTML, rendered in full) and GET /api/v1/plans/:id/summary. Run with `npx tsx bench/plans.ts`
 * (embedded PGlite in memory, or PostgreSQL with BENCH_DATABASE_URL).
 */
import os from 'node:os';
import request from 'supertest';
import { time, withBenchDatabase } from './_support.js';
import { createApp } from '../src/app.js';
import { createOrg, signIn } from '../test/support/world.js';
import { createApiToken } from '../src/features/account/tokens.js';
import { createPlan } from '../src/features/plans/service.js';
import { addDays, todayInLondon } from '../src/lib/dates.js';

const ACTIONS = 400;
const MILESTONES_PER_ACTION = 4;
const UPDATES_PER_ACTION = 10;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  await withBenchDatabase(async (services) => {
    const org = await createOrg(services, `bench-${Date.now().toString(36)}`);
    const { db } = services;
    const today = todayInLondon();
    const t0 = Date.now();
    const plan = await createPlan(db, org.actor, {
      title: 'Benchmark plan',
      startDate: addDays(today, -700),
      endDate: addDays(today, 700),
      themes: ['Our people', 'Our practice', 'Our processes', 'Our partnerships'],
    });
    const themes = await db.selectFrom('planThemes').select('id').where('planId', '=', plan.id).execute();
    const owners = [org.users.contributor.id, org.users.editor.id, org.users.admin.id];
    const rags = ['red', 'amber', 'green'] as const;
    const actionRows = Array.from({ length: ACTIONS }, (_, i) => ({
      organisationId: org.id,
      planId: plan.id,
      themeId: themes[i % themes.length].id,
      reference: `${(i % 4) + 1}.${Math.floor(i / 4) + 1}`,
      title: `Benchmark action ${i + 1}`,
      ownerId: owners[i % owners.length],
      startDate: addDays(today, -600),
      dueDate: addDays(today, 600),
      status: (i % 10 === 0 ? 'complete' : i % 10 === 1 ? 'not-started' : 'in-progress') as
        'complete' | 'not-started' | 'in-progress',
      ownerRag: rags[i % 3],
      ownerRagReason: i % 3 === 2 ? 'On track in the owner’s view' : null,
      lastUpdateDate: addDays(today, -1),
    }));
    const actions = await db.insertInto('actions').values(actionRows).returning('id').execute();
    const milestones = actions.flatMap((a, i) =>
      Array.from({ length: MILESTONES_PER_ACTION }, (_, k) => {
        // a mix: completed, overdue by a few days, overdue by months, in the future
        const due = addDays(today, [-300, -4, -90, 120][k] + (i % 7));
        return {
          organisationId: org.id,
          actionId: a.id,
          title: `Milestone ${k + 1}`,
          dueDate: due,
          completedDate: k === 0 || (k === 2 && i % 2 === 0) ? addDays(due, -1) : null,
        };
      }),
    );
    for (let i = 0; i < milestones.length; i += 500)
      await db
        .insertInto('milestones')
        .values(milestones.slice(i, i + 500))
        .execute();
    const updates = actions.flatMap((a, i) =>
      Array.from({ length: UPDATES_PER_ACTION }, (_, k) => ({
        organisationId: org.id,
        actionId: a.id,
        updateDate: addDays(today, -30 * (k + 1)),
        narrative: `Progress update ${k + 1} on action ${i + 1}: work continues with partners and the next milestone is on track.`,
        ownerRag: rags[(i + k) % 3],
        evidenceRag: rags[(i + k + 1) % 3],
        challenged: false,
        authorId: owners[i % owners.length],
      })),
    );
    for (let i = 0; i < updates.length; i += 500)
      await db
        .insertInto('actionUpdates')
        .values(updates.slice(i, i + 500))
        .execute();
    console.log(
      `Seeded ${actions.length} actions, ${milestones.length} milestones, ${updates.length} updates in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const app = createApp(services);
    const agent = await signIn(app, org.users.viewer.email);
    const { token } = await createApiToken(db, org.actor, org.users.viewer.id, 'bench');
    const first = await agent.get(`/plans/${plan.id}`);
    if (first.status !== 200) throw new Error(`Overview answered ${first.status}`);
    const summary = await request(app).get(`/api/v1/plans/${plan.id}/summary`).set('Authorization', `Bearer ${token}`);
    if (summary.status !== 200) throw new Error(`Summary answered ${summary.status}`);
    console.log(`Summary: ${JSON.stringify(summary.body.rag.evidence)}, challenged ${summary.body.challenged}`);
    console.log(
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${url ? 'PostgreSQL' : 'PGlite (in memory)'}`,
    );
    await time('GET /plans/:id (overview page)', REQUESTS, async () => {
      const r = await agent.get(`/plans/${plan.id}`);
      if (r.status !== 200) throw new Error(String(r.status));
    });
    await time('GET /plans/:id?rag=red&sort=due', REQUESTS, async () => {
      const r = await agent.get(`/plans/${plan.id}?rag=red&sort=due`);
      if (r.status !== 200) throw new Error(String(r.status));
    });
    await time('GET /api/v1/plans/:id/summary', REQUESTS, async () => {
      const r = await request(app).get(`/api/v1/plans/${plan.id}/summary`).set('Authorization', `Bearer ${token}`);
      if (r.status !== 200) throw new Error(String(r.status));
    });
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
