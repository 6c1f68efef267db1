import { z } from 'zod';
import type { ApiRegistry } from '../../api/registry.js';
import { listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { requireVersion } from '../../lib/validation.js';
import { ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { keyScale, OFSTED_SCALE, type Grade } from '../../lib/case-audit-framework.js';
import { getOwned } from '../audit/audit.js';
import {
  addFrameworkVersion,
  createFramework,
  listFrameworks,
  loadFramework,
  scaleDetails,
  themesFromJson,
  type FrameworkInput,
} from './frameworks.js';
import { createCycle, listCycles, loadCycle } from './cycles.js';
import { publishCycle } from './results.js';
import { cycleOut, cycleSchema, frameworkApiSchema, frameworkOut, summaryOut } from './schemas.js';
import { cycleJson, frameworkJson, summaryJson } from './api-json.js';
import { auditsApi, tag } from './audit-api.js';

/**
 * What a framework body says, checked by the same rules as the web form's text: every problem with its
 * themes and scale (and any `more`) at once, as a 422; else the framework to save.
 */
function frameworkInput(
  body: z.infer<typeof frameworkApiSchema>,
  scale: Grade[],
  more: ErrorDetail[] = [],
): FrameworkInput {
  const { themes, details } = themesFromJson(body.themes);
  const all = [...details, ...scaleDetails(scale), ...more];
  if (all.length) throw new ValidationError(all);
  return { name: body.name, description: body.description, themes, scale, changeNote: body.changeNote };
}

/** The case audit API: frameworks and cycles here, a cycle's cases and their audits in audit-api.ts. */
export function caseAuditsApi(api: ApiRegistry, services: Services) {
  const { db } = services;

  /** A framework as the list gives it, once saved. */
  const savedFramework = async (organisationId: string, id: string) => {
    const [f] = (await listFrameworks(db, organisationId)).filter((x) => x.id === id);
    return frameworkJson(f);
  };

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
      const input = frameworkInput(body, body.scale ? keyScale(body.scale) : OFSTED_SCALE);
      const { framework } = await createFramework(db, actor, input);
      return savedFramework(actor.organisationId, framework.id);
    },
  });
  api.add({
    method: 'post',
    path: '/audit-frameworks/:id/versions',
    tag,
    summary:
      'Change a framework: a new version with these themes and scale. Cycles already started keep their ' +
      'version. "version" (the framework record’s, as read) is required: a stale one is 409.',
    load: ({ actor, params }) => loadFramework(db, actor.organisationId, params.id),
    body: frameworkApiSchema.extend({ version: z.number().int().optional() }),
    response: frameworkOut,
    status: 201,
    handler: async ({ actor, record: { framework, current }, body }) => {
      const scale = body.scale ? keyScale(body.scale, current.scale) : current.scale;
      const unsaid = body.changeNote ? [] : [{ path: 'changeNote', message: 'Say what changed in this version' }];
      const input = frameworkInput(body, scale, unsaid);
      await addFrameworkVersion(db, actor, framework.id, input, requireVersion(body.version));
      return savedFramework(actor.organisationId, framework.id);
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
  auditsApi(api, services);
}
