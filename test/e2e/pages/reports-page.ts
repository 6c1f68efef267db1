import type { Page } from '@playwright/test';
import { BasePage } from './base-page.js';

/** The reports pages: list, choose (type and plan), compose (sections, format, body), preview, issued report. */
export class ReportsPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async openFromNavigation(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('link', { name: 'Reports', exact: true }).click();
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create a report' }).click();
  }

  /** Choose a report type and the newest plan (the first in the list). */
  async choose(type: string): Promise<void> {
    await this.page.getByLabel(type, { exact: true }).check();
    await this.page.getByLabel('Which plan is it about?').selectOption({ index: 1 });
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  section(name: string) {
    return this.page.getByLabel(name, { exact: true });
  }

  async chooseBody(name: string): Promise<void> {
    await this.page.getByLabel('Which board or committee is it for?').selectOption({ label: name });
  }

  async chooseFormat(label: string): Promise<void> {
    await this.page.getByLabel(label).check();
  }

  async press(name: 'Preview' | 'Download a draft' | 'Issue report' | RegExp): Promise<void> {
    await this.page.getByRole('button', { name }).click();
  }
}
