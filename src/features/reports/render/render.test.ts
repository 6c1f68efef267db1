import ExcelJS from 'exceljs';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { ReportContent } from '../content.js';
import { pdfTestsCanRun, pdfText, unzipEntries, unzipText } from '../file-inspect.js';
import { renderDocx } from './docx.js';
import { chartSvg, renderHtml } from './html.js';
import { renderXlsx } from './xlsx.js';
import { renderPdf } from './pdf.js';
import { svgToPixels } from './rasterise.js';
import { sampleContent } from './sample-content.js';

describe('Word renderer', () => {
  it('uses real heading styles, repeating header rows and alt text on charts', async () => {
    const buf = await renderDocx(sampleContent());
    const files = await unzipText(buf);
    const xml = files.get('word/document.xml')!;
    expect(xml).toBeTruthy();
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/descr="Line chart of average caseload/);
    expect(xml).toContain('title="Average caseload"');
    // the heading styles are defined, so Word's navigation pane and contents work
    expect(files.get('word/styles.xml')).toContain('w:styleId="Heading1"');
    // the chart is embedded as SVG with a PNG fallback
    const media = [...files.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media.some((m) => m.endsWith('.svg'))).toBe(true);
    expect(media.some((m) => m.endsWith('.png'))).toBe(true);
    // text is escaped, not interpreted
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('Recruit &amp; retain social workers');
    expect(files.get('docProps/core.xml')).toContain('Improvement board pack: Road to Good');
  });
});

describe('Excel renderer', () => {
  it('writes the report sheet and the data sheets, neutralising formula-like text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(sampleContent())) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['Report', 'Actions', 'A name that is far too long for']);
    expect(names[2].length).toBeLessThanOrEqual(31);
    const actions = wb.getWorksheet('Actions')!;
    expect(actions.getRow(1).values).toEqual([undefined, 'Reference', 'Title', 'Description']);
    expect(actions.getCell('B2').value).toBe("'=1+1");
    expect(actions.getCell('B2').formula).toBeUndefined();
    expect(actions.getCell('B4').value).toBe("'\t=cmd");
    expect(actions.getCell('C4').value).toBe(-4);
    expect(String(actions.getCell('C2').value).length).toBeLessThanOrEqual(32_767);
    expect(String(actions.getCell('C2').value)).toMatch(/shortened/);
    const report = wb.getWorksheet('Report')!;
    const texts: string[] = [];
    report.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('Improvement board pack: Road to Good');
    expect(texts).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(texts).toContain("'+44 is not a formula");
    expect(texts).toContain("'@SUM(A1)");
    expect(texts).toContain("'-1 unallocated cases <script>alert(1)</script>");
    expect(texts).toContain('Average caseload (chart data)');
    // no cell anywhere holds a formula
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
    expect(wb.getWorksheet('A name that is far too long for')!.getCell('A2').value).toBe('No data');
  });
});

describe('HTML print view', () => {
  it('is a standalone document with print CSS, captioned tables and an accessible chart', () => {
    const html = renderHtml(sampleContent());
    const doc = parse(html);
    expect(doc.querySelector('html')!.getAttribute('lang')).toBe('en-GB');
    expect(doc.querySelector('h1')!.text).toBe('Improvement board pack: Road to Good');
    expect(doc.querySelectorAll('h2').map((h) => h.text)).toEqual([
      'Contents',
      'Summary of progress',
      'Progress by theme',
      'Performance scorecard',
    ]);
    expect(doc.querySelector('style')!.text).toContain('@media print');
    expect(doc.querySelector('style')!.text).toContain('display: table-header-group');
    for (const t of doc.querySelectorAll('table')) expect(t.querySelector('caption')?.text.trim()).toBeTruthy();
    const svg = doc.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('title')!.text).toBe('Average caseload');
    expect(svg.querySelector('desc')!.text).toContain('latest value 17');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc.querySelector('.rag--red')!.text).toBe('Red');
  });

  it('links a stylesheet instead of inlining CSS when served under a strict CSP', () => {
    const html = renderHtml(sampleContent(), {
      cssHref: '/reports/print.css',
      toolbar: [{ href: '/reports', text: 'Back to reports' }],
    });
    const doc = parse(html);
    expect(doc.querySelector('style')).toBeNull();
    expect(doc.querySelector('link[rel=stylesheet]')!.getAttribute('href')).toBe('/reports/print.css');
    expect(html).not.toMatch(/style="/);
  });
});

// Issue 18: the PNG beside each chart was drawn by hand (340 × 160, no axes, labels or legend; LibreOffice
// showed a black bar). It is now the same SVG rendered by resvg at print resolution.
describe('chart PNG fallback in Word', () => {
  const chart = () =>
    sampleContent().sections[2].blocks[0] as Extract<ReportContent['sections'][0]['blocks'][0], { kind: 'chart' }>;
  const dark = (p: { pixels: Buffer }) => {
    let n = 0;
    for (let i = 0; i < p.pixels.length; i += 4)
      if (p.pixels[i] < 100 && p.pixels[i + 1] < 100 && p.pixels[i + 2] < 100) n++;
    return n;
  };

  it('is the chart at 300 dpi (1,750 px wide), with its text drawn', async () => {
    const files = await unzipEntries(await renderDocx(sampleContent()));
    const png = [...files].find(([name]) => name.startsWith('word/media/') && name.endsWith('.png'))![1];
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1750);
    expect(png.readUInt32BE(20)).toBe(Math.round((1750 * 320) / 680));
    // The labels, legend and axis titles are drawn: removing the text takes away dark pixels.
    const svg = chartSvg(chart()).replace('width="100%"', 'width="680" height="320"');
    const withText = dark(svgToPixels(svg, 680));
    const withoutText = dark(svgToPixels(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, ''), 680));
    expect(withText - withoutText).toBeGreaterThan(500);
  });
});

describe.runIf(pdfTestsCanRun())('PDF renderer (Chromium)', () => {
  it('prints a tagged A4 PDF whose text can be read back', async () => {
    const pdf = await renderPdf(sampleContent(), process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/StructTreeRoot');
    const text = await pdfText(pdf);
    expect(text).toContain('Improvement board pack: Road to Good');
    expect(text).toContain('Summary of progress');
    expect(text.replace(/\s+/g, ' ')).toContain('Recruit & retain');
  }, 60_000);

  // Issue 18: every section started a new page, so a one-row section took a page of its own.
  it('lets short sections flow on, without a page each', async () => {
    const content = sampleContent();
    const short = {
      ...content,
      sections: content.sections.map((s) => ({ ...s, blocks: s.blocks.filter((b) => b.kind !== 'chart').slice(0, 1) })),
    };
    const pdf = await renderPdf(short, process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(short.sections.length).toBeGreaterThan(2);
    expect(pages).toBeLessThan(short.sections.length);
  }, 60_000);
});

if (!pdfTestsCanRun()) {
  describe('PDF renderer', () => {
    it.skip('needs Chromium at /usr/bin/chromium (apt-get install chromium): PDF tests skipped', () => {});
  });
}
