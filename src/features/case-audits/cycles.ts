import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getOwned, insertAudited, isUuid, type Actor, type Executor } from '../audit/audit.js';
import { ValidationError } from '../../lib/errors.js';
import { shortKey, slugKey, type Grade, type Theme } from '../../lib/case-audit-framework.js';
import { summariseCycle, type AuditGrades, type CycleSummary } from '../../lib/case-audit-summary.js';
import { periodLabel } from '../../lib/periods.js';
import { caseReference } from './annex-source.js';
import type { CaseAuditCyclesTable, CaseAuditsTable, CycleKind } from './tables.js';

export type Cycle = Selectable<CaseAuditCyclesTable>;
export type AuditRow = Selectable<CaseAuditsTable>;

export const CYCLE_KIND_LABELS: Record<CycleKind, string> = { monthly: 'Monthly audit', themed: 'Themed audit' };

export type AuditStatus = 'not-allocated' | 'allocated' | 'graded' | 'awaiting-moderation' | 'moderated';
export const AUDIT_STATUS_LABELS: Record<AuditStatus, string> = {
  'not-allocated': 'Not allocated',
  allocated: 'Allocated',
  graded: 'Graded',
  'awaiting-moderation': 'Awaiting moderation',
  moderated: 'Moderated',
};

export function auditStatus(
  a: Pick<AuditRow, 'auditorId' | 'overallGrade' | 'moderatorId' | 'moderatedOverallGrade'>,
): AuditStatus {
  if (a.moderatedOverallGrade) return 'moderated';
  if (a.overallGrade) return a.moderatorId ? 'awaiting-moderation' : 'graded';
  return a.auditorId ? 'allocated' : 'not-allocated';
}

export interface CycleInput {
  title: string;
  kind: CycleKind;
  period: string;
  topic: string | null;
  frameworkId: string;
  dueDate: string | null;
}

/** The indicator series a cycle feeds: its framework for monthly audits, framework and topic for themed ones. */
export function seriesOf(frameworkKey: string, kind: CycleKind, topic: string | null): string {
  return kind === 'monthly' ? frameworkKey : shortKey(`${frameworkKey}-${slugKey(topic ?? '', 40)}`, 20);
}

export function seriesName(frameworkName: string, kind: CycleKind, topic: string | null): string {
  return kind === 'monthly' ? frameworkName : `${frameworkName}, themed audit: ${topic}`;
}

export async function createCycle(db: Kysely<Database>, actor: Actor, input: CycleInput): Promise<Cycle> {
  return db.transaction().execute(async (trx) => {
    const framework = isUuid(input.frameworkId)
      ? await trx
          .selectFrom('caseAuditFrameworks')
          .selectAll()
          .where('organisationId', '=', actor.organisationId)
          .where('id', '=', input.frameworkId)
          .executeTakeFirst()
      : undefined;
    if (!framework)
      throw new ValidationError([{ path: 'frameworkId', message: 'Choose one of your audit frameworks' }]);
    const version = await trx
      .selectFrom('caseAuditFrameworkVersions')
      .select('id')
      .where('frameworkId', '=', framework.id)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const topic = input.kind === 'themed' ? (input.topic ?? '').trim() : null;
    if (input.kind === 'themed' && !topic)
      throw new ValidationError([
        { path: 'topic', message: 'Enter the topic of the themed audit, like neglect or exploitation' },
      ]);
    const seriesKey = seriesOf(framework.key, input.kind, topic);
    const clash = await trx
      .selectFrom('caseAuditCycles')
      .select('title')
      .where('organisationId', '=', actor.organisationId)
      .where('seriesKey', '=', seriesKey)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (clash) {
      const what =
        input.kind === 'monthly'
          ? `a monthly audit with ${framework.name}`
          : `a themed audit on ${topic} with ${framework.name}`;
      throw new ValidationError([
        {
          path: 'period',
          message: `There is already ${what} for ${periodLabel(input.period)} (“${clash.title}”): each month has one, so its results form one series`,
        },
      ]);
    }
    return insertAudited(trx, actor, 'caseAuditCycles', {
      frameworkId: framework.id,
      frameworkVersionId: version.id,
      title: input.title,
      kind: input.kind,
      period: input.period,
      topic,
      seriesKey,
      dueDate: input.dueDate,
    });
  });
}

export async function listCycles(db: Executor, organisationId: string) {
  const cycles = await db
    .selectFrom('caseAuditCycles')
    .innerJoin('caseAuditFrameworks', 'caseAuditFrameworks.id', 'caseAuditCycles.frameworkId')
    .innerJoin('caseAuditFrameworkVersions', 'caseAuditFrameworkVersions.id', 'caseAuditCycles.frameworkVersionId')
    .selectAll('caseAuditCycles')
    .select([
      'caseAuditFrameworks.name as frameworkName',
      'caseAuditFrameworkVersions.number as frameworkVersion',
      'caseAuditFrameworkVersions.scale',
      'caseAuditFrameworkVersions.themes',
    ])
    .where('caseAuditCycles.organisationId', '=', organisationId)
    .orderBy('caseAuditCycles.period', 'desc')
    .orderBy('caseAuditCycles.createdAt', 'desc')
    .execute();
  const audits = cycles.length
    ? await db.selectFrom('caseAudits').selectAll().where('organisationId', '=', organisationId).execute()
    : [];
  return cycles.map((c) => {
    const own = audits.filter((a) => a.cycleId === c.id);
    return { ...c, summary: summariseCycle(c.scale, c.themes, own.map(toGrades)) };
  });
}

export function toGrades(a: AuditRow): AuditGrades {
  return {
    id: a.id,
    reference: caseReference(a.caseHash),
    team: a.team,
    grades: a.grades ?? {},
    overall: a.overallGrade,
    moderation: a.moderatedOverallGrade ? { grades: a.moderatedGrades ?? {}, overall: a.moderatedOverallGrade } : null,
  };
}

export interface CycleView {
  cycle: Cycle;
  framework: { id: string; key: string; name: string };
  version: { id: string; number: number; themes: Theme[]; scale: Grade[] };
  audits: (AuditRow & {
    reference: string;
    auditorName: string | null;
    moderatorName: string | null;
    status: AuditStatus;
  })[];
  summary: CycleSummary;
  seriesName: string;
}

/** A cycle with its framework version, audits (names of auditor and moderator) and summary; 404 for another organisation's. */
export async function loadCycle(db: Executor, organisationId: string, id: string): Promise<CycleView> {
  const cycle = await getOwned(db, organisationId, 'caseAuditCycles', id);
  const [framework, version, audits] = await Promise.all([
    db
      .selectFrom('caseAuditFrameworks')
      .select(['id', 'key', 'name'])
      .where('id', '=', cycle.frameworkId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('caseAuditFrameworkVersions')
      .select(['id', 'number', 'themes', 'scale'])
      .where('id', '=', cycle.frameworkVersionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('caseAudits')
      .leftJoin('users as auditor', 'auditor.id', 'caseAudits.auditorId')
      .leftJoin('users as moderator', 'moderator.id', 'caseAudits.moderatorId')
      .selectAll('caseAudits')
      .select(['auditor.displayName as auditorName', 'moderator.displayName as moderatorName'])
      .where('caseAudits.organisationId', '=', organisationId)
      .where('caseAudits.cycleId', '=', cycle.id)
      .orderBy('caseAudits.listKey')
      .orderBy('caseAudits.team')
      .orderBy('caseAudits.caseHash')
      .execute(),
  ]);
  const rows = audits.map((a) => ({ ...a, reference: caseReference(a.caseHash), status: auditStatus(a) }));
  return {
    cycle,
    framework,
    version,
    audits: rows,
    summary: summariseCycle(version.scale, version.themes, rows.map(toGrades)),
    seriesName: seriesName(framework.name, cycle.kind, cycle.topic),
  };
}
