import { expect, test } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { BasePage } from './pages/base-page.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import { AnnexAReportPage, AnnexAUploadPage } from './pages/annex-a-pages.js';
import { generateWorkbookBuffer } from '../../src/features/annex-a/generator.js';
import { makeExcelWorkbook } from '../fixtures/annex-a/template.js';
import { realFormatSheets } from '../fixtures/annex-a/real-format.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

test('with JavaScript off, an editor uploads a generated workbook, reads the quality report, commits and drills down', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const buffer = await generateWorkbookBuffer({ children: 250, referenceDate: '2024-03-28', seed: 11 });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const upload = new AnnexAUploadPage(page);
  await upload.open();
  await upload.submit({ day: '31', month: '2', year: '2024' });
  await expect(upload.errorSummary()).toContainText('Reference date must be a real date');
  await expect(upload.errorSummary()).toContainText('Select an Annex A workbook');

  await upload.submit({ day: '28', month: '3', year: '2024', file: { name: 'synthetic-annex-a.xlsx', buffer } });
  const report = new AnnexAReportPage(page);
  await expect(page.locator('h1')).toContainText('Data-quality report');
  await expect(page.locator('.govuk-summary-list')).toContainText('Checked – not yet committed');
  await expect(report.findings(6)).toContainText('Local notes');
  await report.commit();
  await expect(page.locator('.govuk-notification-banner')).toContainText('has been committed');
  await page.getByRole('link', { name: 'Unallocated cases' }).first().click();
  await expect(page.locator('h1')).toHaveText('Unallocated cases');
  await expect(page.locator('body')).toContainText('none of their open records names an');
  await page.getByRole('link', { name: 'See the rows behind this figure' }).click();
  await expect(page.locator('h1')).toContainText('Rows behind: Unallocated cases');
  await expect(page.locator('table caption')).toContainText('rows');
  await context.close();
});

test('a workbook as councils export it imports cleanly; its report fits on a screen, names the template and passes axe', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const upload = new AnnexAUploadPage(page);
  await upload.open();
  await upload.submit({
    day: '28',
    month: '6',
    year: '2024',
    file: { name: 'Annex A June 2024.xlsx', buffer: makeExcelWorkbook(realFormatSheets('later')) },
  });
  const report = new AnnexAReportPage(page);
  await expect(page.locator('h1')).toContainText('Data-quality report');
  await expect(page.locator('.govuk-summary-list')).toContainText('The later Annex A template');
  await expect(page.locator('.govuk-summary-list')).toContainText(/Errors\s*0/);
  await expect(report.findings(4)).toContainText('authorised before it started');
  await expect(page.locator('.govuk-tag--red')).toHaveCount(0);
  await report.expectAccessible();
  await report.discard();
  await expect(page.locator('.govuk-notification-banner')).toContainText('discarded');
  await context.close();
});

test('the Annex A pages pass axe: upload with errors, quality report, indicator, rows and specification', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.admin);
  const upload = new AnnexAUploadPage(page);
  await upload.open();
  await upload.expectAccessible();
  await upload.submit({
    file: {
      name: 'locked.xlsx',
      buffer: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]),
    },
  });
  await expect(upload.errorSummary()).toContainText('Enter the reference date');
  await upload.expectAccessible();
  await upload.submit({
    day: '1',
    month: '3',
    year: '2024',
    file: {
      name: 'locked.xlsx',
      buffer: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]),
    },
  });
  await expect(upload.errorSummary()).toContainText('password-protected');

  const base = new BasePage(page);
  await page.goto('/annex-a');
  await base.expectAccessible();
  await page.goto('/annex-a/specification');
  await expect(page.locator('h2#list-8')).toContainText('Children in care');
  await base.expectAccessible();
  await page.goto('/annex-a/indicators/annex-a-caseload');
  await base.expectAccessible();
  await page.getByRole('link', { name: 'See the rows behind this figure' }).click();
  await expect(page.locator('h1')).toContainText('Rows behind');
  await base.expectAccessible();
  await page.goto('/annex-a');
  await page
    .locator('table', { has: page.locator('caption', { hasText: 'Import history' }) })
    .getByRole('link')
    .first()
    .click();
  await expect(page.locator('h1')).toContainText('Data-quality report');
  await base.expectAccessible();
  await context.close();
});

test('a viewer sees the figures but not the rows behind them', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.viewer);
  await page.goto('/annex-a/indicators/annex-a-unallocated');
  await expect(page.locator('h1')).toHaveText('Unallocated cases');
  await expect(page.getByRole('link', { name: 'See the rows behind this figure' })).toHaveCount(0);
  await page.goto('/annex-a/upload');
  expect(await new BasePage(page).heading()).toBe('You do not have permission to see this page');
  await context.close();
});
