import type { Page } from '@playwright/test';
import { BasePage } from './base-page.js';

export class CaseAuditsPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/case-audits');
  }

  cyclesTable() {
    return this.page.getByRole('table', { name: /Audit cycles/ });
  }

  trendTable() {
    return this.page.getByRole('table', { name: /by theme and cycle/ });
  }

  async openCycle(title: string): Promise<CyclePage> {
    await this.page.getByRole('link', { name: title, exact: true }).click();
    return new CyclePage(this.page);
  }

  async startCycle(): Promise<CycleFormPage> {
    await this.page.getByRole('button', { name: 'Start an audit cycle' }).click();
    return new CycleFormPage(this.page);
  }

  /** The document's width: at 320 px nothing may make the whole page scroll sideways. */
  async pageWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }
}

export class CycleFormPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async submit(fields: { title?: string; month?: string; year?: string } = {}): Promise<CyclePage> {
    if (fields.title !== undefined) await this.page.getByLabel('Title').fill(fields.title);
    if (fields.month !== undefined) await this.page.locator('#period-month').fill(fields.month);
    if (fields.year !== undefined) await this.page.locator('#period-year').fill(fields.year);
    await this.page.getByRole('button', { name: 'Start the cycle' }).click();
    return new CyclePage(this.page);
  }
}

export class CyclePage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  table(caption: RegExp | string) {
    return this.page.getByRole('table', { name: caption });
  }

  casesTable() {
    return this.page.getByRole('table', { name: /Cases in this cycle/ });
  }

  async chooseCases(): Promise<SamplePage> {
    await this.page.getByRole('link', { name: 'Choose the cases from the latest Annex A import' }).click();
    return new SamplePage(this.page);
  }

  async allocate(): Promise<AllocatePage> {
    await this.page.getByRole('link', { name: 'Allocate auditors and moderators' }).click();
    return new AllocatePage(this.page);
  }

  async importAudits(): Promise<AuditImportPage> {
    await this.page.getByRole('link', { name: 'Import audits from a spreadsheet or form export' }).click();
    return new AuditImportPage(this.page);
  }

  async publish(): Promise<void> {
    await this.page.getByRole('button', { name: 'Publish the results as indicators' }).click();
  }
}

export class SamplePage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async draw(size: string, seed: string): Promise<void> {
    await this.page.getByLabel('How many cases').fill(size);
    await this.page.getByLabel('Seed').fill(seed);
    await this.page.getByRole('button', { name: 'Show the draw' }).click();
  }

  strataTable() {
    return this.page.getByRole('table', { name: 'By list and team' });
  }

  async addTheCases(): Promise<CyclePage> {
    await this.page.getByRole('button', { name: /^Add these \d+ cases to the cycle$/ }).click();
    return new CyclePage(this.page);
  }
}

export class AllocatePage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async allocateAll(auditor: string, moderator: string | null): Promise<void> {
    for (const select of await this.page.locator('select[name^="auditor-"]').all())
      await select.selectOption({ label: auditor });
    if (moderator)
      for (const select of await this.page.locator('select[name^="moderator-"]').all())
        await select.selectOption({ label: moderator });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save the allocation' }).click();
  }
}

export class MyAuditsPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/case-audits/my-audits');
  }

  async openFirst(caption: 'To grade' | 'To moderate'): Promise<void> {
    await this.page.getByRole('table', { name: caption }).getByRole('link').first().click();
  }
}

export class GradeFormPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  /** Choose a grade for every standard (each standard is a group of radios named after it). */
  async gradeEveryStandard(label: string): Promise<void> {
    for (const group of await this.page.locator('.govuk-radios[data-module="govuk-radios"], .govuk-radios').all()) {
      const option = group.getByLabel(label, { exact: true });
      if (await option.count()) await option.first().check();
    }
  }

  async chooseOverall(label: string): Promise<void> {
    await this.page
      .getByRole('group', { name: /overall grade/i })
      .getByLabel(label, { exact: true })
      .check();
  }

  async writeNote(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: /note/ }).fill(text);
  }

  async save(button: 'Save the grades' | 'Save the moderation'): Promise<void> {
    await this.page.getByRole('button', { name: button }).click();
  }
}

export class AuditImportPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async upload(name: string, text: string): Promise<void> {
    await this.page.getByLabel('Spreadsheet').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await this.page.getByRole('button', { name: 'Upload and check' }).click();
  }

  problemsTable() {
    return this.page.getByRole('table', { name: /Problems by row and column/ });
  }
}

/**
 * axe needs script in the page, so a page reached with JavaScript off is checked as it was served:
 * its HTML is replayed at the same address in a context with script on (and the same cookies), with
 * the stylesheets loading as they did, and axe runs there.
 */
export async function expectServedPageAccessible(page: Page): Promise<void> {
  const url = page.url();
  const html = await page.content();
  const context = await page
    .context()
    .browser()!
    .newContext({ storageState: await page.context().storageState(), viewport: page.viewportSize() ?? undefined });
  const replay = await context.newPage();
  await replay.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await replay.goto(url);
  await new BasePage(replay).expectAccessible();
  await context.close();
}
