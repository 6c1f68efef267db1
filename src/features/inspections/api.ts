import { z } from 'zod';
import type { ApiRegistry } from '../../api/registry.js';
import { isoDate, listOf } from '../../api/registry.js';
import type { Services } from '../../container.js';
import {
  ALL_AREA_KEYS,
  FINDING_KINDS,
  FRAMEWORK_VERSION_KEYS,
  GRADES,
  INSPECTION_TYPE_KEYS,
} from '../../lib/frameworks.js';
import { ValidationError } from '../../lib/errors.js';
import { getOwned } from '../audit/audit.js';
import { loadHolidays } from '../calendar/holidays.js';
import {
  addFindings,
  createInspection,
  describeInspection,
  listFindings,
  listInspections,
  type InspectionRow,
} from './service.js';
import { similarEarlier } from './similar-findings.js';
import { readReport } from './helpers.js';
import { checkReport } from './report-import.js';
import type { HolidaySet } from '../../lib/working-days.js';

const gradeSchema = z.enum(GRADES);
const judgementsSchema = z.record(
  z.string().describe(`Judgement area key: ${ALL_AREA_KEYS.join(', ')}`),
  z.string().describe(`Grade: ${GRADES.join(', ')}`),
);

const createBody = z.object({
  type: z.string({ error: 'type is required' }).describe(`Inspection type: ${INSPECTION_TYPE_KEYS.join(', ')}`),
  frameworkVersion: z
    .string()
    .optional()
    .describe(`Framework version (chosen from the start date when left out): ${FRAMEWORK_VERSION_KEYS.join(', ')}`),
  startDate: isoDate('startDate'),
  endDate: isoDate('endDate').nullish(),
  publishedDate: isoDate('publishedDate').nullish(),
  receivedDate: isoDate('receivedDate')
    .nullish()
    .describe('Only where the final report was received on a different day from publication'),
  reportUrl: z.string().url('reportUrl must be a web address').nullish(),
  priorityActions: z.boolean().optional().describe('A focused visit that named areas for priority action'),
  judgements: judgementsSchema.optional(),
  notes: z.string().max(5000).nullish(),
});

const inspectionSchema = z.object({
  id: z.string(),
  type: z.enum(INSPECTION_TYPE_KEYS),
  frameworkVersion: z.enum(FRAMEWORK_VERSION_KEYS),
  startDate: z.string(),
  endDate: z.string().nullable(),
  publishedDate: z.string().nullable(),
  receivedDate: z.string().nullable(),
  reportUrl: z.string().nullable(),
  priorityActions: z.boolean(),
  judgements: z.record(z.enum(ALL_AREA_KEYS), gradeSchema),
  actionPlanDueDate: z.string().nullable(),
  draftActionPlanDueDate: z.string().nullable(),
  deadlineStatus: z.string().nullable().describe('“Due in N working days” or “Overdue by N working days”'),
  version: z.number(),
});

// Checked in the handler after the inspection is found, so another organisation's id is a 404 whatever the body.
const findingBody = z.object({
  kind: z
    .unknown()
    .optional()
    .describe(`Required. Kind: ${FINDING_KINDS.join(', ')}`),
  text: z.unknown().optional().describe('Required. The finding, as worded in the report'),
  area: z
    .unknown()
    .optional()
    .describe(`Judgement area key: ${ALL_AREA_KEYS.join(', ')}`),
  reference: z.unknown().optional().describe('Reference such as R1'),
});

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

const similarSchema = z.object({
  findingId: z.string(),
  inspectionId: z.string(),
  inspectionLabel: z.string(),
  inspectionDate: z.string(),
  text: z.string(),
  score: z.number(),
});
const findingSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  kind: z.enum(FINDING_KINDS),
  text: z.string(),
  area: z.string().nullable(),
  reference: z.string().nullable(),
  frameworkReference: z.string().nullable(),
  position: z.number(),
  similarEarlier: z.array(similarSchema),
});

const draftSchema = z.object({
  authority: z.string().nullable().describe('The authority as the report names it'),
  area: z
    .object({ laCode: z.string(), gssCode: z.string(), name: z.string() })
    .nullable()
    .describe('The authority in the national list that name matches (null when unsure: see warnings)'),
  authorityCheck: z.object({
    otherAuthority: z
      .boolean()
      .nullable()
      .describe(
        'True when the report is of another authority than your organisation’s (by area code); null when it cannot be told',
      ),
    message: z.string().nullable(),
  }),
  overlaps: z
    .array(z.object({ id: z.string(), type: z.string(), startDate: z.string(), endDate: z.string().nullable() }))
    .describe('Inspections already recorded whose dates overlap the report’s: saving the report updates one of them'),
  type: z.string(),
  frameworkVersion: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  publishedDate: z.string().nullable(),
  judgements: z.record(z.string(), gradeSchema),
  lscbJudgement: gradeSchema.nullable(),
  findings: z.array(
    z.object({
      kind: z.enum(FINDING_KINDS),
      text: z.string(),
      reference: z.string().nullable(),
      frameworkReference: z
        .string()
        .nullable()
        .describe('National framework reference printed after the item since 2025, like "Outcome three"'),
    }),
  ),
  warnings: z.array(z.string()),
});

function toJson(i: InspectionRow, holidays: HolidaySet, now: Date) {
  const v = describeInspection(i, holidays, now);
  return {
    id: i.id,
    type: i.typeKey,
    frameworkVersion: i.frameworkVersionKey,
    startDate: i.startDate,
    endDate: i.endDate,
    publishedDate: i.publishedDate,
    receivedDate: i.receivedDate,
    reportUrl: i.reportUrl,
    priorityActions: i.priorityActions,
    judgements: i.judgements,
    actionPlanDueDate: v.actionPlan?.date ?? null,
    draftActionPlanDueDate: v.draftPlan?.date ?? null,
    deadlineStatus: v.actionPlan?.text ?? null,
    version: i.version,
  };
}

export function registerInspectionApi(api: ApiRegistry, services: Services): void {
  const { db } = services;

  api.add({
    method: 'post',
    path: '/inspections',
    tag: 'Inspections',
    summary: 'Record an inspection (judgements only for the areas its type judges)',
    body: createBody,
    response: inspectionSchema,
    status: 201,
    handler: async ({ body, actor, user }) => {
      const created = await db.transaction().execute((trx) => createInspection(trx, actor, body));
      return toJson(created, await loadHolidays(db, user.organisationId), services.now());
    },
  });

  api.add({
    method: 'get',
    path: '/inspections',
    tag: 'Inspections',
    summary: 'Every inspection and visit of your organisation, latest first',
    response: listOf(inspectionSchema),
    handler: async ({ user }) => {
      const holidays = await loadHolidays(db, user.organisationId);
      return {
        items: (await listInspections(db, user.organisationId)).map((i) => toJson(i, holidays, services.now())),
      };
    },
  });

  api.add({
    method: 'post',
    path: '/inspections/import-report',
    tag: 'Inspections',
    summary: 'Read a published Ofsted report (PDF, multipart field "file") into a draft inspection; nothing is saved',
    multipart: { kind: 'report-pdf', fileField: 'file' },
    response: draftSchema,
    handler: async ({ req, user }) => {
      if (!req.file)
        throw new ValidationError([
          { path: 'file', message: 'Send the report as a multipart file field named "file"' },
        ]);
      const draft = await readReport(req.file.buffer);
      const checks = await checkReport(db, user.organisationId, draft);
      return {
        ...draft,
        authorityCheck: { otherAuthority: checks.otherAuthority, message: checks.authorityMessage },
        overlaps: checks.overlaps.map((o) => ({
          id: o.id,
          type: o.typeKey,
          startDate: o.startDate,
          endDate: o.endDate,
        })),
      };
    },
  });

  api.add({
    method: 'get',
    path: '/inspections/:id',
    tag: 'Inspections',
    summary: 'One inspection with its action plan deadline',
    response: inspectionSchema,
    handler: async ({ params, user }) => {
      const i = await getOwned(db, user.organisationId, 'inspections', params.id);
      return toJson(i, await loadHolidays(db, user.organisationId), services.now());
    },
  });

  api.add({
    method: 'post',
    path: '/inspections/:id/findings',
    tag: 'Inspections',
    summary: 'Add a finding to an inspection',
    body: findingBody,
    response: findingSchema,
    status: 201,
    handler: async ({ params, body, actor, user }) => {
      const inspection = await getOwned(db, user.organisationId, 'inspections', params.id);
      const input = {
        kind: str(body.kind),
        text: str(body.text),
        area: str(body.area) || null,
        reference: str(body.reference) || null,
      };
      const [created] = await db.transaction().execute((trx) => addFindings(trx, actor, inspection, [input]));
      const similar = await similarEarlier(db, user.organisationId, inspection, [created]);
      return {
        id: created.id,
        inspectionId: created.inspectionId,
        kind: created.kind,
        text: created.text,
        area: created.areaKey,
        reference: created.reference,
        frameworkReference: created.frameworkReference,
        position: created.position,
        similarEarlier: similar.get(created.id) ?? [],
      };
    },
  });

  api.add({
    method: 'get',
    path: '/inspections/:id/findings',
    tag: 'Inspections',
    summary: 'An inspection’s findings, each with similar findings from earlier inspections',
    response: listOf(findingSchema),
    handler: async ({ params, user }) => {
      const inspection = await getOwned(db, user.organisationId, 'inspections', params.id);
      const findings = await listFindings(db, user.organisationId, inspection.id);
      const similar = await similarEarlier(db, user.organisationId, inspection, findings);
      return {
        items: findings.map((f) => ({
          id: f.id,
          inspectionId: f.inspectionId,
          kind: f.kind,
          text: f.text,
          area: f.areaKey,
          reference: f.reference,
          frameworkReference: f.frameworkReference,
          position: f.position,
          similarEarlier: similar.get(f.id) ?? [],
        })),
      };
    },
  });
}
