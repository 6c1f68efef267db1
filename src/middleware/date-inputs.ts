import type { RequestHandler } from 'express';
import { composeDateInputs } from '../lib/date-input.js';

/**
 * Forms send dates as GOV.UK day, month and year boxes; handlers read one 'YYYY-MM-DD' value (ADR 0870).
 * Multipart forms are read later, by `multipartForm()` (src/middleware/csrf.ts), which does the same.
 */
export const composeDates: RequestHandler = (req, _res, next) => {
  if (req.body && typeof req.body === 'object') req.body = composeDateInputs(req.body as Record<string, unknown>);
  next();
};
