import type { Executor } from '../audit/audit.js';
import { loadHistory, recordEvents } from '../audit/audit.js';
import { NotFoundError } from '../../lib/errors.js';
import { formatGovukDate } from '../../lib/dates.js';
import { allStandards, gradeLabel, type Grade, type Theme } from '../../lib/case-audit-framework.js';

const ORIGIN: Record<string, string> = {
  sample: 'from the sample',
  manual: 'by its identifier',
  import: 'from an imported spreadsheet',
};

export interface AuditHistoryEntry {
  at: Date;
  actor: string;
  lines: string[];
}

/**
 * An audit's history in words: grades by standard and label, people by name, dates as dates. Ids,
 * hashes and where the case came from in Annex A are bookkeeping and are left out.
 */
export async function auditHistory(
  db: Executor,
  organisationId: string,
  auditId: string,
  scale: Grade[],
  themes: Theme[],
): Promise<AuditHistoryEntry[]> {
  const entries = await loadHistory(db, organisationId, 'caseAudits', auditId);
  const people = new Map(
    (
      await db.selectFrom('users').select(['id', 'displayName']).where('organisationId', '=', organisationId).execute()
    ).map((u) => [u.id, u.displayName]),
  );
  const standards = allStandards(themes);
  const codes = new Map(standards.map((s) => [s.key, s.code]));
  const position = new Map(standards.map((s, i) => [s.key, i]));
  const order = (k: string) => position.get(k) ?? standards.length;
  const person = (v: unknown) => (typeof v === 'string' ? (people.get(v) ?? 'someone no longer here') : 'nobody');
  const grade = (v: unknown) => gradeLabel(scale, typeof v === 'string' ? v : null);
  const date = (v: unknown) => (typeof v === 'string' ? formatGovukDate(v) : 'no date');
  const gradeChanges = (label: string, before: unknown, after: unknown) => {
    const b = (before ?? {}) as Record<string, string>;
    const a = (after ?? {}) as Record<string, string>;
    return [...new Set([...Object.keys(b), ...Object.keys(a)])]
      .filter((k) => b[k] !== a[k])
      .sort((x, y) => order(x) - order(y))
      .map((k) => `${label}${codes.get(k) ?? k}: ${b[k] ? `${grade(b[k])} → ` : ''}${grade(a[k])}`);
  };
  return entries.map((e) => {
    const lines: string[] = [];
    if (e.action === 'create') {
      const origin = e.changes.find((c) => c.field === 'origin')?.after;
      lines.push(`Added to the cycle ${ORIGIN[String(origin)] ?? ''}`.trim());
    }
    if (e.action === 'delete') lines.push('Taken out of the cycle');
    for (const c of e.changes) {
      if (c.field === 'grades') lines.push(...gradeChanges('', c.before, c.after));
      else if (c.field === 'moderatedGrades') lines.push(...gradeChanges('Moderated ', c.before, c.after));
      else if (c.field === 'overallGrade')
        lines.push(`Overall grade: ${c.before ? `${grade(c.before)} → ` : ''}${grade(c.after)}`);
      else if (c.field === 'moderatedOverallGrade')
        lines.push(`Moderated overall grade: ${c.before ? `${grade(c.before)} → ` : ''}${grade(c.after)}`);
      else if (c.field === 'auditorId' && e.action === 'update')
        lines.push(`Auditor: ${person(c.before)} → ${person(c.after)}`);
      else if (c.field === 'moderatorId' && e.action === 'update')
        lines.push(`Moderator: ${person(c.before)} → ${person(c.after)}`);
      else if (c.field === 'auditedOn' && c.after) lines.push(`Date audited: ${date(c.after)}`);
      else if (c.field === 'moderatedOn' && c.after) lines.push(`Date moderated: ${date(c.after)}`);
    }
    return { at: e.at, actor: e.actor, lines };
  });
}

/**
 * The history of an audit of the organisation read on its own (the record-history page), in the words
 * of its cycle's framework version. An audit taken out of its cycle keeps its history and the cycle's
 * words; an id that was never an audit of this organisation is not found.
 */
export async function auditHistoryById(
  db: Executor,
  organisationId: string,
  auditId: string,
): Promise<AuditHistoryEntry[]> {
  const event = await recordEvents(db, organisationId, 'caseAudits', auditId)
    .select(['before', 'after'])
    .executeTakeFirst();
  const row = (event?.after ?? event?.before) as { cycleId?: string } | null | undefined;
  if (!row?.cycleId) throw new NotFoundError();
  const version = await db
    .selectFrom('caseAuditCycles')
    .innerJoin('caseAuditFrameworkVersions', 'caseAuditFrameworkVersions.id', 'caseAuditCycles.frameworkVersionId')
    .select(['caseAuditFrameworkVersions.themes', 'caseAuditFrameworkVersions.scale'])
    .where('caseAuditCycles.organisationId', '=', organisationId)
    .where('caseAuditCycles.id', '=', row.cycleId)
    .executeTakeFirst();
  if (!version) throw new NotFoundError();
  return auditHistory(db, organisationId, auditId, version.scale, version.themes);
}
