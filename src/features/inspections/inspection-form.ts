import { toFormErrors, type ParseResult } from '../../lib/validation.js';
import { isIsoDate, todayInLondon } from '../../lib/dates.js';
import {
  FRAMEWORK_VERSIONS,
  GRADES,
  GRADE_LABELS,
  INSPECTION_TYPES,
  frameworkFor,
  inspectionType,
} from '../../lib/frameworks.js';
import { formDate } from './helpers.js';
import { validateInspection, type InspectionInput, type InspectionRow } from './service.js';

/** The inspection form: reading what was typed, and the type radios and judgement selects it shows. */

function inputFromForm(body: Record<string, unknown>): InspectionInput {
  const judgements = (typeof body.judgements === 'object' && body.judgements ? body.judgements : {}) as Record<
    string,
    string
  >;
  return {
    type: String(body.type ?? ''),
    startDate: formDate(body.startDate) ?? '',
    endDate: formDate(body.endDate),
    publishedDate: formDate(body.publishedDate),
    receivedDate: formDate(body.receivedDate),
    reportUrl: String(body.reportUrl ?? '').trim() || null,
    priorityActions: body.priorityActions === 'yes',
    judgements: Object.fromEntries(Object.entries(judgements).filter(([, g]) => g)),
    notes: String(body.notes ?? '').trim() || null,
  };
}

/** Only the judgement fields of the framework version the form was showing are kept. */
function pickCurrentJudgements(body: Record<string, unknown>): Record<string, string> {
  const all = (body?.judgements ?? {}) as Record<string, unknown>;
  const type = inspectionType(String(body?.type ?? ''));
  const start = formDate(body?.startDate);
  if (!type || !start || !isIsoDate(start)) return {};
  const version = frameworkFor(type.key, start)!;
  const section = (all[version.key] ?? {}) as Record<string, string>;
  return Object.fromEntries(Object.entries(section).filter(([, g]) => typeof g === 'string' && g));
}

/** The posted form as the service's input, and the values to show again (judgements of the shown version only). */
export function readInspectionForm(body: Record<string, unknown>) {
  const input = inputFromForm(body);
  const values = { ...body, judgements: pickCurrentJudgements(body) };
  input.judgements = values.judgements;
  return { input, values };
}

/** The service's own checks, as a form parse: each problem linked to its field. */
export function checkInspection(input: InspectionInput): ParseResult<InspectionInput> {
  const { details } = validateInspection(input);
  return details.length ? { ok: false, errors: toFormErrors(details), details } : { ok: true, data: input };
}

export const typeItems = (selected?: string) =>
  INSPECTION_TYPES.map((t) => ({ value: t.key, text: t.label, checked: t.key === selected }));

/** Judgement fields for every framework version the form might need, so the form works without JavaScript. */
export function judgementSections(values: { type?: string; startDate?: string; judgements?: Record<string, string> }) {
  const type = inspectionType(values.type ?? '') ?? INSPECTION_TYPES[0];
  const version = frameworkFor(
    type.key,
    values.startDate && isIsoDate(values.startDate) ? values.startDate : todayInLondon(),
  );
  const versionKey = version?.key;
  return FRAMEWORK_VERSIONS.filter((v) => v.areas.length && v.family !== 'jtai').map((v) => ({
    key: v.key,
    label: v.label,
    current: v.key === versionKey,
    areas: v.areas.map((a) => ({
      key: a.key,
      label: a.label,
      parent: a.parent,
      items: [
        { value: '', text: 'Not judged (or not yet known)' },
        ...GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g] })),
      ].map((i) => ({
        ...i,
        selected: v.key === versionKey && (values.judgements?.[a.key] ?? '') === i.value,
      })),
    })),
  }));
}

export function inspectionAreas(inspection: InspectionRow) {
  return FRAMEWORK_VERSIONS.find((v) => v.key === inspection.frameworkVersionKey)?.areas ?? [];
}
