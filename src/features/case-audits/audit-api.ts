import { z } from 'zod';
import type { ApiRegistry } from '../../api/registry.js';
import { listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { requireVersion } from '../../lib/validation.js';
import { todayInLondon } from '../../lib/dates.js';
import { ForbiddenError, ValidationError } from '../../lib/errors.js';
import { CASE_LISTS, randomSeed } from '../../lib/case-audit-sampling.js';
import { getOwned } from '../audit/audit.js';
import { requireNoteReader } from './auditors.js';
import { loadCycle } from './cycles.js';
import { addCase, commitSample, previewSample } from './cases.js';
import { allocate, changeAudit, gradeAudit, moderateAudit, readNotes } from './audits.js';
import { caseReference } from './annex-source.js';
import { addCaseSchema, auditOut, patchAuditSchema, sampleSchema } from './schemas.js';
import { auditsJson } from './api-json.js';

export const tag = 'Case file audits';

/** A cycle's cases (sampled or added one by one) and their audits: grades, moderation and notes. */
export function auditsApi(api: ApiRegistry, services: Services) {
  const { db } = services;
  const today = () => todayInLondon(services.now());

  api.add({
    method: 'post',
    path: '/audit-cycles/:id/sample',
    tag,
    summary:
      'Choose the cycle’s cases from the latest Annex A import: size open cases at random, stratified by ' +
      'list and team in proportion, leaving out cases audited in the six months before the cycle’s month. ' +
      'The same seed draws the same cases from the same import. ?dryRun=true shows the draw without saving ' +
      'it.',
    load: ({ actor, params }) => getOwned(db, actor.organisationId, 'caseAuditCycles', params.id),
    body: sampleSchema,
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
    handler: async ({ actor, record: cycle, body, res, query }) => {
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
    load: ({ actor, params }) => getOwned(db, actor.organisationId, 'caseAuditCycles', params.id),
    body: addCaseSchema,
    response: auditOut,
    status: 201,
    handler: async ({ actor, record: cycle, body }) => {
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
    // The audit, then who may read its notes: a 404 or 403 before the body is judged.
    load: async ({ user, params }) => ({
      audit: await getOwned(db, user.organisationId, 'caseAudits', params.id),
      access: await requireNoteReader(db, user),
    }),
    body: patchAuditSchema,
    response: auditOut,
    handler: async ({ user, actor, record: { audit, access }, body }) => {
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
