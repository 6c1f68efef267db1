import { ValidationError } from '../../lib/errors.js';
import { NotAnOfstedReportError, parseOfstedReport, type ReportDraft } from '../../lib/ofsted-report-parser.js';
import { looksLikePdf, pdfToText } from './pdf-text.js';
import { UploadLimitError } from '../../lib/upload-limits.js';

/** Form dates: "17/3/2023", "17 3 2023" or "2023-03-17" → ISO; anything else is passed on to fail validation. */
export function formDate(value: unknown): string | null {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const m = /^(\d{1,2})[/\s.-]+(\d{1,2})[/\s.-]+(\d{4})$/.exec(v);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return v;
}

/** PDF bytes → draft, or a 422 naming the file field with a plain reason. */
export async function readReport(data: Buffer): Promise<ReportDraft> {
  if (!looksLikePdf(data)) throw new ValidationError([{ path: 'file', message: 'The file must be a PDF: download the report from the Ofsted website as a PDF' }], 'The file is not a PDF');
  let text: string;
  try {
    text = await pdfToText(data);
  } catch (err) {
    if (err instanceof UploadLimitError) throw err; // past a time, page or memory limit: say which
    throw new ValidationError([{ path: 'file', message: 'The PDF could not be read: it may be damaged or password-protected' }], 'The PDF could not be read');
  }
  try {
    return parseOfstedReport(text);
  } catch (err) {
    if (err instanceof NotAnOfstedReportError) throw new ValidationError([{ path: 'file', message: `${err.message}. Upload the inspection report as published by Ofsted.` }], err.message);
    throw err;
  }
}

