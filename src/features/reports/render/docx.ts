import { docx } from './docx-lib.js';
import type { DocxParagraph, DocxTable } from './docx-lib.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { cellText, type Block, type Cell, type ReportContent } from '../content.js';
import { chartSvg, columnPercents } from './html.js';
import { svgToPng } from './rasterise.js';

const {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} = docx;
type Paragraph = DocxParagraph;
type Table = DocxTable;
type TableCell = unknown;
type ParagraphChild = unknown;

/** A4 portrait with 2 cm margins: the text width in twentieths of a point. */
const PAGE_WIDTH = 11906;
const MARGIN = 1134;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const FONT = 'Arial';

const RAG_FILL: Record<string, { fill: string; color: string }> = {
  red: { fill: 'F4CDC6', color: '2A0B06' },
  amber: { fill: 'FCD6C3', color: '6E3619' },
  green: { fill: 'CCE2D8', color: '005A30' },
  complete: { fill: 'D2E2F1', color: '0C2D4A' },
  'not-started': { fill: 'E5E6E7', color: '0B0C0C' },
  none: { fill: 'FFFFFF', color: '0B0C0C' },
};

const border = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' };

/** Text with line breaks kept as Word line breaks. */
function runs(text: string, opts: { bold?: boolean; color?: string; size?: number } = {}): ParagraphChild[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        break: i ? 1 : undefined,
        bold: opts.bold || undefined,
        color: opts.color,
        size: opts.size,
      }),
  );
}

function tableCell(
  cell: Cell,
  opts: { header?: boolean; width: number; numeric?: boolean; rowHeader?: boolean },
): TableCell {
  const rag = cell && typeof cell === 'object' ? RAG_FILL[cell.rag] : undefined;
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    shading: opts.header
      ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8F1F8' }
      : rag && rag.fill !== 'FFFFFF'
        ? { type: ShadingType.CLEAR, color: 'auto', fill: rag.fill }
        : undefined,
    children: [
      new Paragraph({
        style: 'TableText',
        alignment: opts.numeric ? AlignmentType.RIGHT : undefined,
        children: runs(cellText(cell), {
          bold: opts.header || opts.rowHeader || !!rag,
          color: rag && rag.color !== '0B0C0C' ? rag.color : undefined,
        }),
      }),
    ],
  });
}

/** Borders and cell padding set once on the table, not on every cell: a much smaller document. */
const tableBorders = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};
const cellMargins = { top: 40, bottom: 40, left: 80, right: 80 };

function table(b: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  // The same widths as the print view: each column fits its longest word (src/lib/column-widths.ts).
  const widths = columnPercents(b).map((p) => Math.floor((TEXT_WIDTH * p) / 100));
  return [
    new Paragraph({ keepNext: true, spacing: { before: 200, after: 80 }, children: runs(b.caption, { bold: true }) }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      borders: tableBorders,
      margins: cellMargins,
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: b.columns.map((c, i) =>
            tableCell(c.header, { header: true, width: widths[i], numeric: c.numeric }),
          ),
        }),
        ...b.rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              children: row.map((c, i) =>
                tableCell(c, { width: widths[i], numeric: b.columns[i]?.numeric, rowHeader: i === 0 }),
              ),
            }),
        ),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

let chartCount = 0;
function chart(b: Extract<Block, { kind: 'chart' }>): Paragraph[] {
  const svg = chartSvg(b).replace('width="100%"', 'width="680" height="320"');
  chartCount++;
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_4, keepNext: true, children: runs(b.title) }),
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(svg, 'utf8'),
          // Word 2016+ shows the SVG; older Word and LibreOffice the PNG, rendered from the same SVG.
          fallback: { type: 'png', data: svgToPng(svg) },
          transformation: { width: 560, height: 264 },
          altText: { name: `Chart ${chartCount}`, title: b.title, description: b.altText },
        }),
      ],
    }),
    new Paragraph({
      style: 'Note',
      children: runs(
        `Chart values: ${b.series.map((s) => `${s.name}: ${b.xLabels.map((l, i) => `${l} ${s.values[i] === null ? 'no value' : s.values[i]!.toLocaleString('en-GB', { maximumFractionDigits: 1 })}`).join(', ')}`).join('. ')}.`,
      ),
    }),
  ];
}

function blocks(list: Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    if (b.kind === 'heading')
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, children: runs(b.text) }));
    else if (b.kind === 'paragraph')
      out.push(
        new Paragraph({
          style: b.style === 'lead' ? 'Lead' : b.style === 'note' ? 'Note' : undefined,
          children: runs(b.text),
        }),
      );
    else if (b.kind === 'list')
      for (const item of b.items)
        out.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: runs(item) }));
    else if (b.kind === 'table') out.push(...table(b));
    else if (b.kind === 'chart') out.push(...chart(b));
  }
  return out;
}

/** The report as a Word document: real heading styles, repeating table header rows, alt text on charts. */
export async function renderDocx(
  content: ReportContent,
  opts: { issued?: { issuedOn: string; issuedByName: string } | null } = {},
): Promise<Buffer> {
  const m = content.metadata;
  const meta: [string, string][] = [
    ...(m.bodyName
      ? ([['For', m.meeting ? `${m.bodyName}, meeting of ${formatGovukDate(m.meeting.date)}` : m.bodyName]] as [
          string,
          string,
        ][])
      : []),
    ['Plan', `${m.planTitle} (version ${m.planVersion}, ${m.planStatus})`],
    ['Data as at', formatGovukDate(m.asOf)],
    ['Prepared by', m.preparedBy],
    ...(m.previousReport
      ? ([['Previous report', `${m.previousReport.title}, issued ${formatGovukDate(m.previousReport.issuedOn)}`]] as [
          string,
          string,
        ][])
      : []),
    [
      'Status',
      opts.issued
        ? `Issued ${formatGovukDate(opts.issued.issuedOn)} by ${opts.issued.issuedByName}`
        : 'Draft – not issued',
    ],
  ];
  const metaWidths = [Math.floor(TEXT_WIDTH * 0.25), Math.floor(TEXT_WIDTH * 0.75)];
  const children: (Paragraph | Table)[] = [
    new Paragraph({ style: 'Organisation', children: runs(m.organisationName) }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(content.title) }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      borders: tableBorders,
      margins: cellMargins,
      columnWidths: metaWidths,
      layout: TableLayoutType.FIXED,
      rows: meta.map(
        ([k, v]) =>
          new TableRow({
            children: [tableCell(k, { width: metaWidths[0], rowHeader: true }), tableCell(v, { width: metaWidths[1] })],
          }),
      ),
    }),
  ];
  if (m.meeting) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        keepNext: true,
        children: runs(`Agenda${m.meeting.title ? `: ${m.meeting.title}` : ''}, ${formatGovukDate(m.meeting.date)}`),
      }),
    );
    if (!m.meeting.agenda.length)
      children.push(new Paragraph({ children: runs('No agenda items have been recorded for this meeting.') }));
    for (const a of m.meeting.agenda) {
      children.push(
        new Paragraph({
          numbering: { reference: 'agenda', level: 0 },
          keepLines: true,
          children: [
            ...runs(a.title, { bold: true }),
            ...(a.summary ? runs(`\n${a.summary}`) : []),
            ...(a.link ? runs(`\n${a.link}`, { color: '484949', size: 18 }) : []),
          ],
        }),
      );
    }
  }
  content.sections.forEach((s) => {
    // Sections flow on without a page break each: a one-row section does not take a page.
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: runs(s.title) }));
    children.push(...blocks(s.blocks));
  });
  const doc = new Document({
    creator: 'Waymark',
    title: content.title,
    description: `${content.title} – ${m.organisationName}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, color: '0B0C0C' }, paragraph: { spacing: { after: 120, line: 276 } } },
        heading1: {
          run: { font: FONT, size: 40, bold: true, color: '0B0C0C' },
          paragraph: { spacing: { before: 120, after: 240 } },
        },
        heading2: {
          run: { font: FONT, size: 32, bold: true, color: '1D70B8' },
          paragraph: { spacing: { before: 360, after: 160 } },
        },
        heading3: {
          run: { font: FONT, size: 26, bold: true, color: '0B0C0C' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading4: {
          run: { font: FONT, size: 22, bold: true, color: '0B0C0C' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      },
      paragraphStyles: [
        { id: 'Lead', name: 'Lead', basedOn: 'Normal', quickFormat: true, run: { size: 26 } },
        {
          id: 'TableText',
          name: 'Table text',
          basedOn: 'Normal',
          run: { size: 18 },
          paragraph: { spacing: { after: 0, line: 240 } },
        },
        { id: 'Note', name: 'Note', basedOn: 'Normal', quickFormat: true, run: { size: 18, color: '484949' } },
        { id: 'Organisation', name: 'Organisation', basedOn: 'Normal', run: { size: 24, bold: true, color: '1D70B8' } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } },
            },
          ],
        },
        {
          reference: 'agenda',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: 16838 },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${content.title} – page `, size: 16, font: FONT }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, font: FONT }),
                  new TextRun({ text: ' of ', size: 16, font: FONT }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, font: FONT }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
