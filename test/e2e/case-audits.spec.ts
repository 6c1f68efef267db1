import { expect, test, type Browser } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import {
  CaseAuditsPage,
  CyclePage,
  expectServedPageAccessible,
  GradeFormPage,
  MyAuditsPage,
} from './pages/case-audits-pages.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

/** The demo's second auditor (a contributor, like DEMO_USERS.contributor). */
const SECOND_AUDITOR = 'owner2@demo.waymark.test';

async function signedIn(
  browser: Browser,
  email: string,
  options: { javaScriptEnabled?: boolean; width?: number } = {},
) {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1100, height: 900 },
  });
  const page = await context.newPage();
  await new SignInPage(page).signIn(email);
  return { context, page };
}

test('a councillor reads the audit results and the improving theme, at 320 px, with no case-level detail', async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, DEMO_USERS.viewer, { width: 320 });
  const audits = new CaseAuditsPage(page);
  await audits.open();
  await expect(audits.cyclesTable().locator('tbody tr')).toHaveCount(3);
  const oversight = audits.trendTable().getByRole('row', { name: /Management oversight and supervision/ });
  await expect(oversight).toContainText('35% (7 of 20)');
  await expect(oversight).toContainText('75% (15 of 20)');
  await expect(
    page.locator('svg[role="img"] title', { hasText: 'Standards graded good or better, by theme' }),
  ).toHaveCount(1);
  expect(await audits.pageWidth()).toBeLessThanOrEqual(320);
  await audits.expectAccessible();
  const title = (await audits.cyclesTable().locator('tbody tr').first().getByRole('link').textContent())!.trim();
  const cycle = await audits.openCycle(title);
  await expect(cycle.table(/By theme/)).toBeVisible();
  await expect(cycle.casesTable()).toHaveCount(0);
  expect(await audits.pageWidth()).toBeLessThanOrEqual(320);
  await cycle.expectAccessible();
  await context.close();
});

test('without JavaScript an editor starts a cycle, samples it from Annex A by seed and allocates it', async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, DEMO_USERS.editor, { javaScriptEnabled: false });
  const audits = new CaseAuditsPage(page);
  await audits.open();
  await expectServedPageAccessible(page);
  const form = await audits.startCycle();
  await expectServedPageAccessible(page);
  // A month long past: publishing this practice cycle later must not become the latest figure of the
  // demo's case-audit indicators, which the demo plan's actions are rated on (the plans spec reads them).
  const cycle = await form.submit({ title: 'Browser test practice audit', month: '1', year: '2023' });
  await expect(page.locator('h1')).toHaveText('Browser test practice audit');
  await expectServedPageAccessible(page);

  const sample = await cycle.chooseCases();
  await expectServedPageAccessible(page);
  await sample.draw('6', 'not a number');
  await expect(sample.errorSummary()).toContainText('Enter the seed as a whole number');
  await expectServedPageAccessible(page);
  await sample.draw('6', '31');
  await expect(sample.strataTable()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The draw with seed 31' })).toBeVisible();
  await expectServedPageAccessible(page);
  const sampled = await sample.addTheCases();
  await expect(page.locator('.govuk-notification-banner')).toContainText('6 cases have been chosen with seed 31');
  await expect(sampled.casesTable().locator('tbody tr')).toHaveCount(6);

  const allocate = await sampled.allocate();
  await expectServedPageAccessible(page);
  await allocate.allocateAll('Rowan Hartley', 'Rowan Hartley');
  await allocate.save();
  await expect(allocate.errorSummary()).toContainText('The moderator must be a second auditor');
  await expectServedPageAccessible(page);
  await allocate.allocateAll('Rowan Hartley', 'Nia Fairley');
  await allocate.save();
  await expect(page.locator('.govuk-notification-banner')).toContainText('The allocation has been saved');
  await expect(new CyclePage(page).casesTable()).toContainText('Nia Fairley');
  await context.close();
});

test('without JavaScript the auditor grades a case, and cannot moderate their own audit', async ({ browser }) => {
  const { context, page } = await signedIn(browser, DEMO_USERS.contributor, { javaScriptEnabled: false });
  const mine = new MyAuditsPage(page);
  await mine.open();
  await expectServedPageAccessible(page);
  await mine.openFirst('To grade');
  const grade = new GradeFormPage(page);
  await expectServedPageAccessible(page);
  await grade.save('Save the grades');
  await expect(grade.errorSummary()).toContainText('Choose the overall grade');
  await expect(grade.errorSummary()).toContainText('Grade standard A1, or choose not applicable');
  await expectServedPageAccessible(page);
  await grade.gradeEveryStandard('Good');
  await grade.chooseOverall('Good');
  await grade.writeNote('Visits are on time and the record is written to the child.');
  await grade.save('Save the grades');
  await expect(page.locator('.govuk-notification-banner')).toContainText('Your grades for case');
  await expect(page.getByRole('button', { name: 'Moderate this audit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Change the grades' })).toBeVisible();
  const own = await page.goto(`${page.url()}/moderate`);
  expect(own!.status()).toBe(403);
  await context.close();
});

test('without JavaScript a second auditor moderates: the change shows before and after, and the agreement rate', async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, SECOND_AUDITOR, { javaScriptEnabled: false });
  const mine = new MyAuditsPage(page);
  await mine.open();
  await mine.openFirst('To moderate');
  const moderate = new GradeFormPage(page);
  await expectServedPageAccessible(page);
  await moderate.gradeEveryStandard('Requires improvement to be good');
  await moderate.chooseOverall('Requires improvement to be good');
  await moderate.writeNote('The plan is not yet reducing risk.');
  await moderate.save('Save the moderation');
  await expect(page.locator('.govuk-notification-banner')).toContainText('The moderation of case');
  await expect(page.getByRole('table', { name: /Grade of each standard/ })).toContainText('(changed)');
  await expectServedPageAccessible(page);
  await page.getByRole('link', { name: 'Back to the cycle' }).click();
  const cycle = new CyclePage(page);
  await expect(
    page.getByText('The moderator kept the auditor’s overall grade in 0% (0 of 1) moderated audits.'),
  ).toBeVisible();
  await expect(cycle.table('What moderation changed')).toContainText('Overall grade');
  await expectServedPageAccessible(page);
  await context.close();
});

test('an editor sees an import’s problems row by row (nothing saved), then publishes the results as indicators', async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, DEMO_USERS.editor);
  const audits = new CaseAuditsPage(page);
  await audits.open();
  const cycle = await audits.openCycle('Browser test practice audit');
  const importPage = await cycle.importAudits();
  await importPage.expectAccessible();
  await importPage.upload(
    'audits.csv',
    'Child ID,Auditor,Overall grade,A1,A9 Something else\nSYN0000001,owner@demo.waymark.test,Brilliant,Good,Good\n',
  );
  await expect(importPage.problemsTable()).toContainText('is not a grade of this framework');
  await importPage.expectAccessible();
  await page.goto(page.url().replace(/\/import\/.*$/, ''));
  await new CyclePage(page).publish();
  await expect(page.locator('.govuk-notification-banner')).toContainText('are now in the indicator library');
  await page.getByText('These results in the indicator library').click();
  await page
    .getByRole('link', { name: /: audits good or better$/ })
    .first()
    .click();
  await expect(page.locator('h1')).toContainText('audits good or better');
  await context.close();
});
