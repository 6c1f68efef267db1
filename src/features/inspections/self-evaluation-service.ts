import type { ErrorDetail } from '../../lib/errors.js';
import { isIsoDate } from '../../lib/dates.js';
import { FRAMEWORK_VERSIONS, GRADES, frameworkVersion, inspectionType } from '../../lib/frameworks.js';
import { insertAudited, type Actor, type Executor } from '../audit/audit.js';
import type { SelfEvaluationArea } from './tables.js';
import { formDate } from './helpers.js';

/** The framework versions a council can grade itself against: ILACS and, for older ones, the SIF. */
export const SELF_VERSIONS = FRAMEWORK_VERSIONS.filter((v) => v.family === 'ilacs' || v.family === 'sif');
export const LATEST_SELF_VERSION = SELF_VERSIONS.filter((v) => v.family === 'ilacs').at(-1)!.key;

export interface SelfEvaluationInput {
  title: string;
  completedDate: string | null;
  frameworkVersionKey: string;
  areas: SelfEvaluationArea[];
}

/** A posted self-evaluation: what it holds, and each problem linked to its field. */
export function readSelfEvaluation(body: Record<string, unknown> | undefined): {
  details: ErrorDetail[];
  value: SelfEvaluationInput;
} {
  const versionKey = SELF_VERSIONS.some((v) => v.key === body?.frameworkVersion)
    ? String(body!.frameworkVersion)
    : LATEST_SELF_VERSION;
  const version = frameworkVersion(versionKey)!;
  const title = String(body?.title ?? '').trim();
  const completedDate = formDate(body?.completedDate);
  const areasIn = (body?.areas ?? {}) as Record<string, { grade?: string; narrative?: string }>;
  const details: ErrorDetail[] = [];
  if (!title) details.push({ path: 'title', message: 'Enter a title, like “Self-evaluation 2024 to 2025”' });
  else if (title.length > 200) details.push({ path: 'title', message: 'Title must be 200 characters or fewer' });
  if (!completedDate)
    details.push({ path: 'completedDate', message: 'Enter the date the self-evaluation was completed' });
  else if (!isIsoDate(completedDate))
    details.push({ path: 'completedDate', message: 'Date completed must be a real date' });
  const areas: SelfEvaluationArea[] = [];
  for (const a of version.areas) {
    const grade = String(areasIn[a.key]?.grade ?? '');
    const narrative = String(areasIn[a.key]?.narrative ?? '').trim();
    if (grade && !(GRADES as readonly string[]).includes(grade))
      details.push({ path: `areas-${a.key}-grade`, message: `Select a grade for ${a.label.toLowerCase()}` });
    if (narrative.length > 10_000)
      details.push({
        path: `areas-${a.key}-narrative`,
        message: `The narrative for ${a.label.toLowerCase()} must be 10,000 characters or fewer`,
      });
    areas.push({ area: a.key, grade: grade || null, narrative });
  }
  if (!areas.some((a) => a.grade))
    details.push({ path: `areas-${version.areas[0].key}-grade`, message: 'Grade at least one judgement area' });
  return { details, value: { title, completedDate, frameworkVersionKey: versionKey, areas } };
}

export function createSelfEvaluation(db: Executor, actor: Actor, input: SelfEvaluationInput) {
  return insertAudited(db, actor, 'selfEvaluations', {
    title: input.title,
    completedDate: input.completedDate,
    frameworkVersionKey: input.frameworkVersionKey,
    areas: JSON.stringify(input.areas),
  });
}

export function listSelfEvaluations(db: Executor, organisationId: string) {
  return db
    .selectFrom('selfEvaluations')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('completedDate', 'desc')
    .execute();
}

/** The first graded inspection that started on or after the self-evaluation was completed: what it is compared with. */
export async function nextGradedInspection(db: Executor, organisationId: string, completedDate: string) {
  const later = await db
    .selectFrom('inspections')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('startDate', '>=', completedDate)
    .orderBy('startDate')
    .execute();
  return later.find(
    (i) =>
      inspectionType(i.typeKey)?.graded && i.typeKey !== 'lscb-review' && Object.keys(i.judgements as object).length,
  );
}
