/**
 * The report content model: plain JSON that says what a report contains, built from live data by
 * `build.ts` and rendered to Word, Excel, HTML and PDF by `render/*`. Renderers see nothing else, so
 * they can be tested with hand-made content, and an issued report's content is frozen as it was.
 */

export const REPORT_TYPES = [
  'improvement-board-pack',
  'scrutiny-progress-report',
  'cabinet-appendix',
  'ofsted-action-plan',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_FORMATS = ['docx', 'html', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const SECTION_KEYS = [
  'summary',
  'movement',
  'exceptions',
  'themes',
  'indicators',
  'audit-findings',
  'risks',
  'governance',
  'ofsted-plan',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  'improvement-board-pack': 'Improvement board pack',
  'scrutiny-progress-report': 'Scrutiny progress report',
  'cabinet-appendix': 'Cabinet report appendix',
  'ofsted-action-plan': 'Ofsted action plan',
};

export const REPORT_TYPE_HINTS: Record<ReportType, string> = {
  'improvement-board-pack':
    'Everything the improvement board needs to challenge progress: RAG, movement, exceptions, performance, risks and the action sheet.',
  'scrutiny-progress-report':
    'A progress report for a scrutiny committee, with the committee’s action sheet and information requests.',
  'cabinet-appendix': 'A short appendix to a Cabinet report: overall progress, themes and performance.',
  'ofsted-action-plan':
    'Each recommendation and area for improvement with the actions answering it, owners, timescales and success measures.',
};

export const SECTION_LABELS: Record<SectionKey, string> = {
  summary: 'Summary of progress',
  movement: 'Movement since the previous report',
  exceptions: 'Exceptions',
  themes: 'Progress by theme',
  indicators: 'Performance scorecard',
  'audit-findings': 'Audit findings',
  risks: 'Risks and evidence conflicts',
  governance: 'Action sheet and information requests',
  'ofsted-plan': 'Response to the inspection findings',
};

export const SECTION_HINTS: Record<SectionKey, string> = {
  summary: 'RAG counts on the evidence and as the owners rate them, challenged actions and overdue milestones.',
  movement: 'How each action’s rating has changed since the previous issued report of this type for this plan.',
  exceptions: 'Red and amber actions, challenged ratings and overdue milestones.',
  themes: 'Each theme’s actions with their latest update.',
  indicators: 'Linked indicators with targets, trends, charts and benchmark positions.',
  'audit-findings':
    'Case file audit grades by theme over the last cycles, the learning chosen from them and the actions they feed.',
  risks: 'Open risks and where the evidence contradicts a low rating.',
  governance: 'Open action-sheet items and outstanding information requests.',
  'ofsted-plan': 'Recommendations and areas for improvement, and the actions answering each.',
};

/** Every section but the inspection response, which is the Ofsted action plan's own. */
const BOARD_PACK_SECTIONS = SECTION_KEYS.filter((key) => key !== 'ofsted-plan');

/** The sections each report type starts with; an editor may tick or untick any of them. */
export const DEFAULT_SECTIONS: Record<ReportType, SectionKey[]> = {
  'improvement-board-pack': BOARD_PACK_SECTIONS,
  'scrutiny-progress-report': BOARD_PACK_SECTIONS.filter((key) => key !== 'risks'),
  'cabinet-appendix': ['summary', 'themes', 'indicators', 'audit-findings'],
  'ofsted-action-plan': ['ofsted-plan', 'summary'],
};

export const FORMAT_LABELS: Record<ReportFormat, string> = {
  docx: 'Word document (.docx)',
  html: 'Web page to print (.html)',
  pdf: 'PDF document (.pdf)',
  xlsx: 'Excel appendix with the underlying data (.xlsx)',
};

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export type Rag = 'red' | 'amber' | 'green' | 'complete' | 'not-started' | 'none';

/** A table cell: plain text or number, or text with a RAG colour (the word is always shown too). */
export type Cell = string | number | null | { text: string; rag: Rag };

export interface TableColumn {
  header: string;
  /** Relative width (default 1), used by Word; numbers are right-aligned when `numeric`. */
  width?: number;
  numeric?: boolean;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; style?: 'lead' | 'note' }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: TableColumn[]; rows: Cell[][] }
  | {
      kind: 'chart';
      title: string;
      /** Alternative text: what the chart shows, in words (Word's alt text, the SVG's <desc>). */
      altText: string;
      xLabels: string[];
      series: { name: string; values: (number | null)[] }[];
      yLabel?: string;
    };

export interface Section {
  key: SectionKey;
  title: string;
  blocks: Block[];
}

/** What movement is computed from: each action's rating as it stood when the report was made. */
export interface ActionSnapshot {
  id: string;
  reference: string;
  title: string;
  evidenceRag: Exclude<Rag, 'none'>;
  ownerRag: string | null;
}

/** One sheet of the Excel appendix: the underlying data behind the report. */
export interface DataSheet {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface ReportContent {
  schemaVersion: 1;
  type: ReportType;
  title: string;
  metadata: {
    organisationName: string;
    planId: string;
    planTitle: string;
    planVersion: number;
    planStatus: string;
    /** The day the content was read from the live data, YYYY-MM-DD (England). */
    asOf: string;
    preparedBy: string;
    bodyName: string | null;
    previousReport: { id: string; title: string; issuedOn: string } | null;
    /** The meeting the pack is for, with its agenda in order (absent in reports issued before this existed). */
    meeting?: {
      id: string;
      date: string;
      title: string | null;
      agenda: { title: string; summary: string | null; link: string | null }[];
    } | null;
  };
  sections: Section[];
  snapshot: { actions: ActionSnapshot[] };
  data: DataSheet[];
}

export const isReportType = (v: unknown): v is ReportType =>
  typeof v === 'string' && (REPORT_TYPES as readonly string[]).includes(v);
export const isSectionKey = (v: unknown): v is SectionKey =>
  typeof v === 'string' && (SECTION_KEYS as readonly string[]).includes(v);

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return cell.text;
  return String(cell);
}

/** A file name from a title: letters, digits and hyphens only. */
export function reportFilename(content: Pick<ReportContent, 'type' | 'metadata'>, format: ReportFormat): string {
  const plan = content.metadata.planTitle
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${content.type}-${plan || 'plan'}-${content.metadata.asOf}.${format}`;
}
