import { expect, test } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import { BrandingPage, OutsideControlPage, OverviewPage } from './pages/council-pages.js';

test.skip(!hasChromium, 'Chromium is not installed');

test('the overview shows what changed since the improvement board and the forecast, passing axe, and reflows at 320 px', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.viewer);
  const overview = new OverviewPage(page);
  await overview.open();
  await expect(overview.sinceBoard()).toHaveText('Since the last improvement board');
  await expect(page.getByText(/^Changes since/)).toContainText('Improvement Board on');
  await expect(page.locator('#since-board ~ ul').first()).toContainText('Worse:');
  await expect(overview.forecast()).toContainText('Standard inspection');
  await expect(overview.forecast()).toContainText(/from \d+ inspections/);
  await overview.expectAccessible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.goto('/inspections');
  await expect(page.locator('#forecast')).toBeVisible();
  await overview.expectAccessible();
  await context.close();
});

test('an admin sees a contrast error, then sets the council’s colour and name (JavaScript off)', async ({
  browser,
}) => {
  const withJs = await browser.newContext();
  const jsPage = await withJs.newPage();
  await new SignInPage(jsPage).signIn(DEMO_USERS.admin);
  const branding = new BrandingPage(jsPage);
  await branding.open();
  await branding.expectAccessible();
  await branding.submit({ brandColour: '#ffdd00', headerText: 'White' });
  await expect(branding.errorSummary()).toContainText('White text on #ffdd00 has a contrast ratio of 1.34:1');
  await branding.expectAccessible();
  await withJs.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.admin);
  const noJs = new BrandingPage(page);
  await noJs.open();
  await noJs.submit({ brandColour: '#ffdd00', headerText: 'Black', serviceName: 'Improvement Hub' });
  await expect(page.locator('.govuk-notification-banner')).toContainText('Header and footer saved.');
  await expect(page).toHaveTitle(/– Improvement Hub$/);
  const header = page.locator('.govuk-generic-header.waymark-header');
  await expect(header).toHaveCSS('background-color', 'rgb(255, 221, 0)');
  await expect(header.locator('a')).toHaveCSS('color', 'rgb(11, 12, 12)');
  // Put the demo council back as it was for the other tests.
  await noJs.submit({ brandColour: '#005a5b', headerText: 'White', serviceName: '' });
  await expect(page).toHaveTitle(/– Waymark$/);
  await context.close();
});

test('an owner marks a red action as outside our control with JavaScript off; the rating stays red', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.contributor);
  await page.goto('/my-actions');
  // The demo owner has red and amber actions (the demo plan's milestones are overdue relative to today).
  await page
    .locator('main tr:has(.govuk-tag--red) a[href^="/actions/"], main tr:has(.govuk-tag--orange) a[href^="/actions/"]')
    .first()
    .click();
  const actionPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: /outside our control/ }).click();
  const form = new OutsideControlPage(page);
  await form.save('');
  await expect(form.errorSummary()).toContainText('Enter the reason this is outside the council’s control');
  await form.save('Court delays in care proceedings set by the family court, not the council.');
  await expect(page.locator('.govuk-notification-banner')).toContainText('Its rating is unchanged.');
  await expect(page.locator('.govuk-summary-list').first()).toContainText('Court delays in care proceedings');
  await context.close();

  const withJs = await browser.newContext();
  const jsPage = await withJs.newPage();
  await new SignInPage(jsPage).signIn(DEMO_USERS.contributor);
  await jsPage.goto(actionPath);
  await jsPage.getByRole('link', { name: /outside our control/ }).click();
  const jsForm = new OutsideControlPage(jsPage);
  await jsForm.expectAccessible();
  await jsForm.save('');
  await jsForm.expectAccessible();
  await withJs.close();
});
