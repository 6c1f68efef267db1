import { expect, test } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { BasePage } from './pages/base-page.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import { AddUserPage } from './pages/admin-page.js';
import { crawl } from './crawl.js';
import { expectCouncilOwnPage } from './pages/council-pages.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

test('the sign-in, cookies, accessibility and 404 pages have no axe violations', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const base = new BasePage(page);
  for (const path of ['/sign-in', '/cookies', '/accessibility', '/signed-out']) {
    await page.goto(path);
    await base.expectAccessible();
  }
  await new SignInPage(page).signIn(DEMO_USERS.viewer);
  await page.goto('/no-such-page');
  expect(await base.heading()).toBe('Page not found');
  await base.expectAccessible();
  await page.goto('/admin');
  expect(await base.heading()).toBe('You do not have permission to see this page');
  await base.expectAccessible();
  await context.close();
});

test('sign-in errors use the GOV.UK error summary and pass axe', async ({ browser }) => {
  const context = await browser.newContext();
  const signIn = new SignInPage(await context.newPage());
  await signIn.signIn(DEMO_USERS.admin, 'wrong-password-x');
  await expect(signIn.errorSummary()).toContainText('Enter a correct email address and password');
  await expect(signIn.page).toHaveTitle(/^Error: /);
  await signIn.expectAccessible();
  await context.close();
});

// One crawl per role does every whole-site check at desktop width (the 320 px walk is in journeys.spec.ts):
// axe on every page, and for the admin, who reaches the most pages, the council's own marks and fonts
// (issue 15: no GOV.UK or Crown marks, no font downloaded).
for (const role of ['admin', 'viewer'] as const) {
  test(`every page reachable by a demo ${role} has no axe violations${role === 'admin' ? ', no GOV.UK or Crown marks and the fallback sans-serif stack' : ''}`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    const fonts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'font') fonts.push(r.url());
    });
    await new SignInPage(page).signIn(DEMO_USERS[role]);
    await expect(page.locator('h1')).toHaveText('Overview');
    const base = new BasePage(page);
    const visited = await crawl(page, '/', async (path) => {
      await base.expectAccessible();
      if (role === 'admin') await expectCouncilOwnPage(page, path);
    });
    expect(visited.length).toBeGreaterThan(role === 'admin' ? 20 : 2);
    expect(fonts).toEqual([]);
    await context.close();
  });
}

test('with JavaScript off, an admin adds a user, seeing the error summary first', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.admin);
  const addUser = new AddUserPage(page);
  await addUser.open();
  await addUser.submit({ name: '', email: 'not-an-email' });
  await expect(addUser.errorSummary()).toContainText('Enter the person’s name');
  await expect(addUser.errorSummary()).toContainText('Enter an email address in the correct format');
  // axe needs JavaScript in the page, so this form's error state is checked with JavaScript on below.
  await addUser.submit({ name: 'Casey Newlands', email: `casey.${Date.now()}@demo.waymark.test`, role: 'Editor' });
  await expect(page.locator('.govuk-notification-banner')).toContainText('Casey Newlands has been added');
  await expect(page.locator('table')).toContainText('Casey Newlands');
  await context.close();
});

test('the add-user form with errors passes axe', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.admin);
  const addUser = new AddUserPage(page);
  await addUser.open();
  await addUser.submit({ name: '', email: '' });
  await expect(addUser.errorSummary()).toBeVisible();
  await addUser.expectAccessible();
  await context.close();
});
