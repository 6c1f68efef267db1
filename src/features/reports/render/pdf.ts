import fs from 'node:fs';
import type { ReportContent } from '../content.js';
import { renderHtml } from './html.js';

export class PdfUnavailableError extends Error {}

export function chromiumAvailable(chromiumPath: string): boolean {
  return fs.existsSync(chromiumPath);
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** The print view printed to a tagged A4 PDF by headless Chromium. */
export async function renderPdf(
  content: ReportContent,
  chromiumPath: string,
  opts: { issued?: { issuedOn: string; issuedByName: string } | null } = {},
): Promise<Buffer> {
  if (!chromiumAvailable(chromiumPath))
    throw new PdfUnavailableError(
      `PDF needs Chromium, which is not installed at ${chromiumPath}. Choose Word or the print view instead.`,
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.setContent(renderHtml(content, { issued: opts.issued }), { waitUntil: 'load' });
    const pdf = await page.pdf({
      tagged: true,
      outline: true,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8pt;width:100%;text-align:center;font-family:Arial,sans-serif">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      margin: { top: '18mm', bottom: '20mm', left: '15mm', right: '15mm' },
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
