import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { Config } from '../../config.js';
import { uploadSettings } from '../../config.js';
import { AppError, PayloadTooLargeError, TooManyRequestsError } from '../../lib/errors.js';
import { BUSY_MESSAGE, UploadGate, uploadLimits, type UploadKind, type UploadLimits } from '../../lib/upload-limits.js';
import { toAppError } from '../../api/router.js';

/** One gate per app: every kind of upload shares the same few slots. */
function gateOf(req: Request, config: Config): UploadGate {
  const locals = req.app.locals as { uploadGate?: UploadGate };
  locals.uploadGate ??= new UploadGate(config.uploads.concurrency);
  return locals.uploadGate;
}

export interface ReceiveOptions {
  /** The multipart field that holds the file(s). */
  field: string;
  /** Store on disk instead of in memory (Annex A keeps the file for the commit step). */
  storage?: multer.StorageEngine;
}

/**
 * Take a slot and receive one kind of upload within its limits (src/lib/upload-limits.ts). The slot is
 * held until the response is sent, so reading the file counts too. Resolves with the limits in force,
 * or with the refusal: 429 when every slot is taken (nothing is read), 413 for a file over the size
 * limit, 400 for a body that is not a well-formed form.
 */
export function receiveUpload(
  req: Request,
  res: Response,
  config: Config,
  kind: UploadKind,
  opts: ReceiveOptions,
): Promise<{ limits: UploadLimits; refused?: AppError }> {
  const limits = uploadLimits(kind, uploadSettings(config));
  const release = gateOf(req, config).tryEnter();
  if (!release) {
    // Nothing of the body is read, and the connection is not kept for the rest of it.
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '60');
    return Promise.resolve({ limits, refused: new TooManyRequestsError(BUSY_MESSAGE, 60) });
  }
  res.once('close', release);
  res.once('finish', release);
  const handler = multer({
    storage: opts.storage ?? multer.memoryStorage(),
    limits: {
      fileSize: limits.maxBytes,
      files: limits.maxFiles,
      fields: 30,
      fieldSize: 256 * 1024,
      fieldNameSize: 200,
      parts: 40,
      headerPairs: 100,
    },
  });
  const receive = limits.maxFiles > 1 ? handler.array(opts.field, limits.maxFiles) : handler.single(opts.field);
  return new Promise((resolve) => {
    receive(req, res, (err: unknown) => {
      if (!err) return resolve({ limits });
      const mb = Math.round(limits.maxBytes / 1024 / 1024);
      const appError =
        (err as { code?: string }).code === 'LIMIT_FILE_SIZE'
          ? new PayloadTooLargeError(`The file must be smaller than ${mb} MB`)
          : toAppError(err);
      resolve({ limits, refused: appError });
    });
  });
}

/** The same as middleware, for routes whose refusals are ordinary error answers (the API). */
export function acceptUpload(config: Config, kind: UploadKind, opts: ReceiveOptions): RequestHandler {
  return (req, res, next) => {
    receiveUpload(req, res, config, kind, opts).then(({ limits, refused }) => {
      if (refused) return next(refused);
      res.locals.uploadLimits = limits;
      next();
    }, next);
  };
}
