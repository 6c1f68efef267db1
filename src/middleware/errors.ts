import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, NotFoundError } from '../lib/errors.js';
import { toAppError } from '../api/router.js';

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

const PAGES: Record<number, { heading: string; paragraphs: string[] }> = {
  400: { heading: 'Sorry, there is a problem with what was sent', paragraphs: ['Go back and check what you entered.'] },
  403: { heading: 'You do not have permission to see this page', paragraphs: ['Ask your Waymark administrator if you need access.'] },
  404: { heading: 'Page not found', paragraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'] },
  413: { heading: 'The file or form is too large', paragraphs: ['Go back and send something smaller.'] },
  500: { heading: 'Sorry, there is a problem with the service', paragraphs: ['Try again later. Nothing you entered has been half-saved.'] },
};

export const renderError: ErrorRequestHandler = (err, req, res, _next) => {
  const csrf = (err as { code?: string }).code === 'EBADCSRFTOKEN';
  const appError: AppError = csrf ? new AppError(403, 'csrf', 'Form expired') : toAppError(err);
  // The request's one log line (src/observability/http.ts) carries the error and its stack.
  if (appError.status >= 500) res.err = err instanceof Error ? err : new Error(String(err));
  if (res.headersSent) return;
  const page = csrf
    ? { heading: 'Your form has expired', paragraphs: ['For your security, forms expire. Go back, reload the page and try again.'] }
    : PAGES[appError.status] ?? { heading: appError.message, paragraphs: [] };
  res.status(appError.status).render('pages/error.njk', { title: page.heading, status: appError.status, ...page, user: req.user });
};
