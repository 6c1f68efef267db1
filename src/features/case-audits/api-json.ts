import type { CycleSummary } from '../../lib/case-audit-summary.js';
import type { Executor } from '../audit/audit.js';
import type { listFrameworks } from './frameworks.js';
import { auditStatus, type AuditRow, type Cycle } from './cycles.js';
import { readNotes } from './audits.js';
import { caseReference } from './annex-source.js';

/** The API's JSON for frameworks, cycles, summaries and audits: one shape wherever a route returns one. */

type FrameworkListItem = Awaited<ReturnType<typeof listFrameworks>>[number];

export function frameworkJson(
  f: Pick<FrameworkListItem, 'id' | 'key' | 'name' | 'description' | 'version' | 'versions'>,
) {
  const current = f.versions[0];
  return {
    id: f.id,
    key: f.key,
    name: f.name,
    description: f.description,
    version: f.version,
    currentVersion: {
      id: current.id,
      number: current.number,
      changeNote: current.changeNote,
      themes: current.themes,
      scale: current.scale,
    },
    versions: f.versions.map((v) => ({
      id: v.id,
      number: v.number,
      changeNote: v.changeNote,
      createdAt: new Date(v.createdAt).toISOString(),
    })),
  };
}

export function cycleJson(c: Cycle) {
  const s = c.sample;
  return {
    id: c.id,
    title: c.title,
    kind: c.kind,
    period: c.period,
    topic: c.topic,
    status: c.status,
    dueDate: c.dueDate,
    frameworkId: c.frameworkId,
    frameworkVersionId: c.frameworkVersionId,
    indicatorSeries: c.seriesKey,
    sample: s
      ? {
          seed: s.seed,
          size: s.size,
          lists: s.lists,
          importId: s.importId,
          referenceDate: s.referenceDate,
          excluded: s.excluded,
          available: s.available,
          chosen: s.chosen,
        }
      : null,
    version: c.version,
  };
}

/** The summary in the shape the issue asks for: shares under "good-or-better" and "inadequate", counts beside them. */
export function summaryJson(s: CycleSummary) {
  const share = (x: CycleSummary['overall']) => ({
    'good-or-better': x.goodOrBetter,
    inadequate: x.inadequate,
    counts: x.counts,
    graded: x.graded,
  });
  return {
    audits: s.audits,
    cases: s.cases,
    moderated: s.agreement.moderated,
    agreed: s.agreement.agreed,
    agreement: s.agreement.rate,
    overall: share(s.overall),
    themes: s.themes.map((t) => ({ key: t.key, name: t.name, ...share(t), notApplicable: t.notApplicable })),
    teams: s.teams.map((t) => ({ team: t.team, ...share(t) })),
    changes: s.changes,
  };
}

export async function auditsJson(db: Executor, organisationId: string, rows: AuditRow[]) {
  const notes = await readNotes(
    db,
    organisationId,
    rows.map((r) => r.id),
  );
  return rows.map((a) => {
    const n = notes.get(a.id) ?? {};
    return {
      id: a.id,
      cycleId: a.cycleId,
      reference: caseReference(a.caseHash),
      caseHash: a.caseHash,
      list: a.listKey,
      team: a.team,
      inLatestImport: a.inLatestImport,
      annexA:
        a.sourceImportId && a.sourceList && a.sourceRow
          ? { importId: a.sourceImportId, list: a.sourceList, row: a.sourceRow }
          : null,
      origin: a.origin,
      status: auditStatus(a),
      auditorId: a.auditorId,
      moderatorId: a.moderatorId,
      grades: a.grades ?? {},
      overall: a.overallGrade,
      auditedOn: a.auditedOn,
      note: n.evidence ?? null,
      moderation: a.moderatedOverallGrade
        ? {
            grades: a.moderatedGrades ?? {},
            overall: a.moderatedOverallGrade,
            moderatedOn: a.moderatedOn,
            note: n.moderation ?? null,
          }
        : null,
      version: a.version,
    };
  });
}
