import type { Page } from '@playwright/test';
import { BasePage } from './base-page.js';

export class AnnexAUploadPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/annex-a/upload');
  }

  async submit(fields: {
    day?: string;
    month?: string;
    year?: string;
    file?: { name: string; buffer: Buffer };
  }): Promise<void> {
    if (fields.day !== undefined) await this.page.getByLabel('Day').fill(fields.day);
    if (fields.month !== undefined) await this.page.getByLabel('Month').fill(fields.month);
    if (fields.year !== undefined) await this.page.getByLabel('Year').fill(fields.year);
    if (fields.file)
      await this.page.getByLabel('Annex A workbook').setInputFiles({
        name: fields.file.name,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: fields.file.buffer,
      });
    await this.page.getByRole('button', { name: 'Check the workbook' }).click();
  }
}

export class AnnexAReportPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async commit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Commit this snapshot' }).click();
  }

  async discard(): Promise<void> {
    await this.page.getByRole('button', { name: 'Discard' }).click();
  }

  /** The findings of one list, grouped by column and check. */
  findings(list: number) {
    return this.page.locator(`table#list-${list}`);
  }
}
