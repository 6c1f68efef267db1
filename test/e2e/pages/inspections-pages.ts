import type { Page } from '@playwright/test';
import { BasePage } from './base-page.js';

export class InspectionsListPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }
  async open(): Promise<void> {
    await this.page.goto('/inspections');
  }
  chart() {
    return this.page.locator('svg.waymark-chart[role="img"]');
  }
  async openInspection(linkText: string): Promise<void> {
    await this.page
      .getByRole('table', { name: /Inspections and visits/ })
      .getByRole('link', { name: linkText })
      .first()
      .click();
  }
}

export class RecordInspectionPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }
  async open(): Promise<void> {
    await this.page.goto('/inspections/new');
  }
  async submit(fields: {
    type?: string;
    start?: string;
    end?: string;
    published?: string;
    overall?: string;
  }): Promise<void> {
    if (fields.type) await this.page.getByLabel(fields.type, { exact: true }).check();
    if (fields.start !== undefined) await this.fillDate('startDate', fields.start);
    if (fields.end !== undefined) await this.fillDate('endDate', fields.end);
    if (fields.published !== undefined) await this.fillDate('publishedDate', fields.published);
    if (fields.overall)
      await this.page.locator('#judgements-overall-effectiveness').selectOption({ label: fields.overall });
    await this.page.getByRole('button', { name: 'Save inspection' }).click();
  }
}

export class AddFindingsPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }
  async paste(kind: string, text: string): Promise<void> {
    await this.page.getByLabel(kind, { exact: true }).check();
    await this.page.getByLabel('Findings').fill(text);
    await this.page
      .getByRole('button', { name: /Preview/ })
      .first()
      .click();
  }
  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save these findings' }).click();
  }
}

export class ImportReportPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }
  async open(): Promise<void> {
    await this.page.goto('/inspections/import');
  }
  async upload(file: string): Promise<void> {
    await this.page.getByLabel('Report (PDF)').setInputFiles(file);
    await this.page.getByRole('button', { name: 'Read the report' }).click();
  }
}
