import type { Request, Response } from 'express';
import { isIsoDate } from '../../lib/dates.js';
import type { ErrorDetail } from '../../lib/errors.js';
import { formFailure } from '../../lib/forms/failure.js';
import { toFormErrors, type FormErrors } from '../../lib/validation.js';

/** GOV.UK date inputs: a field's error links to its first box. */
const FIRST_BOX: Record<string, string> = {
  period: 'period-month',
  dueDate: 'dueDate-day',
  auditedOn: 'auditedOn-day',
  moderatedOn: 'moderatedOn-day',
};

export function formErrors(details: ErrorDetail[]): FormErrors {
  const errors = toFormErrors(details.map((d) => ({ ...d, path: d.path.replace(/^moderation\./, '') })));
  errors.list = errors.list.map((e) => {
    const id = e.href.slice(1);
    return { ...e, href: `#${FIRST_BOX[id] ?? id}` };
  });
  return errors;
}

/**
 * Where the service named the fields itself, they stay as named: here a 409 says which field went stale
 * (the version worked on, the sample already drawn), and a standard's key may be "1.1", no list index.
 */
export const SERVICE_NAMED = { conflictDetails: 'keep', keepPaths: true } as const;

/** A form page drawn again with what was typed and the errors (or first shown, with none). */
export type FormPage = (
  req: Request,
  res: Response,
  status: number,
  values: Record<string, unknown>,
  errors?: FormErrors,
) => Promise<unknown> | unknown;

/** The posted form's fields. */
export const formBody = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

/**
 * Save, or show the form again with the service's refusal against its fields: the POST half of every
 * case audit form. `field` takes a message that names no field; `renamed` moves a service's name for a
 * field to its box's name on the page; `values` are what the page shows again (the body by default).
 */
export async function saveOrShow(
  req: Request,
  res: Response,
  page: FormPage,
  field: string,
  save: () => Promise<unknown>,
  opts: { values?: Record<string, unknown>; renamed?: Record<string, string> } = {},
): Promise<void> {
  try {
    await save();
  } catch (err) {
    const f = formFailure(err, { field, ...SERVICE_NAMED });
    const details = f.details.map((d) => ({ ...d, path: opts.renamed?.[d.path] ?? d.path }));
    await page(req, res, f.status, opts.values ?? formBody(req), formErrors(details));
  }
}

const part = (body: Record<string, unknown>, name: string) => String(body[name] ?? '').trim();

/** A month from GOV.UK month and year boxes: 'YYYY-MM', or an error message. */
export function monthFromForm(
  body: Record<string, unknown>,
  name: string,
  label: string,
): { value?: string; error?: string } {
  const m = part(body, `${name}-month`);
  const y = part(body, `${name}-year`);
  if (!m && !y) return { error: `Enter ${label}` };
  if (!/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y) || Number(m) < 1 || Number(m) > 12)
    return { error: `${label[0].toUpperCase()}${label.slice(1)} must be a real month, like 3 2027` };
  return { value: `${y}-${m.padStart(2, '0')}` };
}

/** A date from GOV.UK day, month and year boxes: 'YYYY-MM-DD', null when all are empty, or an error. */
export function dateFromForm(
  body: Record<string, unknown>,
  name: string,
  label: string,
): { value?: string | null; error?: string } {
  const d = part(body, `${name}-day`);
  const m = part(body, `${name}-month`);
  const y = part(body, `${name}-year`);
  if (!d && !m && !y) return { value: null };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y) || !isIsoDate(iso))
    return { error: `${label} must be a real date, like 31 3 2027` };
  return { value: iso };
}

/** Day, month and year items for a GOV.UK date input, filled from an ISO date or what was typed. */
export function dateItems(name: string, body: Record<string, unknown>, iso: string | null | undefined, error: boolean) {
  const [y, m, d] = iso ? iso.split('-') : ['', '', ''];
  const cls = error ? ' govuk-input--error' : '';
  return [
    { name: 'day', classes: `govuk-input--width-2${cls}`, value: body[`${name}-day`] ?? (d ? String(Number(d)) : '') },
    {
      name: 'month',
      classes: `govuk-input--width-2${cls}`,
      value: body[`${name}-month`] ?? (m ? String(Number(m)) : ''),
    },
    { name: 'year', classes: `govuk-input--width-4${cls}`, value: body[`${name}-year`] ?? y },
  ];
}

export function monthItems(
  name: string,
  body: Record<string, unknown>,
  period: string | null | undefined,
  error: boolean,
) {
  const [y, m] = period ? period.split('-') : ['', ''];
  const cls = error ? ' govuk-input--error' : '';
  return [
    {
      name: 'month',
      classes: `govuk-input--width-2${cls}`,
      value: body[`${name}-month`] ?? (m ? String(Number(m)) : ''),
    },
    { name: 'year', classes: `govuk-input--width-4${cls}`, value: body[`${name}-year`] ?? y },
  ];
}

/** A checkbox group or a single value, as a list. */
export function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return v === undefined || v === null || v === '' ? [] : [String(v)];
}
