import type { Response } from 'express';
import { z } from 'zod';
import type { ApiRegistry } from '../../api/registry.js';
import { idQuery, listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { todayInLondon } from '../../lib/dates.js';
import { parseOrThrow } from '../../lib/validation.js';
import { getOwned } from '../audit/audit.js';
import { CONTENT_TYPES, REPORT_FORMATS, REPORT_TYPES, SECTION_KEYS, type ReportFormat } from './content.js';
import {
  generateContent,
  getIssuedReport,
  issueReport,
  issuedFile,
  listIssuedReports,
  renderFormat,
  reportRequestSchema,
  type RenderedFile,
} from './service.js';

/**
 * Documented request body. Only `planId` is checked before the handler runs: the plan is loaded
 * first (another organisation's plan is a 404), then the rest is validated (422).
 */
const requestDoc = z.object({
  type: z.string().describe(`One of: ${REPORT_TYPES.join(', ')}`),
  planId: z.string().describe('The improvement plan the report is about'),
  format: z.string().describe(`One of: ${REPORT_FORMATS.join(', ')}`),
  sections: z
    .array(z.string())
    .optional()
    .describe(
      `Sections to include, in any order (default: the report type's sections). Any of: ${SECTION_KEYS.join(', ')}`,
    ),
  bodyId: z.string().nullable().optional().describe('The board or committee the report is for (governance body id)'),
  meetingId: z
    .string()
    .nullable()
    .optional()
    .describe(
      'The meeting a board pack is for (governance meeting id): its agenda is included and the pack is named after the body and date',
    ),
  issue: z
    .unknown()
    .optional()
    .describe(
      'true: also freeze the report as issued (content and files stored unchanged); the response carries its id in the Waymark-Report-Id header',
    ),
});

const issuedSchema = z.object({
  id: z.string(),
  type: z.enum(REPORT_TYPES),
  title: z.string(),
  planId: z.string(),
  bodyId: z.string().nullable(),
  bodyName: z.string().nullable(),
  issuedOn: z.string(),
  issuedByName: z.string(),
  formats: z.array(z.enum(REPORT_FORMATS)),
  links: z.record(z.string(), z.string()),
});

export function sendFile(res: Response, file: RenderedFile, extraHeaders: Record<string, string> = {}) {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('Content-Length', String(file.bytes.length));
  res.setHeader('Cache-Control', 'private, no-store');
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  res.status(200).end(file.bytes);
}

const links = (id: string, formats: ReportFormat[]) =>
  Object.fromEntries(formats.map((f) => [f, `/api/v1/reports/${id}/files/${f}`]));

export function reportsApi(api: ApiRegistry, services: Services) {
  const { db, config } = services;

  api.add({
    method: 'post',
    path: '/reports',
    tag: 'Reports',
    summary:
      'Generate a report from live data and return the file; with "issue": true also freeze it as an issued report',
    body: requestDoc,
    produces: Object.values(CONTENT_TYPES),
    handler: async ({ body, res, user, actor }) => {
      await getOwned(db, user.organisationId, 'plans', body.planId);
      const input = parseOrThrow(reportRequestSchema, body);
      const content = await generateContent(db, {
        organisationId: user.organisationId,
        type: input.type,
        planId: input.planId,
        sections: input.sections,
        bodyId: input.bodyId ?? null,
        meetingId: input.meetingId ?? null,
        today: todayInLondon(services.now()),
        preparedBy: user.displayName,
      });
      if (input.issue) {
        const issued = await issueReport(db, config, actor, { userId: user.id, name: user.displayName }, content, {
          bodyId: input.bodyId ?? null,
          now: services.now(),
        });
        const file =
          issued.files.get(input.format) ??
          (await issuedFile(db, config, user.organisationId, issued.id, input.format));
        return sendFile(res, file, { 'Waymark-Report-Id': issued.id, Location: `/api/v1/reports/${issued.id}` });
      }
      return sendFile(res, await renderFormat(content, input.format, config));
    },
  });

  api.add({
    method: 'get',
    path: '/reports',
    tag: 'Reports',
    summary: 'Issued reports, newest first (optionally for one board or committee, or one plan)',
    query: z.object({ bodyId: idQuery('bodyId').optional(), planId: idQuery('planId').optional() }),
    response: listOf(issuedSchema),
    handler: async ({ query, user }) => {
      const items = await listIssuedReports(db, user.organisationId, { bodyId: query.bodyId, planId: query.planId });
      return { items: items.map(({ issuedAt: _at, ...r }) => ({ ...r, links: links(r.id, r.formats) })) };
    },
  });

  api.add({
    method: 'get',
    path: '/reports/:id',
    tag: 'Reports',
    summary: 'One issued report: its details and frozen content',
    response: issuedSchema.extend({ sections: z.array(z.string()), content: z.unknown() }),
    handler: async ({ params, user }) => {
      const r = await getIssuedReport(db, user.organisationId, params.id);
      const formats = REPORT_FORMATS.filter((f) => r.files.some((x) => x.format === f));
      return {
        id: r.id,
        type: r.type,
        title: r.title,
        planId: r.planId,
        bodyId: r.bodyId,
        bodyName: r.body?.name ?? null,
        issuedOn: r.issuedOn,
        issuedByName: r.issuedByName,
        formats,
        links: links(r.id, formats),
        sections: r.content.sections.map((s) => s.key),
        content: r.content,
      };
    },
  });

  api.add({
    method: 'get',
    path: '/reports/:id/files/:format',
    tag: 'Reports',
    summary: 'An issued report’s file, byte-identical every time',
    produces: Object.values(CONTENT_TYPES),
    handler: async ({ params, res, user }) => {
      await getOwned(db, user.organisationId, 'issuedReports', params.id);
      const format = parseOrThrow(
        z.object({ format: z.enum(REPORT_FORMATS, { error: `Format must be one of ${REPORT_FORMATS.join(', ')}` }) }),
        params,
      ).format;
      return sendFile(res, await issuedFile(db, config, user.organisationId, params.id, format));
    },
  });
}
