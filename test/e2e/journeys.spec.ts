import { expect, test, type Page } from '@playwright/test';
import { hasChromium } from '../../playwright.config.js';
import { BasePage } from './pages/base-page.js';
import { DEMO_USERS, SignInPage } from './pages/sign-in-page.js';
import { crawl, internalWordsOn, linksOn } from './crawl.js';

test.skip(!hasChromium, 'Chromium is not installed at /usr/bin/chromium');

// Issue 18: walked as each demo role at 320 px wide (WCAG 2.2, 1.4.10), every page of the demo must fit
// the screen, speak in plain words, and every link on it must lead somewhere (no "Page not found").
for (const role of ['admin', 'editor', 'contributor', 'viewer'] as const) {
  test(`as a demo ${role}: every link on every page leads somewhere, and every page fits 320 px in plain words`, async ({
    browser,
  }) => {
    test.setTimeout(600_000);
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    await new SignInPage(page).signIn(DEMO_USERS[role]);
    const links = new Map<string, string>();
    const problems: string[] = [];
    const visited = await crawl(
      page,
      '/',
      async (path) => {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) problems.push(`${path} is ${width} px wide at 320 px`);
        const words = await internalWordsOn(page);
        if (words.length) problems.push(`${path} shows ${words.slice(0, 5).join(', ')}`);
        for (const href of await linksOn(page)) if (!links.has(href)) links.set(href, path);
      },
      400,
    );
    for (const [href, from] of links) {
      if (href.startsWith('/sign-out')) continue;
      const res = await page.request.get(href, { maxRedirects: 5 });
      if (res.status() === 404 || res.status() >= 500)
        problems.push(`${href} (linked from ${from}) answers ${res.status()}`);
    }
    expect(problems).toEqual([]);
    expect(visited.length).toBeGreaterThan(role === 'admin' ? 60 : 20);
    expect(links.size).toBeGreaterThan(visited.length);
    await context.close();
  });
}

/** Press Tab until the focused element's text starts with `text`; each focus must be on screen at 320 px. */
async function tabTo(page: Page, text: RegExp, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return {
        text: (el.innerText || el.getAttribute('aria-label') || el.id || '').trim(),
        left: r.left,
        right: r.right,
      };
    });
    if (!focused) continue;
    expect(focused.right, `“${focused.text}” is off screen`).toBeLessThanOrEqual(321);
    expect(focused.left, `“${focused.text}” is off screen to the left`).toBeGreaterThanOrEqual(-1);
    if (text.test(focused.text)) return;
  }
  throw new Error(`No focusable element matching ${text} within ${limit} presses of Tab`);
}

test('keyboard only at 320 px: an owner marks a milestone complete in its own confirmed step', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.contributor);
  await page.goto('/my-actions');
  // A milestone no other browser test counts on (the specs share one demo database).
  await tabTo(page, /^Mark complete\s*:\s*Team manager programme/);
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(/^Mark “.+” as complete$/);
  const confirm = new BasePage(page);
  await confirm.expectAccessible();
  // Nothing is filled in for the owner: the date boxes start empty.
  for (const id of ['completedDate', 'completedDate-month', 'completedDate-year'])
    await expect(page.locator(`#${id}`)).toHaveValue('');
  await tabTo(page, /^Confirm it is complete/);
  await page.keyboard.press('Enter');
  await expect(confirm.errorSummary()).toContainText('Enter the date it was completed');
  await confirm.expectAccessible();
  await tabTo(page, /^completedDate$/);
  const today = new Date();
  await page.keyboard.type(String(today.getDate()));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(today.getMonth() + 1));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(today.getFullYear()));
  await tabTo(page, /^Confirm it is complete/);
  await page.keyboard.press('Enter');
  await expect(page.locator('.govuk-notification-banner')).toContainText('is marked complete on');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await context.close();
});

test('with JavaScript off, an editor re-baselines a milestone: a reason is required and the move is recorded', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  await page.goto('/plans');
  await page
    .getByRole('link', { name: /version 1/ })
    .first()
    .click();
  // Action 1.2's milestone: the plan and report specs count on 1.1 staying as the demo seeds it.
  await page
    .getByRole('link', { name: /^1\.2 / })
    .first()
    .click();
  const actionUrl = page.url();
  await page.getByRole('link', { name: /^change Caseload review/ }).click();
  const year = String(Number(await page.locator('#dueDate-year').inputValue()) + 0);
  const month = Number(await page.locator('#dueDate-month').inputValue());
  // A month later (within the action's dates, which run to well after).
  await page.locator('#dueDate-month').fill(String(month === 12 ? 1 : month + 1));
  if (month === 12) await page.locator('#dueDate-year').fill(String(Number(year) + 1));
  await page.locator('#dueDate').fill('1');
  await page.getByRole('button', { name: 'Save milestone' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Give a reason for moving the due date from');
  await page
    .getByLabel('Reason for moving the due date later')
    .fill('Recruitment campaign re-run: no suitable applicants in the first round');
  await page.getByRole('button', { name: 'Save milestone' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('has been re-baselined');
  expect(page.url().split('#')[0]).toBe(actionUrl);
  await expect(page.getByRole('table', { name: /Due dates moved later on action 1\.2/ })).toContainText(
    'Recruitment campaign re-run',
  );
  // The new date is not yet accepted: the editor is offered the choice, as a separate decision.
  await expect(page.getByRole('button', { name: /^Accept .* for milestone Caseload review/ })).toBeVisible();
  await context.close();
});

test('the re-baselining and milestone pages pass axe, with and without errors', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(DEMO_USERS.editor);
  await page.goto('/plans');
  await page
    .getByRole('link', { name: /version 1/ })
    .first()
    .click();
  await page
    .getByRole('link', { name: /^1\.2 / })
    .first()
    .click();
  const base = new BasePage(page);
  await base.expectAccessible();
  await page
    .getByRole('link', { name: /^change / })
    .first()
    .click();
  await base.expectAccessible();
  await page.locator('#dueDate-month').fill('13');
  await page.getByRole('button', { name: 'Save milestone' }).click();
  await expect(base.errorSummary()).toContainText('Due date must be a real date');
  await base.expectAccessible();
  await context.close();
});
