/**
 * Benchmark: the overview (home page) of the fictional demo council, the page every officer lands on.
 * Times each feature's home cards and the forecast and changes section on their own, then the whole
 * page rendered as the demo editor sees it. Run with `npx tsx bench/overview.ts` (embedded PGlite in
 * memory, or PostgreSQL with BENCH_DATABASE_URL).
 */
import os from 'node:os';
import { time, withBenchDatabase } from './_support.js';
import { createApp } from '../src/app.js';
import { seedDemo } from '../src/db/seeds/demo.js';
import { features } from '../src/features/index.js';
import { councilHome } from '../src/features/council/home.js';
import { loadUser } from '../src/middleware/auth.js';
import { signIn } from '../test/support/world.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const EDITOR = 'editor@demo.waymark.test';

await withBenchDatabase(async (services) => {
  const t0 = Date.now();
  await seedDemo(services);
  console.log(`Seeded the demo council in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)'}`,
  );
  const { id } = await services.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', EDITOR)
    .executeTakeFirstOrThrow();
  const user = (await loadUser(services.db, id))!;
  for (const feature of features)
    if (feature.homeCards)
      await time(`${feature.name} cards`, RUNS, async () => void (await feature.homeCards!(services, user)));
  await time('forecast and changes since the board', RUNS, async () => void (await councilHome(services, user)));

  const agent = await signIn(createApp(services), EDITOR, 'demo-password');
  await time('GET / (the whole page, HTML)', RUNS, async () => {
    const res = await agent.get('/');
    if (res.status !== 200) throw new Error(`The overview answered ${res.status}`);
  });
});
