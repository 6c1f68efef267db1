import { expect, test } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import { ImportPage, PlanOverviewPage, PlansListPage } from './pages/plans-pages.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

const PLAN = 'Improving children’s services 2023 to 2027';

test('a board member sees the plan overview, its exceptions and a challenged action, all passing axe', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.viewer);
  const list = new PlansListPage(page);
  await list.open();
  await list.expectAccessible();
  const overview = await list.openPlan(PLAN, 1);
  await expect(page.locator('h1')).toHaveText(PLAN);
  await expect(
    page.getByRole('heading', { name: /^Challenged: owner more optimistic than the evidence \(2\)/ }),
  ).toBeVisible();
  await overview.expectAccessible();
  const action = await overview.openAction('1.1');
  await expect(page.locator('.govuk-warning-text')).toContainText(
    'Challenged: the owner rates this action amber but the evidence says red',
  );
  await expect(page.getByRole('table', { name: /How the ratings of action 1.1 have moved/ })).toBeVisible();
  await action.expectAccessible();
  await page.goto('/plans');
  const v2 = await list.openPlan(PLAN, 2);
  await expect(page.locator('.govuk-warning-text').first()).toContainText('1 finding is not answered by any action');
  await v2.expectAccessible();
  await page.getByRole('link', { name: 'Compare versions' }).click();
  await expect(page.getByRole('heading', { name: 'Version 1 to version 2' })).toBeVisible();
  await new PlansListPage(page).expectAccessible();
  await context.close();
});

test('with JavaScript off, filters and sorting work by links and forms', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.viewer);
  const list = new PlansListPage(page);
  await list.open();
  const overview = await list.openPlan(PLAN, 1);
  await overview.filterByRag('Red');
  const rows = overview.actionsTable().locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('1.1');
  await page.goto(page.url().split('?')[0]);
  await overview.sortBy('Due');
  await expect(overview.actionsTable().locator('th[aria-sort="ascending"]')).toContainText('Due');
  await context.close();
});

test('an owner posts an update: the challenge reason is required, the error state passes axe', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.contributor);
  await page.goto('/my-actions');
  await expect(page.locator('h1')).toHaveText('My actions');
  await new PlanOverviewPage(page).expectAccessible();
  await page.getByRole('link', { name: /^Post an update on 1\.1/ }).click();
  const form = new (await import('./pages/plans-pages.js')).UpdateFormPage(page);
  await form.expectAccessible();
  await form.submit({ narrative: 'Two more starters confirmed.', rating: 'Green' });
  await expect(form.errorSummary()).toContainText('Give a reason for rating it green');
  await form.expectAccessible();
  await form.submit({
    reason: 'Starters confirmed for next month.',
    file: { name: 'offers.csv', mimeType: 'text/csv', buffer: Buffer.from('role,start\nSocial worker,next month\n') },
  });
  await expect(page.locator('.govuk-notification-banner')).toContainText('Your update has been posted');
  await expect(page.getByRole('link', { name: 'offers.csv' })).toBeVisible();
  await context.close();
});

test('a double click on "Post update" posts one update, not two', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.contributor);
  await page.goto('/my-actions');
  await page
    .getByRole('link', { name: /^Post an update on / })
    .nth(1)
    .click();
  const narrative = `Double-clicked update ${Date.now()}`;
  await page.getByLabel('What has happened since the last update?').fill(narrative);
  await page.getByRole('radio', { name: 'Red', exact: true }).check();
  const posts: string[] = [];
  page.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())));
  // Two clicks 30 ms apart, as a quick double click: the second lands while the first is still sending
  // (a second click after the page has gone is dropped with the page).
  await page.getByRole('button', { name: 'Post update' }).evaluate((button: HTMLElement) => {
    button.click();
    setTimeout(() => button.click(), 30);
  });
  await expect(page.locator('.govuk-notification-banner')).toContainText('Your update has been posted');
  await page.reload();
  await expect(page.getByText(narrative)).toHaveCount(1);
  expect(posts).toHaveLength(1);
  await context.close();
});

test('an editor imports actions from a CSV: preview with row errors passes axe, nothing saved', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const list = new PlansListPage(page);
  await list.open();
  await list.openPlan(PLAN, 2);
  await page.getByRole('link', { name: 'Import actions from a spreadsheet' }).click();
  const importPage = new ImportPage(page);
  await importPage.expectAccessible();
  await importPage.upload({
    name: 'plan.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Reference,Title,Start date,Due date\n9.1,New action,01/04/2026,someday\n'),
  });
  await expect(page.getByRole('heading', { name: '1 problem to fix' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Problems by row and column/ })).toContainText(
    '“someday” is not a date',
  );
  await importPage.expectAccessible();
  await context.close();
});

test('every plan form an editor can open passes axe', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const list = new PlansListPage(page);
  await list.open();
  const overview = await list.openPlan(PLAN, 2);
  const planUrl = new URL(page.url()).pathname;
  await overview.openAction('2.3');
  const actionUrl = new URL(page.url()).pathname;
  for (const path of [
    '/plans/new',
    `${planUrl}/edit`,
    `${planUrl}/approve`,
    `${planUrl}/actions/new`,
    `${actionUrl}/edit`,
    `${actionUrl}/milestones/new`,
    `${actionUrl}/updates/new`,
  ]) {
    await page.goto(path);
    await expect(page.locator('h1')).not.toHaveText('Page not found');
    await list.expectAccessible();
  }
  await page.goto(`${planUrl}/actions/new`);
  await page.getByRole('button', { name: 'Save action' }).click();
  await expect(list.errorSummary()).toContainText('Enter a reference, like 2.3');
  await list.expectAccessible();
  await context.close();
});
