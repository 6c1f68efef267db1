import { expect, test } from '@playwright/test';
import { reportFixture } from '../fixtures/paths.js';
import { hasChromium } from '../../playwright.config.js';
import { BasePage } from './pages/base-page.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import {
  AddFindingsPage,
  ImportReportPage,
  InspectionsListPage,
  RecordInspectionPage,
} from './pages/inspections-pages.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

const REPORT = reportFixture('leicestershire_2024-07-12.pdf');

test('the inspection history, a focused visit, recurring findings, self-evaluation and national pages pass axe', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.viewer);
  const list = new InspectionsListPage(page);
  await list.open();
  await expect(list.chart()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ofsted grades by inspection and judgement area' })).toContainText(
    'Inadequate',
  );
  await list.expectAccessible();
  await list.openInspection('Focused visit');
  await expect(page.locator('h1')).toContainText('Focused visit');
  await expect(page.getByText('Draft plan due')).toBeVisible();
  await expect(page.getByText('Raised before').first()).toBeVisible();
  await list.expectAccessible();
  const base = new BasePage(page);
  for (const url of ['/inspections/recurring', '/self-evaluation', '/national?asAt=2025-03-31']) {
    await page.goto(url);
    await base.expectAccessible();
  }
  await page.goto('/self-evaluation');
  await page.getByRole('link', { name: 'Self-evaluation 2018 to 2019' }).click();
  await expect(page.getByText('Too optimistic').first()).toBeVisible();
  await base.expectAccessible();
  await context.close();
});

test('with JavaScript off, an editor records an inspection after fixing errors, and pastes findings', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const form = new RecordInspectionPage(page);
  await form.open();
  await form.submit({ type: 'ILACS short inspection', start: '14/10/2024', end: '7/10/2024' });
  await expect(form.errorSummary()).toContainText('End date must be the same as or after the start date');
  await form.submit({ end: '18/10/2024', published: '22/11/2024', overall: 'Good' });
  await expect(page.locator('.govuk-notification-banner')).toContainText('has been recorded');
  await expect(page.getByText('Written action plan due')).toBeVisible();
  await page.getByRole('button', { name: 'Add findings' }).click();
  const findings = new AddFindingsPage(page);
  await findings.paste(
    'Area for improvement',
    '• The sufficiency of foster homes for brothers and sisters.\n• Timeliness of initial child protection conferences.',
  );
  await expect(page.getByRole('table', { name: '2 findings to add' })).toBeVisible();
  await findings.save();
  await expect(page.locator('.govuk-notification-banner')).toContainText('2 findings have been added');
  await expect(page.getByText('Raised before').first()).toBeVisible();
  await context.close();
});

test('an editor imports a published report, checks it, and saves it; the form with errors passes axe', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const form = new RecordInspectionPage(page);
  await form.open();
  await form.submit({ start: '' });
  await expect(form.errorSummary()).toContainText('Select the type of inspection');
  await form.expectAccessible();
  const importPage = new ImportReportPage(page);
  await importPage.open();
  await importPage.expectAccessible();
  await importPage.upload(REPORT);
  await expect(page.locator('h1')).toHaveText('Check the imported report');
  await expect(page.getByRole('table', { name: 'Judgements read' })).toContainText('Outstanding');
  await expect(page.getByText('The report does not state its publication date')).toBeVisible();
  // The demo council is not Leicestershire: the editor is told so and cannot save it.
  await expect(page.locator('#authority-check')).toContainText(
    'This report is of Leicestershire, not of your authority',
  );
  await importPage.expectAccessible();
  await new BasePage(page).fillDate('publishedDate', '12/7/2024');
  await page.getByRole('button', { name: 'Save inspection and findings' }).click();
  await expect(form.errorSummary()).toContainText('only an admin can save another authority’s report');
  await context.close();

  // An admin confirms that the report belongs in the record, and it is saved with its findings.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await new SignInPage(adminPage).signIn(DEMO_USERS.admin);
  const adminImport = new ImportReportPage(adminPage);
  await adminImport.open();
  await adminImport.upload(REPORT);
  await new BasePage(adminPage).fillDate('publishedDate', '12/7/2024');
  await adminPage.getByLabel(/I confirm this report of Leicestershire belongs in/).check();
  await adminImport.expectAccessible();
  await adminPage.getByRole('button', { name: 'Save inspection and findings' }).click();
  await expect(adminPage.locator('.govuk-notification-banner')).toContainText('imported with 2 findings');
  await expect(adminPage.getByText('Timeliness of initial child protection conferences.').first()).toBeVisible();
  await adminContext.close();
});
