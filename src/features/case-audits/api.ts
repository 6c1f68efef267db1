import { z } from 'zod';
import type { ApiRegistry } from '../../api/registry.js';
import { listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { parseOrThrow, requireVersion } from '../../lib/validation.js';
import { todayInLondon } from '../../lib/dates.js';
import { ForbiddenError, ValidationError } from '../../lib/errors.js';
import { keyScale, OFSTED_SCALE, type Grade } from '../../lib/case-audit-framework.js';
import { CASE_LISTS, randomSeed } from '../../lib/case-audit-sampling.js';
import type { CycleSummary } from '../../lib/case-audit-summary.js';
import { getOwned, type Executor } from '../audit/audit.js';
import { deferred } from '../plans/schemas.js';
import { requireNoteReader } from './auditors.js';
import {
  addFrameworkVersion,
  createFramework,
  listFrameworks,
  loadFramework,
  scaleDetails,
  themesFromJson,
} from './frameworks.js';
import { auditStatus, createCycle, listCycles, loadCycle, type AuditRow, type Cycle } from './cycles.js';
import { addCase, commitSample, previewSample } from './cases.js';
import { allocate, changeAudit, gradeAudit, moderateAudit, readNotes } from './audits.js';
import { publishCycle } from './results.js';
import { caseReference } from './annex-source.js';
import {
  addCaseSchema,
  auditOut,
  cycleOut,
  cycleSchema,
  frameworkApiSchema,
  frameworkOut,
  patchAuditSchema,
  sampleSchema,
  summaryOut,
} from './schemas.js';

const tag = 'Case file audits';

type FrameworkListItem = Awaited<ReturnType<typeof listFrameworks>>[number];

function frameworkJson(f: Pick<FrameworkListItem, 'id' | 'key' | 'name' | 'description' | 'version' | 'versions'>) {
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

function cycleJson(c: Cycle) {
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

async function auditsJson(db: Executor, organisationId: string, rows: AuditRow[]) {
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

export function caseAuditsApi(api: ApiRegistry, services: Services) {
  const { db } = services;
  const today = () => todayInLondon(services.now());

  api.add({
    method: 'get',
    path: '/audit-frameworks',
    tag,
    summary:
      'The organisation’s case file audit frameworks: themes, standards and grading scale of the current ' +
      'version, and every version',
    response: listOf(frameworkOut),
    handler: async ({ user }) => ({ items: (await listFrameworks(db, user.organisationId)).map(frameworkJson) }),
  });
  api.add({
    method: 'post',
    path: '/audit-frameworks',
    tag,
    summary:
      'Add a framework (version 1): themes with their standards, and the grading scale best first (Ofsted’s ' +
      'four grades when left out)',
    body: frameworkApiSchema,
    response: frameworkOut,
    status: 201,
    handler: async ({ actor, body }) => {
      const { themes, details } = themesFromJson(body.themes);
      const scale: Grade[] = body.scale ? keyScale(body.scale) : OFSTED_SCALE;
      const all = [...details, ...scaleDetails(scale)];
      if (all.length) throw new ValidationError(all);
      const { framework } = await createFramework(db, actor, {
        name: body.name,
        description: body.description,
        themes,
        scale,
        changeNote: body.changeNote,
      });
      const [f] = (await listFrameworks(db, actor.organisationId)).filter((x) => x.id === framework.id);
      return frameworkJson(f);
    },
  });
  api.add({
    method: 'post',
    path: '/audit-frameworks/:id/versions',
    tag,
    summary:
      'Change a framework: a new version with these themes and scale. Cycles already started keep their ' +
      'version. "version" (the framework record’s, as read) is required: a stale one is 409.',
    body: deferred(frameworkApiSchema.extend({ version: z.number().int().optional() })),
    response: frameworkOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const { framework, current } = await loadFramework(db, actor.organisationId, params.id);
      const body = parseOrThrow(frameworkApiSchema.extend({ version: z.number().int().optional() }), req.body ?? {});
      const { themes, details } = themesFromJson(body.themes);
      const scale = body.scale ? keyScale(body.scale, current.scale) : current.scale;
      const all = [...details, ...scaleDetails(scale)];
      if (!body.changeNote) all.push({ path: 'changeNote', message: 'Say what changed in this version' });
      if (all.length) throw new ValidationError(all);
      await addFrameworkVersion(
        db,
        actor,
        framework.id,
        { name: body.name, description: body.description, themes, scale, changeNote: body.changeNote },
        requireVersion(body.version),
      );
      const [f] = (await listFrameworks(db, actor.organisationId)).filter((x) => x.id === framework.id);
      return frameworkJson(f);
    },
  });

  api.add({
    method: 'get',
    path: '/audit-cycles',
    tag,
    summary: 'Audit cycles, newest month first, each with its summary',
    response: listOf(cycleOut.extend({ summary: summaryOut })),
    handler: async ({ user }) => ({
      items: (await listCycles(db, user.organisationId)).map((c) => ({
        ...cycleJson(c),
        summary: summaryJson(c.summary),
      })),
    }),
  });
  api.add({
    method: 'post',
    path: '/audit-cycles',
    tag,
    summary:
      'Start a cycle: a monthly audit (period YYYY-MM) or a themed one (with a topic), against the current ' +
      'version of a framework',
    body: cycleSchema,
    response: cycleOut,
    status: 201,
    handler: async ({ actor, body }) => cycleJson(await createCycle(db, actor, body)),
  });
  api.add({
    method: 'get',
    path: '/audit-cycles/:id',
    tag,
    summary: 'One cycle with its summary',
    response: cycleOut.extend({ summary: summaryOut }),
    handler: async ({ user, params }) => {
      const view = await loadCycle(db, user.organisationId, params.id);
      return { ...cycleJson(view.cycle), summary: summaryJson(view.summary) };
    },
  });
  api.add({
    method: 'post',
    path: '/audit-cycles/:id/sample',
    tag,
    summary:
      'Choose the cycle’s cases from the latest Annex A import: size open cases at random, stratified by ' +
      'list and team in proportion, leaving out cases audited in the six months before the cycle’s month. ' +
      'The same seed draws the same cases from the same import. ?dryRun=true shows the draw without saving ' +
      'it.',
    body: deferred(sampleSchema),
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    response: z.object({
      seed: z.number().int(),
      importId: z.string(),
      referenceDate: z.string(),
      excluded: z.number().int(),
      available: z.number().int(),
      strata: z.array(
        z.object({
          list: z.enum(CASE_LISTS),
          team: z.string(),
          open: z.number().int(),
          excluded: z.number().int(),
          available: z.number().int(),
          chosen: z.number().int(),
        }),
      ),
      cases: z.array(
        z.object({
          caseHash: z.string(),
          reference: z.string(),
          list: z.enum(CASE_LISTS),
          team: z.string().nullable(),
          annexA: z.object({ list: z.number().int(), row: z.number().int() }),
        }),
      ),
    }),
    status: 201,
    handler: async ({ actor, params, req, res, query }) => {
      const cycle = await getOwned(db, actor.organisationId, 'caseAuditCycles', params.id);
      const body = parseOrThrow(sampleSchema, req.body ?? {});
      const request = {
        size: body.size,
        seed: body.seed ?? randomSeed(),
        lists: body.lists?.length ? body.lists : [...CASE_LISTS],
      };
      const out = (
        importId: string,
        referenceDate: string,
        r: Awaited<ReturnType<typeof previewSample>>['result'],
      ) => ({
        seed: request.seed,
        importId,
        referenceDate,
        excluded: r.excluded,
        available: r.available,
        strata: r.strata,
        cases: r.chosen.map((c) => ({
          caseHash: c.child,
          reference: caseReference(c.child),
          list: c.list,
          team: c.team,
          annexA: { list: c.sourceList, row: c.sourceRow },
        })),
      });
      if (query.dryRun === 'true') {
        const { snapshot, result } = await previewSample(db, actor.organisationId, cycle, request);
        // A dry run saves nothing, so it answers 200 rather than the route's 201.
        res.status(200).json(out(snapshot.importId, snapshot.referenceDate, result));
        return;
      }
      const { record, result } = await commitSample(db, actor, cycle.id, request);
      return out(record.importId, record.referenceDate, result);
    },
  });
  api.add({
    method: 'get',
    path: '/audit-cycles/:id/audits',
    tag,
    summary:
      'The cycle’s audits with their grades and notes (editors, administrators and auditors only: notes are ' +
      'special-category data)',
    response: listOf(auditOut),
    handler: async ({ user, params }) => {
      const cycle = await getOwned(db, user.organisationId, 'caseAuditCycles', params.id);
      await requireNoteReader(db, user);
      const view = await loadCycle(db, user.organisationId, cycle.id);
      return { items: await auditsJson(db, user.organisationId, view.audits) };
    },
  });
  api.add({
    method: 'post',
    path: '/audit-cycles/:id/audits',
    tag,
    summary:
      'Add a case by its case-management identifier (caseId): stored only as the keyed hash Annex A uses, ' +
      'with its team and list from the latest Annex A import. A case that import does not have is added and ' +
      'flagged (inLatestImport false, with a warning).',
    body: deferred(addCaseSchema),
    response: auditOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const cycle = await getOwned(db, actor.organisationId, 'caseAuditCycles', params.id);
      const body = parseOrThrow(addCaseSchema, req.body ?? {});
      const { audit, warnings } = await addCase(db, actor, cycle.id, {
        identifier: body.caseId,
        auditorId: body.auditorId,
        moderatorId: body.moderatorId,
      });
      const [json] = await auditsJson(db, actor.organisationId, [audit]);
      return { ...json, warnings };
    },
  });
  api.add({
    method: 'get',
    path: '/audit-cycles/:id/summary',
    tag,
    summary:
      'The cycle’s results: audits graded, moderated and the agreement rate; overall, by theme and by team ' +
      'the percentage good or better and inadequate with the count of each grade; what moderation changed',
    response: summaryOut,
    handler: async ({ user, params }) => summaryJson((await loadCycle(db, user.organisationId, params.id)).summary),
  });
  api.add({
    method: 'post',
    path: '/audit-cycles/:id/publish',
    tag,
    summary:
      'Publish the cycle’s results into the indicator library (for its month, with the cycle as ' +
      'provenance); later grades and moderation update them',
    response: cycleOut,
    handler: async ({ actor, params, req }) => {
      const cycle = await getOwned(db, actor.organisationId, 'caseAuditCycles', params.id);
      const version = typeof req.body?.version === 'number' ? req.body.version : undefined;
      await publishCycle(db, actor, cycle.id, version);
      return cycleJson(await getOwned(db, actor.organisationId, 'caseAuditCycles', cycle.id));
    },
  });
  api.add({
    method: 'get',
    path: '/audits/:id',
    tag,
    summary: 'One audit with its grades, moderation and notes (editors, administrators and auditors only)',
    response: auditOut,
    handler: async ({ user, params }) => {
      const audit = await getOwned(db, user.organisationId, 'caseAudits', params.id);
      await requireNoteReader(db, user);
      return (await auditsJson(db, user.organisationId, [audit]))[0];
    },
  });
  api.add({
    method: 'patch',
    path: '/audits/:id',
    tag,
    role: 'contributor',
    summary:
      'Allocate (auditorId, moderatorId: editors), grade (grades by standard key, overall, note, auditedOn: ' +
      'the allocated auditor or an editor) or moderate (moderation: a second auditor, never the one who ' +
      'graded). Grades are the keys of the framework’s scale, or "n-a" for a standard that does not apply. ' +
      '"version" (as read) is required: a stale one is refused with 409.',
    body: deferred(patchAuditSchema),
    response: auditOut,
    handler: async ({ user, actor, params, req }) => {
      const audit = await getOwned(db, user.organisationId, 'caseAudits', params.id);
      const access = await requireNoteReader(db, user);
      const body = parseOrThrow(patchAuditSchema, req.body ?? {});
      const allocating = body.auditorId !== undefined || body.moderatorId !== undefined;
      if (allocating && !access.manages) throw new ForbiddenError('Only editors allocate auditors and moderators');
      const grading =
        body.grades !== undefined ||
        body.overall !== undefined ||
        body.note !== undefined ||
        body.auditedOn !== undefined;
      if (body.auditedOn && body.auditedOn > today())
        throw new ValidationError([{ path: 'auditedOn', message: 'The date audited cannot be in the future' }]);
      if (body.moderation?.moderatedOn && body.moderation.moderatedOn > today())
        throw new ValidationError([
          { path: 'moderation.moderatedOn', message: 'The date moderated cannot be in the future' },
        ]);
      await changeAudit(db, actor, audit.id, requireVersion(body.version), async (trx, row) => {
        let current = row;
        if (allocating)
          current = await allocate(trx, actor, current, {
            auditorId: body.auditorId,
            moderatorId: body.moderation ? undefined : body.moderatorId,
          });
        if (grading) {
          const notes = (await readNotes(trx, actor.organisationId, [current.id])).get(current.id) ?? {};
          current = await gradeAudit(trx, actor, user, current, {
            grades: body.grades ?? current.grades ?? {},
            overall: body.overall ?? current.overallGrade ?? '',
            note: body.note ?? notes.evidence ?? '',
            auditedOn: body.auditedOn ?? current.auditedOn ?? today(),
          });
        }
        if (body.moderation) {
          const m = body.moderation;
          current = await moderateAudit(trx, actor, user, current, {
            grades: m.grades,
            overall: m.overall,
            note: m.note,
            moderatorId: body.moderatorId ?? undefined,
            moderatedOn: m.moderatedOn ?? today(),
          });
        }
        return current;
      });
      return (
        await auditsJson(db, user.organisationId, [await getOwned(db, user.organisationId, 'caseAudits', audit.id)])
      )[0];
    },
  });
}
