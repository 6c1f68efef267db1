import type { Page } from '@playwright/test';
import { BasePage } from './base-page.js';

export class PlansListPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/plans');
  }

  async openPlan(title: string, version: number): Promise<PlanOverviewPage> {
    await this.page.getByRole('link', { name: `${title} version ${version}` }).click();
    return new PlanOverviewPage(this.page);
  }
}

export class PlanOverviewPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  actionsTable() {
    return this.page.locator('table', { has: this.page.locator('caption', { hasText: 'actions' }) }).last();
  }

  async filterByRag(label: string): Promise<void> {
    await this.page.getByLabel('Evidence RAG', { exact: true }).selectOption({ label });
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
  }

  async sortBy(column: string): Promise<void> {
    await this.actionsTable().getByRole('link', { name: column }).click();
  }

  async openAction(reference: string): Promise<ActionPage> {
    await this.actionsTable()
      .getByRole('link', { name: new RegExp(`^${reference.replace('.', '\\.')} `) })
      .click();
    return new ActionPage(this.page);
  }
}

export class ActionPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async startUpdate(): Promise<UpdateFormPage> {
    await this.page.getByRole('link', { name: 'Post an update' }).first().click();
    return new UpdateFormPage(this.page);
  }
}

export class UpdateFormPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async submit(fields: {
    narrative?: string;
    rating?: string;
    reason?: string;
    file?: { name: string; mimeType: string; buffer: Buffer };
  }): Promise<void> {
    if (fields.narrative !== undefined)
      await this.page.getByLabel('What has happened since the last update?').fill(fields.narrative);
    if (fields.rating) await this.page.getByRole('radio', { name: fields.rating, exact: true }).check();
    if (fields.reason !== undefined)
      await this.page.getByLabel('Reason, if your rating is better than the evidence').fill(fields.reason);
    if (fields.file) await this.page.getByLabel('Evidence files (optional)').setInputFiles(fields.file);
    await this.page.getByRole('button', { name: 'Post update' }).click();
  }
}

export class ImportPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel('Spreadsheet').setInputFiles(file);
    await this.page.getByRole('button', { name: 'Upload and check' }).click();
  }
}
