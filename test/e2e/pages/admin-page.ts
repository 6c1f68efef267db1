import type { Page } from '@playwright/test';
import { BasePage } from './base-page.js';

export class AddUserPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/admin/users/new');
  }

  async submit(fields: { name?: string; email?: string; role?: string }): Promise<void> {
    if (fields.name !== undefined) await this.page.getByLabel('Full name').fill(fields.name);
    if (fields.email !== undefined) await this.page.getByLabel('Email address').fill(fields.email);
    if (fields.role) await this.page.getByLabel(fields.role).check();
    await this.page.getByRole('button', { name: 'Add user' }).click();
  }
}
