import { expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every page object can check its page against WCAG 2.2 AA with axe. */
export class BasePage {
  constructor(readonly page: Page) {}

  async expectAccessible(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).withTags(WCAG_TAGS).analyze();
    const summary = results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} – ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
    expect(summary, `axe violations on ${this.page.url()}`).toEqual([]);
  }

  async heading(): Promise<string> {
    return (await this.page.locator('h1').first().textContent())?.trim() ?? '';
  }

  /**
   * Type a date into GOV.UK day, month and year boxes (the date input pattern): `text` is written as
   * people say it, "14/10/2024", or empty to clear the boxes. `id` is the day box's id (the field name).
   */
  async fillDate(id: string, text: string): Promise<void> {
    const [day = '', month = '', year = ''] = text ? text.split('/') : [];
    await this.page.locator(`#${id}`).fill(day);
    await this.page.locator(`#${id}-month`).fill(month);
    await this.page.locator(`#${id}-year`).fill(year);
  }

  errorSummary() {
    return this.page.locator('.govuk-error-summary');
  }
}
