/**
 * Audit spreadsheets are uploaded the way other imports are (multer in memory, one file, the
 * configured size limit), and read by the plan import's first-sheet reader. Kept in this one file so
 * the shared upload limits (issue 13) can replace it in one place.
 */
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Config } from '../../config.js';
import { AppError, BadRequestError } from '../../lib/errors.js';
import { MAX_IMPORT_ROWS, readSpreadsheet, type ParsedSheet } from '../plans/spreadsheet.js';

export const MAX_AUDIT_FILE_BYTES = 5 * 1024 * 1024;

export function auditUploadLimit(config: Pick<Config, 'uploadLimitBytes'>): number {
  return Math.min(MAX_AUDIT_FILE_BYTES, config.uploadLimitBytes);
}

/** Receive one file from a multipart form: the file, or the message to show on the form (with its status). */
export function receiveFile(config: Pick<Config, 'uploadLimitBytes'>) {
  const limit = auditUploadLimit(config);
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: limit, files: 1, fields: 10 } }).single(
    'file',
  );
  return (req: Request, res: Response) =>
    new Promise<{ file: Express.Multer.File } | { status: number; message: string }>((resolve) =>
      upload(req, res, (err: unknown) => {
        if (err) {
          const code = (err as { code?: string }).code;
          return resolve(
            code === 'LIMIT_FILE_SIZE'
              ? { status: 413, message: `The file must be smaller than ${Math.round(limit / 1024 / 1024)} MB` }
              : { status: 400, message: 'The file could not be uploaded: select one spreadsheet and try again' },
          );
        }
        if (!req.file || !req.file.size)
          return resolve({ status: 400, message: 'Select an Excel (.xlsx) or CSV file' });
        resolve({ file: req.file });
      }),
    );
}

/** The first sheet as text, with this import's own words for a file that is too long. */
export async function readAuditSheet(file: Pick<Express.Multer.File, 'buffer' | 'originalname'>): Promise<ParsedSheet> {
  try {
    return await readSpreadsheet(file.buffer, file.originalname);
  } catch (err) {
    if (err instanceof AppError && /more than/.test(err.message)) {
      const n = MAX_IMPORT_ROWS.toLocaleString('en-GB');
      throw new BadRequestError(`The file has more than ${n} rows`, [
        { path: 'file', message: `The file has more than ${n} rows: an audit import takes up to ${n} audits` },
      ]);
    }
    throw err;
  }
}
