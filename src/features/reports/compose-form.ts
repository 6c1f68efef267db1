import { z } from 'zod';
import {
  FORMAT_LABELS,
  REPORT_FORMATS,
  REPORT_TYPES,
  REPORT_TYPE_HINTS,
  REPORT_TYPE_LABELS,
  SECTION_HINTS,
  SECTION_KEYS,
  SECTION_LABELS,
} from './content.js';

/** The "create a report" form: its two steps' schemas and the GOV.UK radio and checkbox items. */

export const toArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const composeSchema = z.object({
  type: z.enum(REPORT_TYPES, { error: 'Select a report type' }),
  planId: z.string().min(1, 'Select a plan'),
  sections: z.preprocess(
    toArray,
    z
      .array(z.enum(SECTION_KEYS, { error: 'Select sections from the list' }))
      .min(1, 'Select at least one section to include'),
  ),
  format: z.enum(REPORT_FORMATS, { error: 'Select a format' }),
  bodyId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  meetingId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  action: z.enum(['preview', 'download', 'issue'], { error: 'Choose preview, download or issue' }),
  // Issuing freezes the report for good, so it is confirmed on a page of its own first.
  confirm: z.literal('yes').optional(),
});

export const chooseSchema = z.object({
  type: z.enum(REPORT_TYPES, { error: 'Select a report type' }),
  planId: z.string({ error: 'Select a plan' }).min(1, 'Select a plan'),
});

export const typeItems = (selected?: string) =>
  REPORT_TYPES.map((t) => ({
    value: t,
    text: REPORT_TYPE_LABELS[t],
    hint: { text: REPORT_TYPE_HINTS[t] },
    checked: t === selected,
  }));

export const formatItems = (selected: string | undefined, pdfAvailable: boolean) =>
  REPORT_FORMATS.map((f) => ({
    value: f,
    text: FORMAT_LABELS[f],
    checked: f === selected,
    disabled: f === 'pdf' && !pdfAvailable,
    hint:
      f === 'pdf' && !pdfAvailable ? { text: 'Not available: Chromium is not installed on this server' } : undefined,
  }));

export const sectionItems = (chosen: string[]) =>
  SECTION_KEYS.map((k) => ({
    value: k,
    text: SECTION_LABELS[k],
    hint: { text: SECTION_HINTS[k] },
    checked: chosen.includes(k),
  }));
