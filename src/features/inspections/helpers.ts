import { ValidationError } from '../../lib/errors.js';
import { NotAnOfstedReportError, parseOfstedReport, type ReportDraft } from '../../lib/ofsted-report-parser.js';
import { matchAuthority } from '../../lib/authority-names.js';
import { nationalAuthorities } from '../national/authorities.js';
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

const refuse = (message: string, summary = message): never => {
  throw new ValidationError([{ path: 'file', message }], summary);
};

/**
 * What is wrong with bytes that claim to be a PDF, before any parsing: an encrypted file cannot be read
 * without its password, and a file cut short (no end-of-file marker near its end) would give a part of
 * the report that looks whole.
 */
export function pdfProblem(data: Buffer): string | null {
  if (!looksLikePdf(data)) return 'The file must be a PDF: download the report from the Ofsted website as a PDF';
  const tail = data.subarray(Math.max(0, data.length - 4096)).toString('latin1');
  if (!tail.includes('%%EOF'))
    return 'The PDF is incomplete: it stops before its end, so the download was probably cut short. Download the report again';
  if (data.includes('/Encrypt'))
    return 'The PDF is password-protected (encrypted), so Waymark cannot read it: download the report from the Ofsted website, where it is not protected';
  return null;
}

/** The national authority a draft's name matches, with a warning on the draft when unsure. */
export function linkAuthority(draft: ReportDraft): ReportDraft {
  const { match, problem } = matchAuthority(draft.authority, nationalAuthorities(), draft.startDate);
  const warnings = problem && draft.authority ? [...draft.warnings, problem] : draft.warnings;
  return {
    ...draft,
    area: match ? { laCode: match.laCode, gssCode: match.gssCode, name: match.name } : null,
    warnings,
  };
}

/** PDF bytes → draft linked to its authority, or a 422 naming the file field with what was found. */
export async function readReport(data: Buffer): Promise<ReportDraft> {
  const problem = pdfProblem(data);
  if (problem) refuse(problem, problem.split(':')[0]);
  let text: string;
  try {
    text = await pdfToText(data);
  } catch (err) {
    if (err instanceof UploadLimitError) throw err; // past a time, page or memory limit: say which
    return refuse('The PDF could not be read: it may be damaged or password-protected', 'The PDF could not be read');
  }
  const pages = (text.match(/^-- \d+ of \d+ --$/gm) ?? []).length;
  const words = text.replace(/^-- \d+ of \d+ --$/gm, '').replace(/\s+/g, '');
  if (words.length < 20) {
    refuse(
      `The PDF has no text to read${pages ? ` (${pages} page${pages === 1 ? '' : 's'} of images)` : ''}: it looks like a scan. Download the report from the Ofsted website, whose PDFs carry their text`,
      'The PDF has no text',
    );
  }
  try {
    return linkAuthority(parseOfstedReport(text));
  } catch (err) {
    if (err instanceof NotAnOfstedReportError) return refuse(`${err.message}.`, 'Not a report Waymark imports');
    throw err;
  }
}
