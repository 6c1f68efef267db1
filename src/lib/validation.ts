import { z } from 'zod';
import { parseNumberText, parseWholeNumberText } from './numbers.js';
import { parseDateValue } from './plan-values.js';
import { ValidationError, type ErrorDetail } from './errors.js';

/** The GOV.UK error summary and per-field messages, built from the same details. */
export interface FormErrors {
  list: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
}

export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || 'body';
    if (seen.has(path)) continue;
    seen.add(path);
    details.push({ path, message: issue.message });
  }
  return details;
}

export function toFormErrors(details: ErrorDetail[]): FormErrors {
  return {
    list: details.map((d) => ({ text: d.message, href: `#${d.path.replace(/\./g, '-')}` })),
    fields: Object.fromEntries(details.map((d) => [d.path, { text: d.message }])),
  };
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; details: ErrorDetail[] };

export function parseForm<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const details = issuesToDetails(result.error.issues);
  return { ok: false, errors: toFormErrors(details), details };
}

/** For the API: parse or throw a 422 naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, status = 422): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(issuesToDetails(result.error.issues), 'There is a problem with the data sent', status);
}

/** "Title" from "title": labels are written as they read mid-sentence, and start a message capitalised. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Required text, trimmed: "Enter a title" when empty, "A title must be 200 characters or fewer" when long. */
export const requiredText = (label: string, max = 2000) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`);

/**
 * A number field as people type it ("16.2", "16.2%", "1,234"), through the one parser in
 * src/lib/numbers.ts: an ambiguous decimal comma ("16,2") is refused with a message naming the field.
 * Accepts a JSON number too, so the API and the forms share it. Empty → null, or "Enter …" when required.
 */
export function numberField(label: string, opts: { required?: boolean; whole?: boolean } = {}) {
  return z
    .union([z.string(), z.number(), z.null()], { error: `${label} must be a number` })
    .optional()
    .transform((v, ctx): number | null => {
      const parsed = (opts.whole ? parseWholeNumberText : parseNumberText)(v, label);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      if (parsed.value === null && opts.required) {
        ctx.addIssue({ code: 'custom', message: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` });
        return z.NEVER;
      }
      return parsed.value;
    });
}

/**
 * A date typed in GOV.UK day, month and year boxes (put together as 'YYYY-MM-DD' by
 * src/middleware/date-inputs.ts) or sent as text. "Enter the …" when empty and required; "… must be a
 * real date" otherwise, in the words of the GOV.UK date input pattern.
 */
export function dateField(label: string, opts: { required?: boolean } = { required: true }) {
  return z
    .union([z.string(), z.null()])
    .optional()
    .transform((v, ctx): string | null => {
      const text = (v ?? '').trim();
      if (!text) {
        if (opts.required === false) return null;
        ctx.addIssue({ code: 'custom', message: `Enter the ${label.toLowerCase()}` });
        return z.NEVER;
      }
      const parsed = parseDateValue(text);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date` });
        return z.NEVER;
      }
      return parsed;
    });
}

/**
 * The version an edit was based on, required on every update so a change can never silently
 * overwrite someone else's (a stale one is then a 409). Forms send it as text, the API as a number.
 * `least` is 0 where a form may create the record it edits (0: there was none).
 */
export function requireVersion(value: unknown, least = 1): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,9}$/.test(value.trim())
        ? Number(value)
        : NaN;
  if (!Number.isInteger(n) || n < least) {
    throw new ValidationError(
      [{ path: 'version', message: 'Send the version of the record you edited (a whole number, as read with it)' }],
      'The version of the record you edited is missing',
    );
  }
  return n;
}
