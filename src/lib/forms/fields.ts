import type { z } from 'zod';
import { parseForm, toFormErrors, type FormErrors, type ParseResult } from '../validation.js';
import type { ErrorDetail } from '../errors.js';

/**
 * A small form builder so every form built from definitions is the same GOV.UK markup: the definitions name each
 * field once and produce the parameters for govukInput / govukTextarea / govukDateInput / govukSelect /
 * govukRadios, filled from a record (ISO dates) or from a re-submitted body (day/month/year parts).
 */
export interface FieldDef {
  kind: 'input' | 'textarea' | 'date' | 'select' | 'radios' | 'checkboxes' | 'hidden';
  name: string;
  label: string;
  hint?: string;
  /** Items with a `group` are shown under headings (<optgroup>) in a select. */
  items?: { value: string; text: string; group?: string }[];
  rows?: number;
  width?: string;
  inputmode?: string;
}

export interface Field {
  kind: FieldDef['kind'];
  name: string;
  value?: string;
  params: Record<string, unknown>;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function buildForm(defs: FieldDef[], values: Record<string, unknown>, errors?: FormErrors): Field[] {
  return defs.map((d) => {
    const errorMessage = errors?.fields[d.name];
    const common = {
      id: d.name,
      name: d.name,
      label: { text: d.label },
      hint: d.hint ? { text: d.hint } : undefined,
      errorMessage,
    };
    // Radios and checkboxes: a fieldset with a legend in place of the label, each item checked or not.
    const choices = (checked: (value: string) => boolean) => ({
      idPrefix: d.name,
      name: d.name,
      fieldset: { legend: { text: d.label, classes: 'govuk-fieldset__legend--s' } },
      hint: common.hint,
      errorMessage,
      items: (d.items ?? []).map((i) => ({ ...i, checked: checked(i.value) })),
    });
    switch (d.kind) {
      case 'hidden':
        return { kind: d.kind, name: d.name, value: str(values[d.name]), params: {} };
      case 'input':
        return {
          kind: d.kind,
          name: d.name,
          params: {
            ...common,
            value: str(values[d.name]),
            classes: d.width,
            inputmode: d.inputmode,
            spellcheck: false,
          },
        };
      case 'textarea':
        return { kind: d.kind, name: d.name, params: { ...common, value: str(values[d.name]), rows: d.rows ?? 5 } };
      case 'select': {
        const items = (d.items ?? []).map((i) => ({ ...i, selected: i.value === str(values[d.name]) }));
        const groups = items.some((i) => i.group)
          ? [...new Set(items.map((i) => i.group ?? ''))].map((name) => ({
              name,
              items: items.filter((i) => (i.group ?? '') === name),
            }))
          : undefined;
        return {
          kind: d.kind,
          name: d.name,
          params: { ...common, items: [{ value: '', text: 'Select…' }, ...items], groups },
        };
      }
      case 'radios':
        return {
          kind: d.kind,
          name: d.name,
          params: choices((value) => value === str(values[d.name])),
        };
      case 'checkboxes': {
        const raw = values[d.name];
        const chosen = new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map(String));
        return {
          kind: d.kind,
          name: d.name,
          params: { ...choices((value) => chosen.has(value)), classes: 'govuk-checkboxes--small' },
        };
      }
      case 'date': {
        let [year, month, day] = ['', '', ''];
        if (
          values[`${d.name}-day`] !== undefined ||
          values[`${d.name}-month`] !== undefined ||
          values[`${d.name}-year`] !== undefined
        ) {
          [day, month, year] = [
            str(values[`${d.name}-day`]),
            str(values[`${d.name}-month`]),
            str(values[`${d.name}-year`]),
          ];
        } else if (/^\d{4}-\d{2}-\d{2}$/.test(str(values[d.name]))) {
          [year, month, day] = str(values[d.name])
            .split('-')
            .map((p) => String(Number(p)));
        }
        const cls = (w: string) => `govuk-input--width-${w}${errorMessage ? ' govuk-input--error' : ''}`;
        return {
          kind: d.kind,
          name: d.name,
          params: {
            id: d.name,
            namePrefix: d.name,
            fieldset: { legend: { text: d.label, classes: 'govuk-fieldset__legend--s' } },
            hint: { text: d.hint ?? 'For example, 27 3 2025' },
            errorMessage,
            items: [
              { name: 'day', label: 'Day', value: day, classes: cls('2') },
              { name: 'month', label: 'Month', value: month, classes: cls('2') },
              { name: 'year', label: 'Year', value: year, classes: cls('4') },
            ],
          },
        };
      }
    }
  });
}

/** Put day/month/year parts together as 'YYYY-MM-DD' (or '' when all are blank) so the shared schema checks them. */
export function composeDates(body: Record<string, unknown>, defs: FieldDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const d of defs) {
    if (d.kind !== 'date') continue;
    const [day, month, year] = ['day', 'month', 'year'].map((p) => str(body[`${d.name}-${p}`]).trim());
    if (!day && !month && !year) out[d.name] = '';
    else out[d.name] = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return out;
}

/** Date messages in the words of the GOV.UK date pattern, linking to the day box. */
export function dateAwareErrors(details: ErrorDetail[], defs: FieldDef[], body: Record<string, unknown>): FormErrors {
  const dates = new Map(defs.filter((d) => d.kind === 'date').map((d) => [d.name, d]));
  const rewritten = details.map((e) => {
    const d = dates.get(e.path);
    if (!d || !/format YYYY-MM-DD|real date/.test(e.message)) return e;
    const blank = ['day', 'month', 'year'].every((p) => !str(body[`${d.name}-${p}`]).trim());
    return {
      path: e.path,
      message: blank ? `Enter the ${d.label.toLowerCase()}` : `${d.label} must be a real date, like 27 3 2025`,
    };
  });
  const errors = toFormErrors(rewritten);
  errors.list = errors.list.map((l) => (dates.has(l.href.slice(1)) ? { ...l, href: `${l.href}-day` } : l));
  return errors;
}

export function parseWebForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  defs: FieldDef[],
  extra: Record<string, unknown> = {},
): ParseResult<z.infer<S>> & { input: Record<string, unknown> } {
  const raw = (body ?? {}) as Record<string, unknown>;
  const input = { ...composeDates(raw, defs), ...extra };
  const parsed = parseForm(schema, input);
  if (parsed.ok) return { ...parsed, input };
  return { ok: false, errors: dateAwareErrors(parsed.details, defs, raw), details: parsed.details, input };
}

export function errorsFor(details: ErrorDetail[], defs: FieldDef[], body: Record<string, unknown>): FormErrors {
  return dateAwareErrors(details, defs, body);
}
