import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatGovukDate } from '../../../lib/dates.js';
import { lineChartSvg } from '../../../lib/charts/line-chart.js';
import { cellText, type Block, type ReportContent } from '../content.js';
import { fitColumnWidths } from '../../../lib/column-widths.js';

const viewsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../views');
/** The print CSS, with a class for every whole-percent column width (the CSP allows no inline styles). */
export const REPORT_CSS = `${fs.readFileSync(path.join(viewsDir, 'report.css'), 'utf8')}\n${Array.from({ length: 100 }, (_, i) => `.w-${i + 1} { width: ${i + 1}%; }`).join('\n')}\n`;

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewsDir), { autoescape: true });
env.addFilter('govukDate', (iso: string | null | undefined) => formatGovukDate(iso));
env.addFilter('number', (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n)
    ? '–'
    : Number(n).toLocaleString('en-GB', { maximumFractionDigits: 1 }),
);

export function chartSvg(b: Extract<Block, { kind: 'chart' }>): string {
  return lineChartSvg({
    title: b.title,
    description: b.altText,
    xLabels: b.xLabels,
    series: b.series,
    yLabel: b.yLabel,
  });
}

/**
 * Column widths in whole percent that fit the table's words (src/lib/column-widths.ts): no header
 * broken mid-word, no RAG label spilling into the next column. Word uses the same widths.
 */
export function columnPercents(b: Extract<Block, { kind: 'table' }>): number[] {
  return fitColumnWidths(
    b.columns.map((c) => ({ header: c.header, weight: c.width })),
    b.rows.map((row) => row.map(cellText)),
    b.rows.map((row) => row.map((c) => Boolean(c && typeof c === 'object' && c.rag !== 'none'))),
  );
}

export interface HtmlOptions {
  /** Link this stylesheet instead of inlining the CSS (the in-app view, under a strict CSP). */
  cssHref?: string;
  toolbar?: { href: string; text: string }[];
  issued?: { issuedOn: string; issuedByName: string } | null;
  /** The preview's form: issue or download what is shown (hidden fields carry the choices). */
  preview?: {
    action: string;
    csrfToken: string;
    fields: { name: string; value: string }[];
    buttons: { value: string; text: string; secondary?: boolean }[];
  };
}

/** The report as one standalone, accessible HTML document with print CSS. */
export function renderHtml(content: ReportContent, opts: HtmlOptions = {}): string {
  const sections = content.sections.map((s) => ({
    ...s,
    blocks: s.blocks.map((b) =>
      b.kind === 'chart' ? { ...b, svg: chartSvg(b) } : b.kind === 'table' ? { ...b, widths: columnPercents(b) } : b,
    ),
  }));
  return env.render('report.njk', {
    content: { ...content, sections },
    css: REPORT_CSS,
    cssHref: opts.cssHref,
    toolbar: opts.toolbar,
    issued: opts.issued ?? null,
    preview: opts.preview,
  });
}
