import { inspectionName } from '../../lib/labels.js';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ErrorDetail } from '../../lib/errors.js';
import { BadRequestError, ValidationError } from '../../lib/errors.js';
import { parsePastedFindings } from '../../lib/paste-findings.js';
import { isIsoDate, todayInLondon } from '../../lib/dates.js';
import {
  FINDING_KINDS,
  GRADE_LABELS,
  areaLabel,
  checkJudgements,
  frameworkFor,
  frameworkVersion,
  inspectionType,
  judgedAreas,
  type FindingKind,
  type Grade,
} from '../../lib/frameworks.js';
import { inspectionDeadlines } from '../../lib/inspection-deadlines.js';
import { deadlineStatus, type DeadlineStatus, type HolidaySet } from '../../lib/working-days.js';
import { deleteAudited, getOwned, insertAudited, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import type { FindingsTable, InspectionsTable } from './tables.js';

export type InspectionRow = Selectable<InspectionsTable>;
export type FindingRow = Selectable<FindingsTable>;

export interface InspectionInput {
  type: string;
  frameworkVersion?: string | null;
  startDate: string;
  endDate?: string | null;
  publishedDate?: string | null;
  receivedDate?: string | null;
  reportUrl?: string | null;
  priorityActions?: boolean;
  judgements?: Record<string, string>;
  notes?: string | null;
}

export interface NormalisedInspection {
  typeKey: string;
  frameworkVersionKey: string;
  startDate: string;
  endDate: string | null;
  publishedDate: string | null;
  receivedDate: string | null;
  reportUrl: string | null;
  priorityActions: boolean;
  judgements: Record<string, Grade>;
  notes: string | null;
}

/** Every rule about an inspection's fields, with a message naming the field. Empty details: valid. */
export function validateInspection(input: InspectionInput): { details: ErrorDetail[]; value?: NormalisedInspection } {
  const details: ErrorDetail[] = [];
  const type = inspectionType(input.type);
  if (!type)
    details.push({
      path: 'type',
      message: input.type
        ? `Type “${input.type}” is not an inspection type Waymark knows`
        : 'Select the type of inspection',
    });
  const dates = ['startDate', 'endDate', 'publishedDate', 'receivedDate'] as const;
  const labels = {
    startDate: 'Start date',
    endDate: 'End date',
    publishedDate: 'Publication date',
    receivedDate: 'Date the final report was received',
  };
  for (const key of dates) {
    const v = input[key];
    if (key === 'startDate' && !v) details.push({ path: key, message: 'Enter the date the inspection started' });
    else if (v && !isIsoDate(v)) details.push({ path: key, message: `${labels[key]} must be a real date` });
  }
  const ok = (k: (typeof dates)[number]) =>
    Boolean(input[k]) && isIsoDate(input[k]!) && !details.some((d) => d.path === k);
  if (ok('startDate') && ok('endDate') && input.endDate! < input.startDate)
    details.push({ path: 'endDate', message: 'End date must be the same as or after the start date' });
  const lastDay = ok('endDate') ? input.endDate! : ok('startDate') ? input.startDate : null;
  if (lastDay && ok('publishedDate') && input.publishedDate! < lastDay)
    details.push({
      path: 'publishedDate',
      message: 'Publication date must be on or after the last day of the inspection',
    });
  if (lastDay && ok('receivedDate') && input.receivedDate! < lastDay)
    details.push({ path: 'receivedDate', message: 'The report cannot be received before the inspection ended' });
  if (input.reportUrl && !/^https?:\/\/\S+$/.test(input.reportUrl))
    details.push({ path: 'reportUrl', message: 'Report link must be a web address starting with https://' });

  let versionKey: string | undefined;
  if (type && ok('startDate')) {
    if (input.frameworkVersion) {
      const v = frameworkVersion(input.frameworkVersion);
      if (!v || !type.families.includes(v.family))
        details.push({
          path: 'frameworkVersion',
          message: `Framework version “${input.frameworkVersion}” does not apply to a ${type.label.toLowerCase()}`,
        });
      else versionKey = v.key;
    } else versionKey = frameworkFor(type.key, input.startDate)!.key;
  }
  const judgements = Object.fromEntries(
    Object.entries(input.judgements ?? {}).filter(([, g]) => g !== '' && g !== null && g !== undefined),
  );
  if (type && versionKey) {
    for (const p of checkJudgements(type.key, versionKey, judgements))
      details.push({ path: `judgements.${p.area}`, message: p.message });
  }
  if (details.length || !type || !versionKey) return { details };
  return {
    details,
    value: {
      typeKey: type.key,
      frameworkVersionKey: versionKey,
      startDate: input.startDate,
      endDate: input.endDate || null,
      publishedDate: input.publishedDate || null,
      receivedDate: input.receivedDate || null,
      reportUrl: input.reportUrl || null,
      priorityActions: type.priorityActionDraftWorkingDays !== null ? Boolean(input.priorityActions) : false,
      judgements: judgements as Record<string, Grade>,
      notes: input.notes || null,
    },
  };
}

function toRow(v: NormalisedInspection) {
  return { ...v, judgements: JSON.stringify(v.judgements) };
}

export async function createInspection(
  db: Executor,
  actor: Actor,
  input: InspectionInput,
  source: 'manual' | 'report-import' | 'national-import' | 'demo' = 'manual',
  status = 422,
) {
  const { details, value } = validateInspection(input);
  if (!value) throw new ValidationError(details, 'There is a problem with the inspection', status);
  return insertAudited(db, actor, 'inspections', { ...toRow(value), source });
}

export async function updateInspection(
  db: Executor,
  actor: Actor,
  id: string,
  input: InspectionInput,
  expectedVersion?: number,
  status = 422,
) {
  const { details, value } = validateInspection(input);
  if (!value) throw new ValidationError(details, 'There is a problem with the inspection', status);
  return updateAudited(db, actor, 'inspections', id, toRow(value), expectedVersion);
}

export async function listInspections(db: Kysely<Database>, organisationId: string): Promise<InspectionRow[]> {
  return db
    .selectFrom('inspections')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('startDate', 'desc')
    .execute();
}

export async function listFindings(db: Executor, organisationId: string, inspectionId: string): Promise<FindingRow[]> {
  return db
    .selectFrom('findings')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('inspectionId', '=', inspectionId)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
}

export interface FindingInput {
  kind: string;
  text: string;
  area?: string | null;
  reference?: string | null;
  /** National framework reference printed after an item since 2025 ("Outcome three"). */
  frameworkReference?: string | null;
}

export function validateFinding(
  inspection: Pick<InspectionRow, 'frameworkVersionKey'>,
  input: FindingInput,
  prefix = '',
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (!(FINDING_KINDS as readonly string[]).includes(input.kind))
    details.push({ path: `${prefix}kind`, message: `Kind must be one of ${FINDING_KINDS.join(', ')}` });
  const text = (input.text ?? '').trim();
  if (!text) details.push({ path: `${prefix}text`, message: 'Enter the text of the finding' });
  else if (text.length > 2000)
    details.push({ path: `${prefix}text`, message: 'Finding must be 2000 characters or fewer' });
  if (input.area) {
    const v = frameworkVersion(inspection.frameworkVersionKey);
    if (!v?.areas.some((a) => a.key === input.area))
      details.push({
        path: `${prefix}area`,
        message: `Judgement area “${input.area}” is not one of ${v?.areas.map((a) => a.key).join(', ') || 'this framework’s areas'}`,
      });
  }
  if (input.reference && input.reference.length > 20)
    details.push({ path: `${prefix}reference`, message: 'Reference must be 20 characters or fewer, like R1' });
  if (input.frameworkReference && input.frameworkReference.length > 100)
    details.push({
      path: `${prefix}frameworkReference`,
      message: 'National framework reference must be 100 characters or fewer, like Outcome three',
    });
  return details;
}

/** Add findings at the end of the inspection's list, all or nothing. */
export async function addFindings(
  db: Executor,
  actor: Actor,
  inspection: InspectionRow,
  inputs: FindingInput[],
  status = 422,
): Promise<FindingRow[]> {
  const details = inputs.flatMap((f, i) => validateFinding(inspection, f, inputs.length > 1 ? `findings.${i}.` : ''));
  if (details.length) throw new ValidationError(details, 'There is a problem with the findings', status);
  const last = await db
    .selectFrom('findings')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('organisationId', '=', actor.organisationId)
    .where('inspectionId', '=', inspection.id)
    .executeTakeFirst();
  let position = Number(last?.max ?? 0);
  const created: FindingRow[] = [];
  for (const f of inputs) {
    created.push(
      await insertAudited(db, actor, 'findings', {
        inspectionId: inspection.id,
        kind: f.kind as FindingKind,
        text: f.text.trim(),
        areaKey: f.area || null,
        reference: f.reference?.trim() || null,
        frameworkReference: f.frameworkReference?.trim() || null,
        position: ++position,
      }),
    );
  }
  return created;
}

export interface InspectionView {
  inspection: InspectionRow;
  typeLabel: string;
  versionLabel: string;
  graded: boolean;
  judgements: { key: string; label: string; grade: string | null; gradeLabel: string | null; parent?: string }[];
  actionPlan: DeadlineStatus | null;
  draftPlan: DeadlineStatus | null;
  deadlineFrom: string | null;
  noDeadlineReason: string | null;
}

export function describeInspection(inspection: InspectionRow, holidays: HolidaySet, now: Date): InspectionView {
  const type = inspectionType(inspection.typeKey);
  const version = frameworkVersion(inspection.frameworkVersionKey);
  const grades = (inspection.judgements ?? {}) as Record<string, string>;
  const d = inspectionDeadlines(inspection, holidays);
  const today = todayInLondon(now);
  return {
    inspection,
    typeLabel: type?.label ?? inspection.typeKey,
    versionLabel: version?.label ?? inspection.frameworkVersionKey,
    graded: Boolean(type?.graded),
    judgements: judgedAreas(inspection.typeKey, inspection.frameworkVersionKey).map((a) => ({
      key: a.key,
      label: a.label,
      parent: a.parent,
      grade: grades[a.key] ?? null,
      gradeLabel: grades[a.key] ? GRADE_LABELS[grades[a.key] as Grade] : null,
    })),
    actionPlan: d.actionPlanDue ? deadlineStatus(d.actionPlanDue, today, holidays) : null,
    draftPlan: d.draftPlanDue ? deadlineStatus(d.draftPlanDue, today, holidays) : null,
    deadlineFrom: d.from,
    noDeadlineReason: d.reason,
  };
}

/** "ILACS standard inspection, March 2023" (src/lib/labels.ts). */
export function inspectionTitle(i: Pick<InspectionRow, 'typeKey' | 'startDate'>): string {
  return inspectionName(i);
}

export { areaLabel };

export async function getInspection(db: Executor, organisationId: string, id: string) {
  return getOwned(db, organisationId, 'inspections', id);
}

/** Findings pasted as a list: each with its reference, after the checks the paste form makes before a preview. */
export function pastedFindings(values: { kind: string; area: string; text: string }): {
  details: ErrorDetail[];
  inputs: FindingInput[];
} {
  const pasted = parsePastedFindings(values.text);
  const details: ErrorDetail[] = [];
  if (!(FINDING_KINDS as readonly string[]).includes(values.kind))
    details.push({ path: 'kind', message: 'Select the kind of finding' });
  if (!pasted.length) details.push({ path: 'text', message: 'Paste or type at least one finding' });
  if (pasted.some((p) => p.text.length > 2000))
    details.push({ path: 'text', message: 'Each finding must be 2000 characters or fewer' });
  const inputs = pasted.map((p) => ({
    kind: values.kind,
    text: p.text,
    reference: p.reference,
    area: values.area || null,
  }));
  return { details, inputs };
}

/** Remove one finding of this inspection (a finding of another inspection is refused). */
export async function removeFinding(db: Executor, actor: Actor, inspection: InspectionRow, findingId: string) {
  const finding = await getOwned(db, actor.organisationId, 'findings', findingId);
  if (finding.inspectionId !== inspection.id) throw new BadRequestError('That finding belongs to another inspection');
  await deleteAudited(db, actor, 'findings', finding.id);
}
