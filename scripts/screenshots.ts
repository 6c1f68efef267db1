/**
 * `npm run screenshots`: pictures of the main pages for the README, taken from the fictional demo
 * council so they stay current. Starts Waymark in this process on an in-memory database seeded with
 * the demo, signs in as the demo administrator in Debian's Chromium and saves PNGs to docs/screenshots.
 *
 * Options: --out <folder> (default docs/screenshots), --width <px> (default 1280).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/container.js';
import { createApp } from '../src/app.js';
import { seedDemo } from '../src/db/seeds/demo.js';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'docs/screenshots' }, width: { type: 'string', default: '1280' } },
});
const outDir = path.resolve(values.out!);
const width = Number(values.width);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  console.error(`Chromium is not at ${executablePath}: install it with apt-get install chromium, or set CHROMIUM_PATH`);
  process.exit(2);
}

interface Shot {
  file: string;
  /** A path, or a function that finds the page from the one before (links whose IDs differ per run). */
  go: string | ((page: Page) => Promise<void>);
  caption: string;
  /** Scroll this element to the top of the picture. */
  scrollTo?: string;
}

const clickFirst = (from: string, selector: string) => async (page: Page) => {
  await page.goto(from);
  await page.locator(selector).first().click();
};

const SHOTS: Shot[] = [
  { file: 'home.png', go: '/', caption: 'Overview: the council’s header and the cards' },
  {
    file: 'home-changes.png',
    go: '/',
    scrollTo: '#since-board',
    caption: 'Overview: what changed since the improvement board, and the next inspection forecast',
  },
  { file: 'inspections.png', go: '/inspections', caption: 'Inspections: the forecast, judgement history and timeline' },
  {
    file: 'plan.png',
    go: clickFirst('/plans', 'main tr:has-text("Approved") a[href^="/plans/"]'),
    caption: 'The improvement plan: coverage of findings and RAG by theme',
  },
  {
    file: 'scorecard.png',
    go: '/indicators',
    caption: 'Performance scorecard: out-of-date indicators shown as such, percentages with counts',
  },
  {
    file: 'indicator.png',
    go: clickFirst('/indicators', 'main a[href^="/indicators/"]:has-text("Assessments completed")'),
    caption: 'An indicator: series chart with its table and national comparison',
  },
  { file: 'governance.png', go: '/governance', caption: 'Boards, scrutiny and decisions' },
  { file: 'reports.png', go: '/reports', caption: 'Board packs and committee reports' },
  {
    file: 'organisation.png',
    go: '/admin/organisation',
    scrollTo: '#branding',
    caption: 'Organisation settings: the council’s name, logo, colour and footer',
  },
];

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PORT: '0', SEED_DEMO: 'false', NODE_ENV: 'test' });
  const services = await createServices(config, { memory: true });
  await seedDemo(services);
  const server = createApp(services).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('admin@demo.waymark.test');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    fs.mkdirSync(outDir, { recursive: true });
    for (const shot of SHOTS) {
      if (typeof shot.go === 'string') await page.goto(shot.go);
      else await shot.go(page);
      await page.waitForLoadState('networkidle');
      if (shot.scrollTo) await page.locator(shot.scrollTo).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const file = path.join(outDir, shot.file);
      await page.screenshot({ path: file, fullPage: false });
      console.log(`${path.relative(process.cwd(), file)}: ${shot.caption}`);
    }
  } finally {
    await browser.close();
    server.close();
    await services.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
