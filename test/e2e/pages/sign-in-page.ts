import type { Page } from '@playwright/test';
import { BasePage } from './base-page.js';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_USERS = {
  admin: 'admin@demo.waymark.test',
  editor: 'editor@demo.waymark.test',
  contributor: 'owner@demo.waymark.test',
  viewer: 'councillor@demo.waymark.test',
} as const;

export class SignInPage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto('/sign-in');
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.open();
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
