import { expect, test } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import { EntryPage, ImportPage, ScorecardPage } from './pages/indicators-pages.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

test('the scorecard and an indicator page show real national figures and pass axe', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.viewer);
  const scorecard = new ScorecardPage(page);
  await scorecard.open();
  await expect(scorecard.table()).toContainText('Average caseload per social worker');
  // England's published caseload for the year ending 31 March 2025 is 15.2.
  await expect(scorecard.table().locator('tr', { hasText: 'Average caseload per social worker' })).toContainText(
    '15.2',
  );
  await scorecard.expectAccessible();
  await scorecard.openIndicator('Average caseload per social worker');
  await expect(page.locator('svg[role="img"]').first()).toBeVisible();
  await expect(page.getByText('Rank among English authorities')).toBeVisible();
  await scorecard.expectAccessible();
  await context.close();
});

test('with JavaScript off, an import with errors is previewed and nothing is saved', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const imp = new ImportPage(page);
  await imp.upload('values.csv', 'indicator,period,value\nagency-rate,2026-01,120\nmystery,2026-01,4\n');
  await expect(imp.errorSummary()).toContainText('Row 2, column C: 120 is a percentage, so must be 100 or less');
  await expect(imp.errorSummary()).toContainText('Row 3, column A: “mystery” is not an indicator key in your library');
  await expect(page.getByRole('button', { name: /^Save/ })).toHaveCount(0);
  const previewUrl = page.url();
  await context.close();
  // axe runs in the page, so check the same preview with JavaScript on.
  const jsContext = await browser.newContext();
  const jsPage = await jsContext.newPage();
  await new SignInPage(jsPage).signIn(DEMO_USERS.editor);
  await jsPage.goto(previewUrl);
  const preview = new ImportPage(jsPage);
  await expect(preview.errorSummary()).toContainText('Row 2, column C');
  await preview.expectAccessible();
  await jsContext.close();
});

// Issue 15: the count behind a percentage is typed in the grid; a refusal names the field and saves nothing.
test('with JavaScript off, the entry grid refuses a count with a denominator of 0, naming the field', async ({
  browser,
}) => {
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await new SignInPage(page).signIn(DEMO_USERS.editor);
    const entry = new EntryPage(page);
    await entry.open('2026-10');
    await entry.fillCount('Agency social workers', '5', '0');
    await entry.save();
    await expect(entry.errorSummary()).toContainText('Agency social workers: denominator must be more than 0');
    await expect(entry.errorSummary().getByRole('link')).toHaveAttribute('href', /-denominator$/);
    await expect(page.getByLabel('Denominator for Agency social workers', { exact: true })).toHaveValue('0');
    // axe runs in the page, so the page with its error is checked with JavaScript on.
    if (javaScriptEnabled) await entry.expectAccessible();
    await context.close();
  }
});
