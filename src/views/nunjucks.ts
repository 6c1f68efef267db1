import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Express } from 'express';
import { formatGovukDate } from '../lib/dates.js';
import { isoToParts, readDateParts } from '../lib/date-input.js';
import { rebaselinedText } from '../lib/rebaseline.js';
import { formatFileSize } from '../lib/file-size.js';
import { periodLabel } from '../lib/periods.js';
import { wrapTables } from '../lib/scroll-tables.js';
import {
  actionStatusLabel,
  findingKindName,
  findingSourceLabel,
  inspectionName,
  inspectionTypeName,
  monthYear,
  planName,
  planStatusLabel,
  ragLabel,
  trendLabel,
} from '../lib/labels.js';
import { PACKAGE_ROOT } from '../paths.js';
import { addCouncilFilters } from '../features/council/filters.js';
import { newFormToken } from '../form-submissions/send-once.js';

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
  env.addGlobal('formOnceToken', newFormToken);
  env.addFilter('govukDate', (iso: string | null | undefined) => formatGovukDate(iso));
  // Dates inside a sentence made elsewhere ("… after the reference date 2026-10-31") as "31 October 2026".
  env.addFilter('datesInWords', (text: string | null | undefined) =>
    String(text ?? '').replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatGovukDate(d)),
  );
  env.addFilter('dateTime', (d: Date | string | null | undefined) => (d ? dateTimeFormat.format(new Date(d)) : ''));
  // The day, month and year boxes of a date input: as typed when a form comes back, else from the stored date.
  env.addFilter(
    'dateParts',
    (values: Record<string, unknown> | undefined, name: string) =>
      readDateParts(values ?? {}, name) ?? isoToParts(values?.[name]),
  );
  env.addFilter('rebaselined', rebaselinedText);
  // Names as people say them (src/lib/labels.ts): never an internal key or id on screen.
  env.addFilter('inspectionName', inspectionName);
  env.addFilter('inspectionType', inspectionTypeName);
  env.addFilter('planName', (p: Parameters<typeof planName>[0], withTitle = false) => planName(p, withTitle));
  env.addFilter('findingKind', (kind: string, count = 1) => findingKindName(kind, count));
  env.addFilter('ragLabel', ragLabel);
  env.addFilter('actionStatus', actionStatusLabel);
  env.addFilter('planStatus', planStatusLabel);
  env.addFilter('findingSource', findingSourceLabel);
  env.addFilter('trend', trendLabel);
  env.addFilter('monthYear', monthYear);
  env.addFilter('fileSize', formatFileSize);
  env.addFilter('period', (p: string | null | undefined) => (p ? periodLabel(p) : ''));
  // Every GOV.UK table in a page's main content scrolls on its own at 320 px (src/lib/scroll-tables.ts).
  env.addFilter('scrollTables', (html: unknown) => new nunjucks.runtime.SafeString(wrapTables(String(html ?? ''))));
  env.addFilter('fieldLabel', fieldLabel);
  env.addFilter('auditValue', auditValue);
  env.addFilter('number', (n: number | null | undefined, digits = 1) =>
    n === null || n === undefined || Number.isNaN(n)
      ? '–'
      : Number(n).toLocaleString('en-GB', { maximumFractionDigits: digits }),
  );
  addCouncilFilters(env);
  app.set('view engine', 'njk');
  return env;
}
