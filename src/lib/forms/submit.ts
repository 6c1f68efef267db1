import type { Request, Response } from 'express';
import type { ErrorDetail } from '../errors.js';
import { toFormErrors, type FormErrors, type ParseResult } from '../validation.js';
import { formFailure, type FailureOptions } from './failure.js';

export interface FormSubmission<T, R> {
  /** Read the body: dates put together, the schema applied. */
  parse: () => ParseResult<T>;
  /** Run the service; it refuses with an AppError whose details name the fields. */
  save: (data: T) => Promise<R>;
  /** Where to go, and what to say, once saved (post/redirect/get). */
  done: (saved: R) => { flash: string; redirect: string };
  /** Show the form again with what was typed and the GOV.UK error summary. */
  render: (status: number, errors: FormErrors) => unknown;
  failure: FailureOptions;
  /** How details become the summary and field messages (date fields link to their day box). */
  toErrors?: (details: ErrorDetail[]) => FormErrors;
}

/**
 * The one path every web form takes: parse → service → flash and redirect, or re-render with the
 * error summary and nothing saved (400, 409 for a stale edit). Routes only say which schema, which
 * service call and which page.
 */
export async function submitForm<T, R>(req: Request, res: Response, form: FormSubmission<T, R>): Promise<unknown> {
  const parsed = form.parse();
  if (!parsed.ok) return form.render(400, parsed.errors);
  let saved: R;
  try {
    saved = await form.save(parsed.data);
  } catch (err) {
    const { status, details } = formFailure(err, form.failure);
    return form.render(status, (form.toErrors ?? toFormErrors)(details));
  }
  const { flash, redirect } = form.done(saved);
  req.session.flash = { text: flash };
  res.redirect(redirect);
}
