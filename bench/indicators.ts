/**
 * Indicators benchmark: 80 indicators × 60 months of values, each with a trajectory target and a
 * national measure benchmarked against every English authority (the real DfE files). Measures the
 * scorecard page (GET /indicators, signed in, full render) and the benchmark endpoint
 * (GET /api/v1/benchmarks/:key) end to end through the Express app, on the embedded PGlite in memory.
 *
 *   npx tsx bench/indicators.ts [--runs 40]
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import request from 'supertest';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/container.js';
import { createApp } from '../src/app.js';
import { hashPassword } from '../src/features/auth/passwords.js';
import { createApiToken } from '../src/features/account/tokens.js';
import { ensureNationalData } from '../src/features/benchmarks/national-data.js';
import { NATIONAL_MEASURES } from '../src/features/benchmarks/measures.js';
import { addPeriods, lastCompletePeriod, periodRange } from '../src/lib/periods.js';
import { todayInLondon } from '../src/lib/dates.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const runs = Number(args.runs);
const INDICATORS = 80;
const MONTHS = 60;

const services = await createServices(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false' }, {}), { memory: true });
const { db } = services;
const t0 = performance.now();
await ensureNationalData(db);
console.log(`National DfE data loaded in ${Math.round(performance.now() - t0)} ms`);

const org = await db
  .insertInto('organisations')
  .values({
    slug: 'bench',
    name: 'Bench Council',
    laCode: null,
    gssCode: null,
    region: 'East Midlands',
    childPopulation: 60000,
    pseudonymSecret: crypto.randomBytes(32).toString('base64url'),
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const password = 'bench-password-long';
const user = await db
  .insertInto('users')
  .values({
    organisationId: org.id,
    email: 'bench@bench.test',
    displayName: 'Bench',
    role: 'viewer',
    passwordHash: await hashPassword(password),
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const neighbours = await db
  .selectFrom('nationalNeighbours')
  .select('neighbourCode')
  .where('laCode', '=', '831')
  .orderBy('position')
  .execute();
await db
  .insertInto('organisationNeighbours')
  .values(neighbours.map((n, i) => ({ organisationId: org.id, laCode: n.neighbourCode, position: i + 1 })))
  .execute();

const last = lastCompletePeriod('month', todayInLondon());
const periods = periodRange(addPeriods(last, -(MONTHS - 1)), last);
for (let i = 0; i < INDICATORS; i++) {
  const measure = NATIONAL_MEASURES[i % NATIONAL_MEASURES.length];
  const ind = await db
    .insertInto('indicators')
    .values({
      organisationId: org.id,
      key: `bench-${i}`,
      name: `Bench indicator ${i}`,
      unit: 'percent',
      polarity: i % 2 ? 'higher-is-better' : 'lower-is-better',
      frequency: 'monthly',
      theme: `Theme ${i % 5}`,
      nationalMeasure: measure.key,
      tolerance: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('indicatorValues')
    .values(
      periods.map((period, j) => ({
        organisationId: org.id,
        indicatorId: ind.id,
        period,
        value: Math.round((40 + 10 * Math.sin(i + j / 6)) * 10) / 10,
        source: 'import' as const,
        recordedBy: 'bench',
      })),
    )
    .execute();
  await db
    .insertInto('indicatorTargets')
    .values({
      organisationId: org.id,
      indicatorId: ind.id,
      kind: 'trajectory',
      startPeriod: periods[0],
      startValue: 45,
      endPeriod: last,
      endValue: 40,
    })
    .execute();
}
console.log(`${INDICATORS} indicators × ${MONTHS} months seeded`);

const app = createApp(services);
const agent = request.agent(app);
const page = await agent.get('/sign-in');
const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
const signIn = await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: 'bench@bench.test', password });
if (signIn.status !== 302) throw new Error(`sign-in failed: ${signIn.status}`);
const { token } = await createApiToken(
  db,
  { organisationId: org.id, userId: user.id, label: 'bench' },
  user.id,
  'bench',
);

async function measure(label: string, fn: () => Promise<{ status: number }>) {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const res = await fn();
    times.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`${label}: status ${res.status}`);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  console.log(`${label.padEnd(44)} median ${q(0.5).toFixed(1)} ms   p95 ${q(0.95).toFixed(1)} ms   (${runs} runs)`);
  return q(0.5);
}

console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`);
const scorecard = await measure('GET /indicators (scorecard, 80 indicators)', () => agent.get('/indicators'));
await measure('GET /api/v1/benchmarks/bench-0?year=2024', () =>
  request(app).get('/api/v1/benchmarks/bench-0?year=2024').set('Authorization', `Bearer ${token}`),
);
await measure('GET /api/v1/benchmarks/bench-7 (latest year)', () =>
  request(app).get('/api/v1/benchmarks/bench-7').set('Authorization', `Bearer ${token}`),
);
await services.close();
if (scorecard > 150) console.log('Scorecard median is over the 150 ms aim.');
