import type { z } from 'zod';
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

/**
 * The version an edit was based on, required on every update so a change can never silently
 * overwrite someone else's (a stale one is then a 409). Forms send it as text, the API as a number.
 * `least` is 0 where a form may create the record it edits (0: there was none).
 */
export function requireVersion(value: unknown, least = 1): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < least) {
    throw new ValidationError([{ path: 'version', message: 'Send the version of the record you edited (a whole number, as read with it)' }], 'The version of the record you edited is missing');
  }
  return n;
}
