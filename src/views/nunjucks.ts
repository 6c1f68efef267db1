import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Express } from 'express';
import { formatGovukDate } from '../lib/dates.js';
import { PACKAGE_ROOT } from '../paths.js';
import { addCouncilFilters } from '../features/council/filters.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const srcDir = path.resolve(here, '..');
/** The package root (public/, node_modules/), the same whether running from src/ or the compiled dist/. */
export const rootDir = PACKAGE_ROOT;

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** 'dueDate' → 'Due date': audit history shows field names as words. */
export function fieldLabel(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function auditValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatGovukDate(value);
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function configureViews(app: Express): nunjucks.Environment {
  const env = nunjucks.configure(
    [path.join(srcDir, 'views'), path.join(srcDir, 'features'), path.join(rootDir, 'node_modules/govuk-frontend/dist')],
    { autoescape: true, express: app, noCache: process.env.NODE_ENV === 'development' },
  );
  env.addFilter('govukDate', (iso: string | null | undefined) => formatGovukDate(iso));
  env.addFilter('dateTime', (d: Date | string | null | undefined) => (d ? dateTimeFormat.format(new Date(d)) : ''));
  env.addFilter('fieldLabel', fieldLabel);
  env.addFilter('auditValue', auditValue);
  env.addFilter('number', (n: number | null | undefined, digits = 1) =>
    n === null || n === undefined || Number.isNaN(n) ? '–' : Number(n).toLocaleString('en-GB', { maximumFractionDigits: digits }),
  );
  addCouncilFilters(env);
  app.set('view engine', 'njk');
  return env;
}
