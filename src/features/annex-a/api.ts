import { z } from 'zod';
import type { ApiRegistry } from '../../api/registry.js';
import { isoDate, listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import { BadRequestError } from '../../lib/errors.js';
import { getOwned } from '../audit/audit.js';
import { uploadSettings } from '../../config.js';
import { uploadLimits } from '../../lib/upload-limits.js';
import { shortPseudonym } from '../../lib/annex-a/pseudonym.js';
import { drillDown, listImports, loadFindings, runImport } from './service.js';
import { findingOf } from './queries.js';

const findingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  check: z.string(),
  list: z.number().nullable(),
  sheet: z.string().nullable(),
  row: z.number().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});

const groupSchema = z.object({
  severity: z.enum(['error', 'warning']),
  check: z.string(),
  list: z.number().nullable(),
  sheet: z.string().nullable(),
  column: z.string().nullable(),
  count: z.number().describe('Every finding of this kind, however many rows'),
  reason: z.string(),
  examples: z
    .array(z.object({ row: z.number().nullable(), value: z.string().nullable() }))
    .describe('The first rows (values of identifiers and dates of birth are hidden)'),
});

const reportSchema = z.object({
  templateVersion: z.object({ version: z.enum(['2020', '2024', 'older-or-unknown']), evidence: z.string() }),
  groups: z.array(groupSchema).describe('The findings grouped by list, column and check'),
  unavailable: z
    .array(z.object({ key: z.string(), name: z.string(), reason: z.string() }))
    .describe('Indicators the workbook cannot give (a list or column is missing), and why'),
  comparison: z.object({
    previous: z.object({ id: z.string(), referenceDate: z.string() }).nullable(),
    lists: z.array(
      z.object({
        list: z.number(),
        title: z.string(),
        previous: z.number().nullable(),
        current: z.number().nullable(),
        change: z.number().nullable(),
        flagged: z.boolean(),
      }),
    ),
  }),
});

const importResultSchema = z.object({
  id: z.string().nullable().describe('null for a dry run: nothing is stored'),
  status: z
    .enum(['committed', 'rejected', 'validated'])
    .describe('validated: a dry run that would commit; rejected: refused (with 422)'),
  referenceDate: z.string(),
  rows: z
    .record(z.string(), z.number())
    .describe('Rows read per list, keyed by list (contacts, early-help, referrals, …)'),
  quality: z.object({ errors: z.number(), warnings: z.number() }),
  indicators: z.array(z.object({ key: z.string(), value: z.number().nullable() })),
  report: reportSchema,
  findings: z.array(findingSchema).optional().describe('Dry run only: the first 1,000 findings'),
});

/** Where an error is, for `details[].path`: "List 1 / Date of Contact", or the file. */
const findingPath = (g: { list: number | null; column: string | null; sheet: string | null }) =>
  [g.list ? `List ${g.list}` : g.sheet ? `Sheet ${g.sheet}` : 'file', g.column].filter(Boolean).join(' / ');

export function annexAApi(api: ApiRegistry, services: Services): void {
  const { db } = services;
  api.add({
    method: 'post',
    path: '/annex-a/imports',
    tag: 'Annex A',
    summary:
      'Import an Annex A workbook (.xlsx) or a zip of CSV files for a reference date: 201 committed; 422 refused (the body has the findings and error.details, and for a commit the import record’s id); ?dryRun=true only validates: 200 if it would commit, 422 if it would be refused, nothing stored',
    multipart: { kind: 'annex-a', fileField: 'file', fields: z.object({ referenceDate: isoDate('Reference date') }) },
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    response: importResultSchema,
    status: 201,
    handler: async ({ req, res, body, query, user, actor }) => {
      const file = req.file;
      if (!file || !file.buffer?.length)
        throw new BadRequestError('Send the workbook in the multipart field "file"', [
          { path: 'file', message: 'Select an Annex A workbook' },
        ]);
      const dryRun = query.dryRun === 'true';
      const outcome = await runImport(db, actor, user.displayName, {
        source: { buffer: file.buffer },
        filename: file.originalname,
        referenceDate: (body as { referenceDate: string }).referenceDate,
        mode: dryRun ? 'dry-run' : 'commit',
        limits: uploadLimits('annex-a', uploadSettings(services.config)),
      });
      const { findings, durationMs: _d, ...rest } = outcome;
      const answer = {
        ...rest,
        status: outcome.status === 'previewed' ? 'committed' : outcome.status,
        ...(dryRun ? { findings: findings.slice(0, 1000) } : {}),
      };
      // A refused import (a dry run that would be refused, too) answers 422; a refused commit keeps the
      // record and its report, so its id is in the answer. A dry run that would commit answers 200 (it
      // creates nothing), a commit 201.
      if (outcome.status === 'rejected') {
        const errors = outcome.report.groups.filter((g) => g.severity === 'error');
        res.status(422).json({
          error: {
            code: 'annex-a-rejected',
            message: `The workbook ${dryRun ? 'would not be' : 'was not'} imported: ${errors.length === 1 ? 'one problem would make figures wrong' : `${errors.length} problems would make figures wrong`}.${dryRun ? ' Nothing was stored.' : ' Nothing but the quality report was stored.'}`,
            details: errors.map((g) => ({ path: findingPath(g), message: g.reason })),
          },
          ...answer,
          findings: findings.slice(0, 1000),
        });
        return answer;
      }
      if (dryRun) {
        res.status(200).json(answer);
        return answer;
      }
      return answer;
    },
  });

  api.add({
    method: 'get',
    path: '/annex-a/imports',
    tag: 'Annex A',
    summary: 'Import history: who imported which file (by hash) for which reference date, with row and finding counts',
    response: listOf(
      z.object({
        id: z.string(),
        referenceDate: z.string(),
        status: z.string(),
        filename: z.string(),
        fileHash: z.string(),
        totalRows: z.number(),
        errors: z.number(),
        warnings: z.number(),
        importedBy: z.string(),
        createdAt: z.string(),
      }),
    ),
    handler: async ({ user }) => ({
      items: (await listImports(db, user.organisationId)).map((i) => ({
        id: i.id,
        referenceDate: i.referenceDate,
        status: i.status,
        filename: i.filename,
        fileHash: i.fileHash,
        totalRows: i.totalRows,
        errors: i.errors,
        warnings: i.warnings,
        importedBy: i.importedByName,
        createdAt: new Date(i.createdAt).toISOString(),
      })),
    }),
  });

  api.add({
    method: 'get',
    path: '/annex-a/imports/:id/quality',
    tag: 'Annex A',
    summary: 'The data-quality report of an import: per list and column counts, and the findings',
    role: 'editor',
    response: z.object({
      id: z.string(),
      status: z.string(),
      errors: z.number(),
      warnings: z.number(),
      lists: z.array(z.unknown()),
      report: reportSchema.nullable(),
      findings: z.array(findingSchema),
    }),
    handler: async ({ user, params }) => {
      const imp = await getOwned(db, user.organisationId, 'annexImports', params.id);
      const findings = await loadFindings(db, user.organisationId, imp.id);
      return {
        id: imp.id,
        status: imp.status,
        errors: imp.errors,
        warnings: imp.warnings,
        lists: imp.listStats,
        report: imp.report ?? null,
        findings: findings.map(findingOf),
      };
    },
  });

  api.add({
    method: 'get',
    path: '/annex-a/imports/:id/indicators/:key/rows',
    tag: 'Annex A',
    summary: 'The pseudonymised rows behind a computed figure (editors and administrators only)',
    role: 'editor',
    response: listOf(
      z.object({
        pseudonym: z.string(),
        list: z.number(),
        row: z.number(),
        team: z.string().nullable(),
        worker: z.string().nullable(),
        counted: z.boolean(),
        group: z.string(),
        note: z.string().nullable(),
      }),
    ),
    handler: async ({ user, params }) => {
      const { result } = await drillDown(db, user.organisationId, params.id, params.key);
      return {
        items: result.rows.map((r) => ({
          pseudonym: shortPseudonym(r.record.child),
          list: r.record.list,
          row: r.record.row,
          team: r.record.team,
          worker: r.record.worker,
          counted: r.counted,
          group: r.group,
          note: r.note ?? null,
        })),
      };
    },
  });
}
