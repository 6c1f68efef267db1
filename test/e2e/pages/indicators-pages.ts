import type { Page } from '@playwright/test';
import { BasePage } from './base-page.js';

export class ScorecardPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }
  async open(theme?: string): Promise<void> {
    await this.page.goto(theme ? `/indicators?theme=${encodeURIComponent(theme)}` : '/indicators');
  }
  table() {
    return this.page.locator('#scorecard');
  }
  async openIndicator(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).click();
  }
}

export class ImportPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }
  async upload(name: string, text: string): Promise<void> {
    await this.page.goto('/indicators/import');
    await this.page.getByLabel('File').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await this.page.getByRole('button', { name: 'Upload and check' }).click();
  }
}
