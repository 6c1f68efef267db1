import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(chromium);
if (!hasChromium) {
  if (process.env.CI === 'true')
    throw new Error(`Browser tests must run in CI, but Chromium is not at ${chromium} (apt-get install chromium)`);
  console.warn(
    `Chromium is not installed at ${chromium}: browser tests will be skipped. Install it with: apt-get install chromium`,
  );
}

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    launchOptions: {
      executablePath: hasChromium ? chromium : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npx tsx test/e2e/serve.ts',
    url: `http://localhost:${port}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), WAYMARK_DATA_DIR: `.tmp/e2e-data-${port}`, NODE_ENV: 'test', SEED_DEMO: 'true' },
    stdout: 'pipe',
  },
});
