import { ValidationError } from './errors.js';

/**
 * Every upload's limits in one place (issue 13): Annex A workbooks, indicator imports, plan imports,
 * evidence files, report PDFs and the council's logo. A file is refused as soon as it passes a limit, while it is being
 * read, so a small file that expands to gigabytes (a zip bomb), a sheet of a million rows or a PDF
 * that takes minutes to lay out costs the server little. Settings (README "Security"):
 *
 * - `UPLOAD_LIMIT_MB` (50): largest uploaded file of any kind; each kind may be smaller.
 * - `UPLOAD_MAX_EXPANDED_MB` (200): largest total a spreadsheet's parts may inflate to (Annex A: 1,024).
 * - `UPLOAD_MAX_RATIO` (200): largest inflated/compressed ratio of one part over 1 MB.
 * - `UPLOAD_CONCURRENCY` (2): uploads read at once; one more is told "busy, try again in a minute".
 * - `PDF_TIMEOUT_SECONDS` (10), `PDF_MAX_PAGES` (60), `PDF_MEMORY_MB` (256): reading a report PDF.
 */
export type UploadKind =
  'annex-a' | 'indicator-import' | 'plan-import' | 'audit-import' | 'evidence' | 'report-pdf' | 'logo';

export interface UploadSettings {
  maxUploadBytes: number;
  maxExpandedBytes: number;
  maxRatio: number;
  concurrency: number;
  pdfTimeoutMs: number;
  pdfMaxPages: number;
  pdfMemoryMb: number;
}

export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = {
  maxUploadBytes: 50 * 1024 * 1024,
  maxExpandedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  concurrency: 2,
  pdfTimeoutMs: 10_000,
  pdfMaxPages: 60,
  pdfMemoryMb: 256,
};

export interface UploadLimits {
  kind: UploadKind;
  /** Largest file, in bytes, refused while it arrives (413). */
  maxBytes: number;
  /** Files in one request. */
  maxFiles: number;
  /** Total bytes a zip's parts may inflate to, counted as they inflate. */
  maxExpandedBytes: number;
  /** Largest inflated/compressed ratio of one part over 1 MB. */
  maxRatio: number;
  /** Data rows and columns of a sheet (after the heading row). */
  maxRows: number;
  maxColumns: number;
  /** Longest text in one cell. */
  maxCellChars: number;
  /** A workbook's shared-strings part: bytes of XML and number of strings (it is held in memory). */
  maxSharedStringsBytes: number;
  maxSharedStrings: number;
  /** Parts (files) in a zip. */
  maxEntries: number;
  /** Longest nesting of XML elements. */
  maxXmlDepth: number;
}

const MB = 1024 * 1024;

/** The limits of one kind of upload under the deployment's settings. */
export function uploadLimits(kind: UploadKind, settings: UploadSettings = DEFAULT_UPLOAD_SETTINGS): UploadLimits {
  const base = {
    kind,
    maxFiles: 1,
    maxExpandedBytes: settings.maxExpandedBytes,
    maxRatio: settings.maxRatio,
    maxCellChars: 32_767, // Excel's own limit for one cell
    maxSharedStringsBytes: 32 * MB,
    maxSharedStrings: 500_000,
    maxEntries: 1_000,
    maxXmlDepth: 64,
  };
  switch (kind) {
    case 'annex-a':
      // A large authority's workbook: 90,000 children, 270,000 rows, ~15 MB, 114 MB of sheet XML.
      return {
        ...base,
        maxBytes: settings.maxUploadBytes,
        maxExpandedBytes: Math.max(settings.maxExpandedBytes, 1024 * MB),
        maxRows: 1_000_000,
        maxColumns: 200,
        maxSharedStringsBytes: 64 * MB,
        maxSharedStrings: 2_000_000,
        maxEntries: 20_000,
      };
    case 'indicator-import':
      // 80 indicators × 60 months in long layout is 4,800 rows; wide layout has a column per period.
      return { ...base, maxBytes: Math.min(settings.maxUploadBytes, 20 * MB), maxRows: 50_000, maxColumns: 400 };
    case 'plan-import':
      // A plan has tens or hundreds of actions; 2,000 is the import's own limit.
      return { ...base, maxBytes: Math.min(settings.maxUploadBytes, 10 * MB), maxRows: 2_000, maxColumns: 100 };
    case 'audit-import':
      // Case file audits of one cycle: tens of cases, a column for each of up to 100 standards.
      return { ...base, maxBytes: Math.min(settings.maxUploadBytes, 5 * MB), maxRows: 2_000, maxColumns: 200 };
    case 'evidence':
      return { ...base, maxBytes: Math.min(settings.maxUploadBytes, 10 * MB), maxFiles: 5, maxRows: 0, maxColumns: 0 };
    case 'report-pdf':
      return { ...base, maxBytes: Math.min(settings.maxUploadBytes, 20 * MB), maxRows: 0, maxColumns: 0 };
    case 'logo':
      // A header logo (PNG or JPEG, checked from its bytes by the branding feature).
      return { ...base, maxBytes: Math.min(settings.maxUploadBytes, 200 * 1024), maxRows: 0, maxColumns: 0 };
  }
}

/** A file refused by a limit: a 422 naming the file field and what was too much. */
export class UploadLimitError extends ValidationError {
  constructor(
    message: string,
    readonly limit: string,
  ) {
    super([{ path: 'file', message }], message);
  }
}

const ZIP_BOMB =
  'The file expands to far more than a spreadsheet of this kind needs (it looks like a zip bomb), so it was not read';

/**
 * Counts a zip's inflated bytes as they come out, against the total and against each part's ratio, so
 * a part that lies about its size in the zip directory is stopped at the limit, not after inflating.
 */
export class ExpansionBudget {
  private total = 0;
  constructor(private readonly limits: Pick<UploadLimits, 'maxExpandedBytes' | 'maxRatio' | 'maxEntries'>) {}

  /** Check what the zip's directory declares, before inflating anything. */
  checkDeclared(entries: { compressedSize: number; uncompressedSize: number }[]): void {
    if (entries.length > this.limits.maxEntries)
      throw new UploadLimitError('The file has too many parts to be a spreadsheet of this kind', 'entries');
    let declared = 0;
    for (const e of entries) {
      declared += e.uncompressedSize;
      if (declared > this.limits.maxExpandedBytes) throw new UploadLimitError(ZIP_BOMB, 'expanded');
      if (this.ratioTooHigh(e.uncompressedSize, e.compressedSize)) throw new UploadLimitError(ZIP_BOMB, 'ratio');
    }
  }

  /** One part's inflated bytes so far; throws at the first chunk past a limit. */
  part(compressedSize: number): (chunkBytes: number) => void {
    let inflated = 0;
    return (chunkBytes) => {
      inflated += chunkBytes;
      this.total += chunkBytes;
      if (this.total > this.limits.maxExpandedBytes) throw new UploadLimitError(ZIP_BOMB, 'expanded');
      if (this.ratioTooHigh(inflated, compressedSize)) throw new UploadLimitError(ZIP_BOMB, 'ratio');
    };
  }

  get expandedBytes(): number {
    return this.total;
  }

  private ratioTooHigh(inflated: number, compressed: number): boolean {
    return inflated > MB && inflated > this.limits.maxRatio * Math.max(compressed, 1);
  }
}

/**
 * How many uploads are read at once. It never queues: when every slot is taken the next upload is
 * told at once that Waymark is busy (429, Retry-After), so a burst of large files cannot add up in memory.
 */
export class UploadGate {
  private active = 0;
  constructor(readonly slots: number) {}

  /** A release function when a slot was free, otherwise undefined. Releasing twice is harmless. */
  tryEnter(): (() => void) | undefined {
    if (this.active >= this.slots) return undefined;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }

  get inUse(): number {
    return this.active;
  }
}

export const BUSY_MESSAGE = 'Waymark is busy reading other uploads. Nothing was saved: try again in a minute.';

/**
 * What a form says of an upload refused as it arrived (`req.upload.refused`): its own words for a file
 * over the size limit (413); the refusal's own message when Waymark is busy (429); for anything else (a
 * body that is not a well-formed form), its own words when it has them, or the refusal's message.
 */
export function refusalMessage(
  refused: { status: number; message: string },
  words: { tooLarge: string; unreadable?: string },
): string {
  if (refused.status === 413) return words.tooLarge;
  if (refused.status === 429 || words.unreadable === undefined) return refused.message;
  return words.unreadable;
}
