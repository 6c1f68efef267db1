import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getOwned, insertAudited, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import { ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { parseFrameworkText, scaleErrors, slugKey, type Grade, type Theme } from '../../lib/case-audit-framework.js';
import type { CaseAuditFrameworkVersionsTable, CaseAuditFrameworksTable } from './tables.js';

export type Framework = Selectable<CaseAuditFrameworksTable>;
export type FrameworkVersion = Selectable<CaseAuditFrameworkVersionsTable>;

/** What a new framework starts from: five themes a principal social worker would recognise. */
export const STARTER_FRAMEWORK_TEXT = `Assessment
- A1 The assessment is timely and proportionate to the child’s needs and risks
- A2 The child has been seen, and seen alone where appropriate
- A3 The assessment analyses the history and its impact on the child

Planning
- P1 The plan is specific, measurable and reviewed on time
- P2 The plan is reducing risk and the child’s circumstances are improving

Management oversight and supervision
- M1 Management oversight is recorded at key decision points
- M2 Supervision is regular and reflective, and its actions are followed up

The child’s voice
- V1 The child’s wishes and feelings are recorded and shape the plan
- V2 Direct work is on file and the record is written to the child

Multi-agency work
- W1 Partners contribute to assessment and planning
- W2 Information is shared promptly and the sharing is recorded`;

export interface FrameworkInput {
  name: string;
  description: string;
  themes: Theme[];
  scale: Grade[];
  changeNote: string;
}

/**
 * Themes sent as JSON (the API) checked by the same rule as typed text: each theme becomes a line and
 * each standard "- code text", so both say the same things; the line of a problem maps back to its path.
 */
export function themesFromJson(input: { name: string; standards: { code?: string | null; text: string }[] }[]): {
  themes: Theme[];
  details: ErrorDetail[];
} {
  const lines: string[] = [];
  const paths: string[] = [];
  input.forEach((t, i) => {
    lines.push(t.name.replace(/^[-*•–#\s]+/, ''));
    paths.push(`themes.${i}.name`);
    t.standards.forEach((s, j) => {
      lines.push(`- ${(s.code?.trim() || `${i + 1}.${j + 1}`).replace(/\s+/g, '')} ${s.text.replace(/\s+/g, ' ')}`);
      paths.push(`themes.${i}.standards.${j}`);
    });
  });
  const { themes, errors } = parseFrameworkText(lines.join('\n'));
  return {
    themes,
    details: errors.map((e) => ({
      path: paths[e.line - 1] ?? 'themes',
      message: e.message.replace(/^Line \d+: /, ''),
    })),
  };
}

export function scaleDetails(scale: Grade[]): ErrorDetail[] {
  return scaleErrors(scale).map((e) => ({ path: `scale.${e.index}`, message: e.message }));
}

export async function listFrameworks(db: Executor, organisationId: string) {
  const frameworks = await db
    .selectFrom('caseAuditFrameworks')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('name')
    .execute();
  const versions = await db
    .selectFrom('caseAuditFrameworkVersions')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('number', 'desc')
    .execute();
  return frameworks.map((f) => {
    const own = versions.filter((v) => v.frameworkId === f.id);
    return { ...f, versions: own, current: own[0] };
  });
}

export async function loadFramework(db: Executor, organisationId: string, id: string) {
  const framework = await getOwned(db, organisationId, 'caseAuditFrameworks', id);
  const versions = await db
    .selectFrom('caseAuditFrameworkVersions')
    .selectAll()
    .where('frameworkId', '=', framework.id)
    .where('organisationId', '=', organisationId)
    .orderBy('number', 'desc')
    .execute();
  return { framework, versions, current: versions[0] };
}

async function uniqueKey(db: Executor, organisationId: string, name: string): Promise<string> {
  const base = slugKey(name, 17) || 'audit';
  const taken = new Set(
    (
      await db.selectFrom('caseAuditFrameworks').select('key').where('organisationId', '=', organisationId).execute()
    ).map((r) => r.key),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function check(input: FrameworkInput): void {
  const details = scaleDetails(input.scale);
  if (!input.themes.length) details.push({ path: 'themes', message: 'Enter at least one theme with its standards' });
  if (details.length) throw new ValidationError(details);
}

/** A new framework and its version 1, in one transaction. */
export async function createFramework(db: Kysely<Database>, actor: Actor, input: FrameworkInput) {
  check(input);
  return db.transaction().execute(async (trx) => {
    const framework = await insertAudited(trx, actor, 'caseAuditFrameworks', {
      key: await uniqueKey(trx, actor.organisationId, input.name),
      name: input.name,
      description: input.description,
    });
    const version = await insertAudited(trx, actor, 'caseAuditFrameworkVersions', {
      frameworkId: framework.id,
      number: 1,
      themes: JSON.stringify(input.themes),
      scale: JSON.stringify(input.scale),
      changeNote: input.changeNote || 'First version',
      createdByName: actor.label,
    });
    return { framework, version };
  });
}

/**
 * A changed framework is a new version: cycles keep the version they were created with, so grades
 * already given are never read against different standards or a different scale.
 */
export async function addFrameworkVersion(
  db: Kysely<Database>,
  actor: Actor,
  frameworkId: string,
  input: FrameworkInput,
  expectedVersion?: number,
) {
  check(input);
  return db.transaction().execute(async (trx) => {
    const framework = await updateAudited(
      trx,
      actor,
      'caseAuditFrameworks',
      frameworkId,
      { name: input.name, description: input.description },
      expectedVersion,
    );
    const last = await trx
      .selectFrom('caseAuditFrameworkVersions')
      .select('number')
      .where('frameworkId', '=', frameworkId)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const version = await insertAudited(trx, actor, 'caseAuditFrameworkVersions', {
      frameworkId,
      number: last.number + 1,
      themes: JSON.stringify(input.themes),
      scale: JSON.stringify(input.scale),
      changeNote: input.changeNote,
      createdByName: actor.label,
    });
    return { framework, version };
  });
}
