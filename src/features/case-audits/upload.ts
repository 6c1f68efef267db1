/**
 * Audit spreadsheets go through the shared upload handling (issue 13): a slot at the upload gate, the
 * `audit-import` limits of src/lib/upload-limits.ts (size while it arrives, rows, columns, expansion),
 * and the plan import's first-sheet reader, which reads within those limits.
 */
import type { Request, Response } from 'express';
import type { Config } from '../../config.js';
import { uploadSettings } from '../../config.js';
import { AppError, BadRequestError } from '../../lib/errors.js';
import { refusalMessage, uploadLimits } from '../../lib/upload-limits.js';
import { receiveUpload } from '../uploads/receive.js';
import { readSpreadsheet, type ParsedSheet } from '../plans/spreadsheet.js';

export function auditUploadLimits(config: Config) {
  return uploadLimits('audit-import', uploadSettings(config));
}

/** Receive the audit spreadsheet: for `multipartForm()` (src/middleware/csrf.ts), which then checks the form's token. */
export const receiveAuditFile = (config: Config) => (req: Request, res: Response) =>
  receiveUpload(req, res, config, 'audit-import', { field: 'file' });

/** The file `multipartForm(receiveAuditFile(config))` received and its limits, or the message to show (with its status). */
export async function receiveFile(req: Request, _res: Response, config: Config) {
  const limits = auditUploadLimits(config);
  const refused = req.upload?.refused;
  if (refused)
    return {
      status: refused.status,
      message: refusalMessage(refused, {
        tooLarge: `The file must be smaller than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`,
      }),
    };
  if (!req.file || !req.file.size) return { status: 400, message: 'Select an Excel (.xlsx) or CSV file' };
  return { file: req.file, limits };
}

/** The first sheet as text, with this import's own words for a file that is too long. */
export async function readAuditSheet(
  file: Pick<Express.Multer.File, 'buffer' | 'originalname'>,
  config: Config,
): Promise<ParsedSheet> {
  const limits = auditUploadLimits(config);
  try {
    return await readSpreadsheet(file.buffer, file.originalname, limits);
  } catch (err) {
    if (err instanceof AppError && /more than [\d,]+ rows/.test(err.message)) {
      const n = limits.maxRows.toLocaleString('en-GB');
      throw new BadRequestError(`The file has more than ${n} rows`, [
        { path: 'file', message: `The file has more than ${n} rows: an audit import takes up to ${n} audits` },
      ]);
    }
    throw err;
  }
}
