import { formatGovukDate } from './dates.js';
import { FRAMEWORK_VERSIONS, GRADE_LABELS, type Grade } from './frameworks.js';
import { inspectionTypeName } from './labels.js';

/**
 * A record's history in words: field names as labels ("Owner", not "ownerId"), ids as the names of
 * what they point to, keys as words ("In progress", not "in-progress"), judgements as "Leaders: Good"
 * rather than JSON. Pure: the names of ids are looked up by the caller and passed in.
 */

const FIELD_NAMES: Record<string, string> = {
  typeKey: 'Type',
  frameworkVersionKey: 'Framework',
  ownerRag: 'Owner’s RAG',
  evidenceRag: 'Evidence RAG',
  ownerRagReason: 'Owner’s reason',
  originalDueDate: 'Original due date',
  agreedDueDate: 'Date the RAG counts from',
  laCode: 'Local authority code',
  gssCode: 'GSS code',
};

/** 'dueDate' → 'Due date'; 'ownerId' → 'Owner'; 'findingIds' → 'Findings'. */
export function fieldName(name: string): string {
  if (FIELD_NAMES[name]) return FIELD_NAMES[name];
  const bare = name.replace(/Ids$/, 's').replace(/Id$/, '');
  const words = bare.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const AREA_LABELS = new Map(FRAMEWORK_VERSIONS.flatMap((v) => v.areas.map((a) => [a.key, a.label] as const)));
const FRAMEWORK_LABELS = new Map(FRAMEWORK_VERSIONS.map((v) => [v.key, v.label]));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/** 'in-progress' → 'In progress'. */
function keyWords(key: string): string {
  const words = key.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every id a value holds, for the caller to look up names. */
export function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return UUID.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  return [];
}

/** One value in words. `names` maps ids to what people call the record. */
export function valueWords(field: string, value: unknown, names: ReadonlyMap<string, string> = new Map()): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'typeKey' && typeof value === 'string') return inspectionTypeName(value);
  if (field === 'frameworkVersionKey' && typeof value === 'string')
    return FRAMEWORK_LABELS.get(value) ?? keyWords(value);
  if (field === 'judgements' && typeof value === 'object' && !Array.isArray(value)) {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([area, grade]) => `${AREA_LABELS.get(area) ?? keyWords(area)}: ${GRADE_LABELS[grade as Grade] ?? String(grade)}`,
    );
    return parts.length ? parts.join('; ') : '(none)';
  }
  if (typeof value === 'string') {
    if (UUID.test(value)) return names.get(value) ?? '(a record that has since been removed)';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatGovukDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatGovukDate(value.slice(0, 10));
    if (value in GRADE_LABELS) return GRADE_LABELS[value as Grade];
    if (KEY.test(value)) return keyWords(value);
    return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => valueWords(field, v, names)).join(', ') : '(none)';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldName(k)}: ${valueWords(k, v, names)}`)
      .join('; ');
  }
  return String(value);
}
