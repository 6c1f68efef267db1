import { AppError, type ErrorDetail } from '../errors.js';

/** What a form shows when its service refuses the input: the status to answer with and a message per field. */
export interface FormFailure {
  status: 400 | 403 | 409;
  details: ErrorDetail[];
}

export interface FailureOptions {
  /** The field a message without its own field is shown against (a stale edit, a refusal without details). */
  field: string;
  /**
   * Show a refusal by role (403) on the form rather than the "you do not have permission" page: against
   * `field` when true, or against the field named here (the refusal may concern another field than a stale edit).
   */
  forbiddenOnForm?: boolean | string;
  /** 'keep': a 409 whose service named the field that went stale keeps its own details rather than `field` (never the hidden `version`). */
  conflictDetails?: 'keep';
  /** Keep each detail's path as the service named it, where a `.N` ending is part of a key (a standard "1.1"), not a list index. */
  keepPaths?: boolean;
}

/**
 * The one translation from a service's error to a form's error summary, used by every form:
 * 422 or 400 with details name their fields (a list index like `items.2` points at the list's field);
 * 409, a stale edit, is said against `field`; anything else (a 404, a 500) is thrown on to the error pages.
 */
export function formFailure(err: unknown, opts: FailureOptions): FormFailure {
  if (!(err instanceof AppError)) throw err;
  const own = (path: string) => [{ path, message: err.message }];
  if (err.status === 409) {
    // The version worked on is a hidden input, never a field someone can correct: a stale edit is said in
    // the service's plain words against `field`; other fields a service names (a sample already drawn) stay.
    const named = err.details.filter((d) => d.path !== 'version');
    return { status: 409, details: opts.conflictDetails === 'keep' && named.length ? named : own(opts.field) };
  }
  if (err.status === 422 || err.status === 400) {
    const path = (p: string) => (opts.keepPaths ? p : p.replace(/\.\d+$/, ''));
    const details = err.details.length ? err.details.map((d) => ({ ...d, path: path(d.path) })) : own(opts.field);
    return { status: 400, details };
  }
  if (err.status === 403 && opts.forbiddenOnForm) {
    return { status: 403, details: own(typeof opts.forbiddenOnForm === 'string' ? opts.forbiddenOnForm : opts.field) };
  }
  throw err;
}
