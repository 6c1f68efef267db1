import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Database tests run on in-memory PGlite always, and again on PostgreSQL when TEST_DATABASE_URL is set:
// the second project re-runs every *.db.test.ts file with WAYMARK_TEST_ENGINE=postgres.
const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'unit',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: ['**/*.db.test.ts', 'test/e2e/**'],
    },
  },
  {
    extends: true,
    test: {
      name: 'db-pglite',
      include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
      env: { WAYMARK_TEST_ENGINE: 'pglite' },
    },
  },
];
if (!process.env.TEST_DATABASE_URL) {
  // .ci/run runs the PostgreSQL project in its Node 24 phase and says so with WAYMARK_CI_POSTGRES_PHASE.
  if (process.env.CI === 'true' && !process.env.WAYMARK_CI_POSTGRES_PHASE)
    throw new Error('CI must run the database tests on PostgreSQL too: set TEST_DATABASE_URL (bash .ci/run does)');
  console.warn('TEST_DATABASE_URL is not set: database tests run on PGlite only, not PostgreSQL.');
}
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    extends: true,
    test: {
      name: 'db-postgres',
      include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
      env: { WAYMARK_TEST_ENGINE: 'postgres' },
    },
  });
}

export default defineConfig({
  test: {
    projects,
    globalSetup: ['test/support/pglite-template.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { TZ: 'Europe/London' },
  },
});
