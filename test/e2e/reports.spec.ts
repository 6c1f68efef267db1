import { expect, test } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import { ReportsPage } from './pages/reports-page.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

/**
 * The whole journey: choose, compose (with an error first), preview, issue, download, print view and
 * the list per body. axe needs JavaScript in the page, so it runs in the second pass only.
 */
async function issueBoardPack(reports: ReportsPage, axe: boolean) {
  const check = async () => {
    if (axe) await reports.expectAccessible();
  };

  await reports.openFromNavigation();
  expect(await reports.heading()).toBe('Reports');
  await check();

  await reports.startNew();
  expect(await reports.heading()).toBe('Create a report');
  await reports.page.getByRole('button', { name: 'Continue' }).click();
  await expect(reports.errorSummary()).toContainText('Select a report type');
  await check();

  await reports.choose('Improvement board pack');
  expect(await reports.heading()).toBe('Improvement board pack');
  await expect(reports.section('Movement since the previous report')).toBeChecked();
  await expect(reports.section('Response to the inspection findings')).not.toBeChecked();
  await check();

  // untick everything: a clear error, nothing issued
  for (const name of [
    'Summary of progress',
    'Movement since the previous report',
    'Exceptions',
    'Progress by theme',
    'Performance scorecard',
    'Risks and evidence conflicts',
    'Action sheet and information requests',
    'Audit findings',
  ])
    await reports.section(name).uncheck();
  await reports.press('Issue report');
  await expect(reports.errorSummary()).toContainText('Select at least one section to include');
  await expect(reports.page).toHaveTitle(/^Error: /);
  await check();

  for (const name of [
    'Summary of progress',
    'Movement since the previous report',
    'Exceptions',
    'Progress by theme',
    'Performance scorecard',
  ])
    await reports.section(name).check();
  await reports.chooseBody('Improvement Board');
  await reports.chooseFormat('Word document (.docx)');
  await reports.press('Preview');
  await expect(reports.page.locator('h1')).toHaveText(/^Improvement board pack: /);
  await expect(reports.page.getByRole('heading', { level: 2, name: 'Performance scorecard' })).toBeVisible();
  await check();

  await reports.press(/^Issue this report/);
  // Issuing is confirmed on a page of its own before anything is frozen.
  await expect(reports.page.locator('h1')).toHaveText('Issue this report?');
  await expect(reports.page.locator('.govuk-warning-text')).toContainText('Once issued, the report cannot be changed');
  await check();
  await reports.page.getByRole('button', { name: 'Yes, issue it' }).click();
  await expect(reports.page.locator('.govuk-notification-banner')).toContainText('has been issued');
  await expect(reports.page.locator('.govuk-summary-list')).toContainText('Improvement Board');
  await expect(reports.page.locator('.govuk-summary-list')).toContainText('Improvement board pack');
  await check();
  const issuedUrl = reports.page.url();

  const [download] = await Promise.all([
    reports.page.waitForEvent('download'),
    reports.page.getByRole('link', { name: /Word document/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^improvement-board-pack-.*\.docx$/);

  await reports.page.goto(issuedUrl);
  await reports.page.getByRole('link', { name: /Print view/ }).click();
  await expect(reports.page.locator('h1')).toHaveText(/^Improvement board pack: /);
  await check();

  await reports.page.goto('/reports');
  await reports.page.getByLabel('Show reports issued to').selectOption({ label: 'Improvement Board' });
  await reports.page.getByRole('button', { name: 'Show reports' }).click();
  await expect(reports.page.locator('table caption')).toHaveText('Issued reports to Improvement Board');
  await expect(reports.page.locator('tbody tr')).not.toHaveCount(0);
  await check();
}

for (const javaScript of [false, true]) {
  test(`with JavaScript ${javaScript ? 'on (and axe on every state)' : 'off'}, an editor previews and issues a board pack for the demo plan`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await new SignInPage(page).signIn(DEMO_USERS.editor);
    await issueBoardPack(new ReportsPage(page), javaScript);
    await context.close();
  });
}
