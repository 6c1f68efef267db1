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

export class EntryPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }
  async open(period: string): Promise<void> {
    await this.page.goto(`/indicators/entry?period=${encodeURIComponent(period)}`);
  }
  /** Type a percentage's count (169 of 206) in the indicator's row. */
  async fillCount(indicator: string, numerator: string, denominator: string): Promise<void> {
    await this.page.getByLabel(`Numerator for ${indicator}`, { exact: true }).fill(numerator);
    await this.page.getByLabel(`Denominator for ${indicator}`, { exact: true }).fill(denominator);
  }
  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save values' }).click();
  }
}
