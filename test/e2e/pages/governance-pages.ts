import { expect, type Page } from '@playwright/test';
import { BasePage } from './base-page.js';

/** Boards and scrutiny: the hub, a body, a meeting and its papers. */
export class GovernancePage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/governance');
    await expect(this.page.locator('h1')).toHaveText('Boards and scrutiny');
  }

  async openBody(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).first().click();
    await expect(this.page.locator('h1')).toHaveText(name);
  }

  async openMeeting(title: string): Promise<void> {
    await this.page
      .getByRole('link', { name: new RegExp(`^${title}`) })
      .first()
      .click();
    await expect(this.page.locator('h1')).toContainText(title);
  }

  table(caption: string) {
    return this.page.locator('table', { has: this.page.locator('caption', { hasText: caption }) });
  }
}

/** The "Add to the action sheet" form, filled like a person would (day, month, year boxes). */
export class ActionItemForm extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async submit(fields: { action?: string; owner?: string; due?: [string, string, string] }): Promise<void> {
    if (fields.action !== undefined) await this.page.getByLabel('Action', { exact: true }).fill(fields.action);
    if (fields.owner) await this.page.getByLabel('Owner').selectOption({ label: fields.owner });
    if (fields.due) {
      const group = this.page.getByRole('group', { name: 'Due date' });
      await group.getByLabel('Day').fill(fields.due[0]);
      await group.getByLabel('Month').fill(fields.due[1]);
      await group.getByLabel('Year').fill(fields.due[2]);
    }
    await this.page.getByRole('button', { name: 'Add action' }).click();
  }
}

export class RiskRegisterPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(conflictOnly = false): Promise<void> {
    await this.page.goto(conflictOnly ? '/risks?conflict=true' : '/risks');
    await expect(this.page.locator('h1')).toHaveText('Risk register');
  }

  rows() {
    return this.page.locator('table tbody tr');
  }
}
