import { expect, test } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import { ActionItemForm, GovernancePage, RiskRegisterPage } from './pages/governance-pages.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

const SCRUTINY = 'Children and Families Scrutiny Committee';

test('a scrutiny officer prepares the next meeting with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const gov = new GovernancePage(page);
  await gov.open();
  await gov.openBody(SCRUTINY);
  await page
    .getByRole('link', { name: /^Prepare the meeting/ })
    .first()
    .click();
  await expect(page.locator('h1')).toContainText('Prepare the meeting of');
  await expect(gov.table('Agenda')).toContainText('Improvement plan: progress and RAG ratings');
  await expect(gov.table('Carried-forward actions')).toContainText(
    'Share the report on young people in houses in multiple occupation',
  );
  await expect(gov.table('Carried-forward actions')).toContainText('Overdue');
  await expect(gov.table('Carried-forward actions')).not.toContainText('Report agency staff numbers');
  await expect(gov.table('Outstanding information requests')).toContainText('Number of social work staff');
  await expect(gov.table('Unanswered questions')).toContainText('How many cases are unallocated today');
  await expect(gov.table('Unanswered questions')).not.toContainText('When will the revised improvement plan');
  await context.close();
});

test('recording an action: a due date before the meeting is refused with the error summary, then saved', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const gov = new GovernancePage(page);
  await gov.open();
  await gov.openBody(SCRUTINY);
  await gov.openMeeting('Workforce');
  await page.getByRole('link', { name: 'Add to the action sheet' }).click();
  const form = new ActionItemForm(page);
  await form.submit({ action: 'Circulate the caseload audit', owner: 'Rowan Hartley', due: ['1', '1', '2020'] });
  await expect(form.errorSummary()).toContainText('Due date must be on or after the date of the meeting');
  await expect(page).toHaveTitle(/^Error: /);
  await form.submit({ due: ['31', '12', '2099'] });
  await expect(page.locator('.govuk-notification-banner')).toContainText('added to the action sheet');
  await expect(gov.table('actions from this meeting')).toContainText('Circulate the caseload audit');
  await context.close();
});

test('the governance and risk pages pass axe, including a form with errors', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  const gov = new GovernancePage(page);
  await gov.open();
  await gov.expectAccessible();
  await gov.openBody(SCRUTINY);
  await gov.expectAccessible();
  await gov.openMeeting('Inspection report and improvement plan');
  await expect(page.locator('.waymark-minutes li').first()).toContainText('agency staff');
  await gov.expectAccessible();
  await page.getByRole('button', { name: 'Prepare this meeting' }).click();
  await gov.expectAccessible();
  await page.goBack();
  await page.getByRole('link', { name: 'Add to the action sheet' }).click();
  await new ActionItemForm(page).submit({ action: '' });
  await expect(gov.errorSummary()).toBeVisible();
  await gov.expectAccessible();
  for (const path of [
    '/governance/decisions',
    '/governance/decisions/new',
    '/governance/forward-plan',
    '/governance/requests',
    '/governance/action-items',
    '/risks',
    '/risks/new',
  ]) {
    await page.goto(path);
    await gov.expectAccessible();
  }

  const register = new RiskRegisterPage(page);
  await register.open();
  await expect(register.rows()).toHaveCount(3);
  await page.getByRole('link', { name: /^CS-02/ }).click();
  await expect(page.locator('table', { has: page.locator('caption', { hasText: 'Score history' }) })).toContainText(
    '16',
  );
  await register.expectAccessible();
  await context.close();
});

test('a councillor sees the register with the evidence-conflict flag but no edit controls', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.viewer);
  const register = new RiskRegisterPage(page);
  await register.open(true);
  await expect(register.rows()).toHaveCount(1);
  await expect(register.rows().first()).toContainText('CS-01');
  await expect(register.rows().first()).toContainText('Evidence conflict');
  await expect(page.getByRole('link', { name: 'Add a risk' })).toHaveCount(0);
  await register.expectAccessible();
  await context.close();
});
