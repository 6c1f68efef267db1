import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, ForbiddenError, NotFoundError, retryAfterOf } from '../lib/errors.js';
import { ROLE_LABELS } from '../lib/roles.js';
import { apiErrorBody, noteFault, toAppError } from '../api/router.js';

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

const PAGES: Record<number, { heading: string; paragraphs: string[] }> = {
  400: { heading: 'Sorry, there is a problem with what was sent', paragraphs: ['Go back and check what you entered.'] },
  403: { heading: 'You do not have permission to see this page', paragraphs: [] },
  404: {
    heading: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it is correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
  },
  413: { heading: 'The file or form is too large', paragraphs: ['Go back and send something smaller.'] },
  429: {
    heading: 'Waymark is busy',
    paragraphs: ['Other people are uploading files at the moment. Try again in a minute.'],
  },
  500: {
    heading: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later. Nothing you entered has been half-saved.'],
  },
  503: {
    heading: 'Sorry, Waymark cannot save or show data at the moment',
    paragraphs: [
      'Its database is unavailable. Nothing you sent has been saved.',
      'Try again in a minute: Waymark recovers by itself when the database is back.',
    ],
  },
};

export const renderError: ErrorRequestHandler = (err, req, res, _next) => {
  const csrf = (err as { code?: string }).code === 'EBADCSRFTOKEN';
  const appError: AppError = csrf ? new AppError(403, 'csrf', 'Form expired') : toAppError(err);
  noteFault(req, err, appError);
  if (res.headersSent) return;
  const retryAfter = retryAfterOf(appError);
  if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
  // An error raised before the API router (a write refused during a storage fault) still answers JSON.
  if (req.path.startsWith('/api/')) return res.status(appError.status).json(apiErrorBody(appError));
  const page = csrf
    ? {
        heading: 'Your form has expired',
        paragraphs: ['For your security, forms expire. Go back, reload the page and try again.'],
      }
    : appError.status === 403
      ? forbiddenPage(appError, req.user?.role)
      : (PAGES[appError.status] ?? { heading: appError.message, paragraphs: [] });
  // A way back: the page the person came from on this site, else the overview.
  const referer = req.get('referer');
  const back =
    referer && sameSite(referer, req) && !referer.endsWith(req.originalUrl)
      ? new URL(referer).pathname + new URL(referer).search
      : '/';
  res
    .status(appError.status)
    .render('pages/error.njk', { title: page.heading, status: appError.status, ...page, back, user: req.user });
};

/** Say which role would be allowed and what the person has, so they know whom to ask. */
function forbiddenPage(
  err: AppError,
  role: keyof typeof ROLE_LABELS | undefined,
): { heading: string; paragraphs: string[] } {
  const needed = err instanceof ForbiddenError ? err.neededRole : undefined;
  const paragraphs: string[] = [];
  if (err.message && err.message !== 'You do not have permission to do that')
    paragraphs.push(`${err.message}.`.replace(/\.\.$/, '.'));
  if (needed) {
    const what =
      needed === 'contributor'
        ? 'the contributor role (or to own the action)'
        : `the ${ROLE_LABELS[needed].split(' (')[0].toLowerCase()} role`;
    paragraphs.push(
      `This needs ${what}.${role ? ` You are signed in as ${ROLE_LABELS[role].split(' (')[0].toLowerCase()}.` : ''}`,
    );
  }
  paragraphs.push('Ask your Waymark administrator if you need access.');
  return { heading: 'You do not have permission to see this page', paragraphs };
}

function sameSite(referer: string, req: { protocol: string; get(name: string): string | undefined }): boolean {
  try {
    return new URL(referer).host === req.get('host');
  } catch {
    return false;
  }
}
