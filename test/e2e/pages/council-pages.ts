import { expect, type Page } from '@playwright/test';
import { BasePage } from './base-page.js';

/** Organisation settings: the header-and-footer (branding) form. */
export class BrandingPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/admin/organisation');
  }

  async submit(fields: {
    serviceName?: string;
    brandColour?: string;
    headerText?: 'White' | 'Black';
    licenceText?: string;
    logo?: { name: string; mimeType: string; buffer: Buffer };
  }): Promise<void> {
    if (fields.serviceName !== undefined) await this.page.getByLabel('Service name').fill(fields.serviceName);
    if (fields.brandColour !== undefined)
      await this.page.getByLabel('Brand colour (optional)').fill(fields.brandColour);
    if (fields.headerText)
      await this.page.getByRole('group', { name: 'Header text colour' }).getByLabel(fields.headerText).check();
    if (fields.licenceText !== undefined)
      await this.page.getByLabel('Licence text for the footer (optional)').fill(fields.licenceText);
    if (fields.logo) await this.page.getByLabel(/logo \(optional\)/i).setInputFiles(fields.logo);
    await this.page.getByRole('button', { name: 'Save header and footer' }).click();
  }

  headerName() {
    return this.page.locator('.waymark-header__name');
  }
}

/** An action's "outside our control" page. */
export class OutsideControlPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async save(reason: string): Promise<void> {
    await this.page.getByLabel('Reason').fill(reason);
    await this.page.getByRole('button', { name: 'Save the reason' }).click();
  }
}

/** The overview page's sections added by issue 15. */
export class OverviewPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/');
  }

  sinceBoard() {
    return this.page.locator('#since-board');
  }

  forecast() {
    return this.page.locator('#forecast + dl');
  }
}

// Issue 15: a council's own service. The demo council is Ashdown Vale Council, branded by its seeder.
const CROWN_MARKS = [
  /Crown copyright/i,
  /govuk-header__logotype/,
  /govuk-logo/,
  /govuk-footer__crown/,
  /copyright-logo/,
  /govuk-crest/,
  /\/assets\/images\//,
  /GDS Transport/,
];

/** The page carries no GOV.UK or Crown marks, the council's own header, and the fallback sans-serif stack. */
export async function expectCouncilOwnPage(page: Page, path: string): Promise<void> {
  const html = await page.content();
  for (const mark of CROWN_MARKS) expect(html, `${mark} on ${path}`).not.toMatch(mark);
  // Standalone documents (the report print view) have no header; every page in the layout has the council's.
  if (await page.locator('.govuk-template__body').count())
    await expect(page.locator('.waymark-header__name'), path).toHaveText('Ashdown Vale Council');
  const families = await page.evaluate(() =>
    [
      document.body,
      ...Array.from(document.querySelectorAll('.waymark-number, .waymark-chart text, h1, .govuk-body, .govuk-table')),
    ].map((el) => getComputedStyle(el).fontFamily),
  );
  for (const family of families) {
    expect(family, path).not.toMatch(/GDS Transport/i);
    expect(family, path).toMatch(/^arial,.*sans-serif$/i);
  }
}
