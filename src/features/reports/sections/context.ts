import type { Executor } from '../../audit/audit.js';
import { formatGovukDate } from '../../../lib/dates.js';
import { RAG_LABELS } from '../../../lib/labels.js';
import { percentWithCount } from '../../../lib/percent-count.js';
import type { ActionRagState } from '../../plans/status.js';
import type { ControlNote } from '../../council/control.js';
import type { Block, Cell, DataSheet, Rag, ReportType, SectionKey, TableColumn } from '../content.js';

/** Longest narrative shown in the Word, print and PDF versions; the Excel appendix keeps the full text. */
export const NARRATIVE_LIMIT = 1000;
/** Excel refuses cells longer than this. */
export const EXCEL_CELL_LIMIT = 32_767;

export function clip(text: string | null | undefined, limit = NARRATIVE_LIMIT): string {
  const t = (text ?? '').trim();
  if (t.length <= limit) return t;
  return `${t.slice(0, limit).trimEnd()}… (shortened: the full text is in Waymark and in the Excel appendix)`;
}

export function clipForExcel(text: string | null | undefined): string {
  const t = text ?? '';
  if (t.length <= EXCEL_CELL_LIMIT) return t;
  const note = ' … (shortened to fit an Excel cell: the full text is in Waymark)';
  return t.slice(0, EXCEL_CELL_LIMIT - note.length) + note;
}

export const ragCell = (rag: Rag | null | undefined): Cell => ({ text: RAG_LABELS[rag ?? 'none'], rag: rag ?? 'none' });

/** A table with a row for each item, or the sentence saying there are none: a report never shows an empty table. */
export function tableOrNone<T>(
  items: readonly T[],
  none: string,
  table: { caption: string; columns: TableColumn[]; row: (item: T) => Cell[] },
): Block {
  if (!items.length) return { kind: 'paragraph', text: none };
  return { kind: 'table', caption: table.caption, columns: table.columns, rows: items.map((item) => table.row(item)) };
}
export const KIND_ORDER = ['further-action', 'recommendation', 'area-for-improvement'];
/** A value in its unit; a percentage with the count behind it where recorded: "82% (169 of 206)". */
export function valueText(
  n: number | null | undefined,
  unit: string,
  numerator?: number | null,
  denominator?: number | null,
): string {
  return unit === 'percent' ? percentWithCount(n ?? null, numerator, denominator) : fmtNumber(n, unit);
}

export function fmtNumber(n: number | null | undefined, unit?: string): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const text = n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return unit === 'percent' ? `${text}%` : text;
}

export interface BuildInput {
  organisationId: string;
  planId: string;
  type: ReportType;
  sections?: SectionKey[];
  bodyId?: string | null;
  /** The meeting the pack is for: its agenda goes in, and its body and date go in the title. */
  meetingId?: string | null;
  /** Today in England, YYYY-MM-DD. */
  today: string;
  preparedBy: string;
}

/** What every section builder reads: the plan, its actions rated on the evidence, and the Excel sheets built so far. */
export interface Ctx {
  db: Executor;
  input: BuildInput;
  plan: {
    id: string;
    title: string;
    lineageId: string;
    planVersion: number;
    status: string;
    startDate: string;
    endDate: string;
  };
  states: ActionRagState[];
  actions: Map<
    string,
    { description: string; successMeasures: string; ownerName: string | null; themeId: string | null }
  >;
  owners: Map<string, string>;
  /** "Outside our control" notes by action id: shown beside a red or amber rating, never instead of it. */
  controlNotes: Map<string, ControlNote>;
  data: DataSheet[];
}

/** The evidence rating, with "outside our control" beside a red or amber that the owner has marked. */
export function evidenceCell(ctx: Ctx, s: ActionRagState): Cell {
  const marked = (s.evidenceRag === 'red' || s.evidenceRag === 'amber') && ctx.controlNotes.has(s.actionId);
  return marked
    ? { text: `${RAG_LABELS[s.evidenceRag]} (outside our control)`, rag: s.evidenceRag }
    : ragCell(s.evidenceRag);
}

export function controlReason(ctx: Ctx, s: ActionRagState): string {
  const note = ctx.controlNotes.get(s.actionId);
  return note && (s.evidenceRag === 'red' || s.evidenceRag === 'amber')
    ? `Outside our control (${note.markedByName}, ${formatGovukDate(note.markedOn)}): ${note.reason}`
    : '';
}

/** Builds one section's blocks, adding any Excel sheets it owns to `ctx.data`. */
export type SectionBuilder = (ctx: Ctx) => Promise<Block[]>;
