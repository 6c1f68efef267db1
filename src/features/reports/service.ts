import crypto from 'node:crypto';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Config } from '../../config.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { findOwned, getOwned, recordAudit, type Actor, type Executor } from '../audit/audit.js';
import {
  CONTENT_TYPES,
  DEFAULT_SECTIONS,
  REPORT_FORMATS,
  REPORT_TYPES,
  SECTION_KEYS,
  reportFilename,
  type ReportContent,
  type ReportFormat,
  type ReportType,
  type SectionKey,
} from './content.js';
import { buildReportContent, orderSections } from './build.js';
import { renderDocx } from './render/docx.js';
import { renderXlsx } from './render/xlsx.js';
import { renderHtml } from './render/html.js';
import { chromiumAvailable, renderPdf } from './render/pdf.js';

export const reportRequestSchema = z.object({
  type: z.enum(REPORT_TYPES, { error: 'Select a report type' }),
  planId: z.string({ error: 'Select a plan' }).min(1, 'Select a plan'),
  format: z.enum(REPORT_FORMATS, { error: 'Select a format: docx, html, pdf or xlsx' }),
  sections: z
    .array(z.enum(SECTION_KEYS, { error: `Each section must be one of ${SECTION_KEYS.join(', ')}` }))
    .min(1, 'Select at least one section')
    .optional(),
  bodyId: z.string().nullable().optional(),
  meetingId: z
    .string()
    .nullable()
    .optional()
    .describe('The meeting a board pack is for: its agenda is included and its body and date name the pack'),
  issue: z.boolean({ error: 'issue must be true or false' }).optional(),
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

export interface RenderedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export class PdfUnavailable extends AppError {
  constructor(path: string) {
    super(
      503,
      'pdf-unavailable',
      `PDF needs Chromium, which is not installed on this server (looked for ${path}). Choose Word, the print view or Excel instead.`,
      [{ path: 'format', message: 'PDF is not available on this server' }],
    );
  }
}

/** The board or committee a report is for: must belong to the organisation (404 otherwise). */
export async function ownedBody(db: Executor, organisationId: string, bodyId: string | null | undefined) {
  if (!bodyId) return null;
  const body = await findOwned(db, organisationId, 'bodies', bodyId);
  if (!body) throw new NotFoundError('No such board or committee');
  return body;
}

export async function renderFormat(
  content: ReportContent,
  format: ReportFormat,
  config: Pick<Config, 'chromiumPath'>,
  issued: { issuedOn: string; issuedByName: string } | null = null,
): Promise<RenderedFile> {
  const filename = reportFilename(content, format);
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case 'docx':
      return { filename, contentType, bytes: await renderDocx(content, { issued }) };
    case 'xlsx':
      return { filename, contentType, bytes: await renderXlsx(content) };
    case 'html':
      return { filename, contentType, bytes: Buffer.from(renderHtml(content, { issued }), 'utf8') };
    case 'pdf':
      if (!chromiumAvailable(config.chromiumPath)) throw new PdfUnavailable(config.chromiumPath);
      return { filename, contentType, bytes: await renderPdf(content, config.chromiumPath, { issued }) };
  }
}

export interface GenerateInput {
  organisationId: string;
  type: ReportType;
  planId: string;
  sections?: SectionKey[];
  bodyId?: string | null;
  meetingId?: string | null;
  today: string;
  preparedBy: string;
}

/** The meeting a pack is for: must belong to the organisation (404 otherwise). */
export async function ownedMeeting(db: Executor, organisationId: string, meetingId: string | null | undefined) {
  if (!meetingId) return null;
  const meeting = await findOwned(db, organisationId, 'meetings', meetingId);
  if (!meeting) throw new NotFoundError('No such meeting');
  return meeting;
}

/**
 * Build the content from live data; the plan, body and meeting must belong to the organisation. A
 * meeting decides the body (a pack is for that body's meeting).
 */
export async function generateContent(db: Executor, input: GenerateInput): Promise<ReportContent> {
  const meeting = await ownedMeeting(db, input.organisationId, input.meetingId);
  const bodyId = meeting?.bodyId ?? input.bodyId;
  await ownedBody(db, input.organisationId, bodyId);
  return buildReportContent(db, {
    ...input,
    bodyId,
    meetingId: meeting?.id ?? null,
    sections: orderSections(input.sections?.length ? input.sections : DEFAULT_SECTIONS[input.type]),
  });
}

/**
 * Freeze a report: store its content and its files as they are now. Word, Excel and the print view
 * are rendered at once (and PDF when Chromium is installed), so every later download is byte-identical.
 */
export async function issueReport(
  db: Kysely<Database>,
  config: Pick<Config, 'chromiumPath'>,
  actor: Actor,
  issuer: { userId: string | null; name: string },
  content: ReportContent,
  opts: { bodyId: string | null; now: Date; includePdf?: boolean },
): Promise<{ id: string; files: Map<ReportFormat, RenderedFile> }> {
  const plan = await getOwned(db, actor.organisationId, 'plans', content.metadata.planId);
  // A meeting's pack is issued to that meeting's body.
  const meetingId = content.metadata.meeting?.id ?? null;
  const bodyId = meetingId ? (await getOwned(db, actor.organisationId, 'meetings', meetingId)).bodyId : opts.bodyId;
  const issuedOn = content.metadata.asOf;
  const issued = { issuedOn, issuedByName: issuer.name };
  const formats: ReportFormat[] = [
    'docx',
    'xlsx',
    'html',
    ...(opts.includePdf !== false && chromiumAvailable(config.chromiumPath) ? (['pdf'] as const) : []),
  ];
  const files = new Map<ReportFormat, RenderedFile>();
  for (const f of formats) files.set(f, await renderFormat(content, f, config, issued));
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('issuedReports')
      .values({
        organisationId: actor.organisationId,
        type: content.type,
        planId: plan.id,
        planLineageId: plan.lineageId,
        bodyId,
        meetingId,
        title: content.title,
        sections: JSON.stringify(content.sections.map((s) => s.key)),
        issuedAt: opts.now,
        issuedOn,
        issuedBy: issuer.userId,
        issuedByName: issuer.name,
        content: JSON.stringify(content),
      })
      .returning(['id', 'type', 'planId', 'bodyId', 'title', 'issuedOn', 'issuedByName'])
      .executeTakeFirstOrThrow();
    for (const [format, file] of files) await storeFile(trx, actor.organisationId, row.id, format, file);
    await recordAudit(trx, actor, {
      action: 'create',
      entityType: 'issuedReports',
      entityId: row.id,
      after: { ...row, sections: content.sections.map((s) => s.key), files: [...files.keys()] },
    });
    return row.id;
  });
  return { id, files };
}

async function storeFile(
  db: Executor,
  organisationId: string,
  reportId: string,
  format: ReportFormat,
  file: RenderedFile,
) {
  await db
    .insertInto('issuedReportFiles')
    .values({
      organisationId,
      reportId,
      format,
      filename: file.filename,
      contentType: file.contentType,
      sizeBytes: file.bytes.length,
      sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
      bytes: file.bytes,
    })
    .onConflict((oc) => oc.columns(['reportId', 'format']).doNothing())
    .execute();
}

export async function getIssuedReport(db: Executor, organisationId: string, id: string) {
  const row = await getOwned(db, organisationId, 'issuedReports', id);
  const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as ReportContent;
  const files = await db
    .selectFrom('issuedReportFiles')
    .select(['format', 'filename', 'sizeBytes', 'sha256'])
    .where('organisationId', '=', organisationId)
    .where('reportId', '=', row.id)
    .execute();
  const body = row.bodyId
    ? await db
        .selectFrom('bodies')
        .select(['id', 'name'])
        .where('organisationId', '=', organisationId)
        .where('id', '=', row.bodyId)
        .executeTakeFirst()
    : undefined;
  return { ...row, content, files, body: body ?? null };
}

/**
 * An issued report's file exactly as stored. A format not stored at issue (PDF when Chromium was
 * missing) is rendered once from the frozen content and stored, so it too never changes afterwards.
 */
export async function issuedFile(
  db: Kysely<Database>,
  config: Pick<Config, 'chromiumPath'>,
  organisationId: string,
  id: string,
  format: ReportFormat,
): Promise<RenderedFile> {
  const report = await getOwned(db, organisationId, 'issuedReports', id);
  const stored = await db
    .selectFrom('issuedReportFiles')
    .select(['filename', 'contentType', 'bytes'])
    .where('organisationId', '=', organisationId)
    .where('reportId', '=', report.id)
    .where('format', '=', format)
    .executeTakeFirst();
  if (stored) return { filename: stored.filename, contentType: stored.contentType, bytes: Buffer.from(stored.bytes) };
  const content = (typeof report.content === 'string' ? JSON.parse(report.content) : report.content) as ReportContent;
  const file = await renderFormat(content, format, config, {
    issuedOn: report.issuedOn,
    issuedByName: report.issuedByName,
  });
  await storeFile(db, organisationId, report.id, format, file);
  return issuedFile(db, config, organisationId, id, format);
}

export interface IssuedReportListItem {
  id: string;
  type: ReportType;
  title: string;
  planId: string;
  bodyId: string | null;
  bodyName: string | null;
  issuedOn: string;
  issuedAt: Date;
  issuedByName: string;
  formats: ReportFormat[];
}

export async function listIssuedReports(
  db: Executor,
  organisationId: string,
  filter: { bodyId?: string | null; planId?: string | null } = {},
): Promise<IssuedReportListItem[]> {
  let q = db
    .selectFrom('issuedReports')
    .leftJoin('bodies', (j) =>
      j.onRef('bodies.id', '=', 'issuedReports.bodyId').on('bodies.organisationId', '=', organisationId),
    )
    .select([
      'issuedReports.id',
      'issuedReports.type',
      'issuedReports.title',
      'issuedReports.planId',
      'issuedReports.bodyId',
      'bodies.name as bodyName',
      'issuedReports.issuedOn',
      'issuedReports.issuedAt',
      'issuedReports.issuedByName',
    ])
    .where('issuedReports.organisationId', '=', organisationId);
  if (filter.bodyId) q = q.where('issuedReports.bodyId', '=', filter.bodyId);
  if (filter.planId) q = q.where('issuedReports.planId', '=', filter.planId);
  const rows = await q.orderBy('issuedReports.issuedAt', 'desc').orderBy('issuedReports.createdAt', 'desc').execute();
  if (!rows.length) return [];
  const files = await db
    .selectFrom('issuedReportFiles')
    .select(['reportId', 'format'])
    .where('organisationId', '=', organisationId)
    .where(
      'reportId',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    ...r,
    formats: REPORT_FORMATS.filter((f) => files.some((x) => x.reportId === r.id && x.format === f)),
  }));
}
