import { AppError, type ErrorDetail } from '../errors.js';

/** What a form shows when its service refuses the input: the status to answer with and a message per field. */
export interface FormFailure {
  status: 400 | 403 | 409;
  details: ErrorDetail[];
}

export interface FailureOptions {
  /** The field a message without its own field is shown against (a stale edit, a refusal without details). */
  field: string;
  /** Show a refusal by role on the form (403) rather than the "you do not have permission" page. */
  forbiddenOnForm?: boolean;
}

/**
 * The one translation from a service's error to a form's error summary, used by every form:
 * 422 or 400 with details name their fields (a list index like `items.2` points at the list's field);
 * 409, a stale edit, is said against `field`; anything else (a 404, a 500) is thrown on to the error pages.
 */
export function formFailure(err: unknown, opts: FailureOptions): FormFailure {
  if (!(err instanceof AppError)) throw err;
  const own = [{ path: opts.field, message: err.message }];
  if (err.status === 409) return { status: 409, details: own };
  if (err.status === 422 || err.status === 400) {
    const details = err.details.length ? err.details.map((d) => ({ ...d, path: d.path.replace(/\.\d+$/, '') })) : own;
    return { status: 400, details };
  }
  if (err.status === 403 && opts.forbiddenOnForm) return { status: 403, details: own };
  throw err;
}
