import { z } from 'zod';
import { isoDate } from '../../api/registry.js';
import { ACTION_STATUSES, EVIDENCE_RAGS, OWNER_RAGS } from '../../lib/rag.js';
import { dateField, numberField, requiredText } from '../../lib/validation.js';
import { PLAN_STATUSES, SOURCE_KINDS } from './tables.js';

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional().default('');
const reference = z
  .string({ error: 'Enter a reference, like 2.3' })
  .trim()
  .min(1, 'Enter a reference, like 2.3')
  .max(20, 'Reference must be 20 characters or fewer')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9.\-/ ]*$/,
    'Reference must start with a letter or number and use only letters, numbers, full stops, hyphens and slashes',
  );

// ----- API bodies -----
export const apiPlanCreate = z.object({
  title: requiredText('a title', 200),
  startDate: isoDate('Start date'),
  endDate: isoDate('End date'),
  themes: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  inspectionIds: z.array(z.string()).max(20).optional(),
  toleranceWorkingDays: z.number().int().min(0).max(60).optional(),
});
export const apiPlanUpdate = apiPlanCreate.extend({ version: z.number().int() });
export const apiPlanApprove = z.object({
  approvalBody: requiredText('the body that approved the plan', 200),
  approvalDate: isoDate('Approval date'),
  approvalReference: optionalText('Decision reference', 200),
  version: z.number().int(),
});

export const apiActionCreate = z.object({
  reference,
  title: requiredText('a title', 300),
  description: optionalText('Description', 5000),
  themeId: z.string().nullable().optional(),
  ownerId: z.string().nullable().optional(),
  startDate: isoDate('Start date'),
  dueDate: isoDate('Due date'),
  successMeasures: optionalText('Success measures', 5000),
  status: z.enum(ACTION_STATUSES, { error: `Status must be one of ${ACTION_STATUSES.join(', ')}` }).optional(),
  findingIds: z.array(z.string()).max(50).optional(),
  indicatorIds: z.array(z.string()).max(20).optional(),
  sources: z
    .array(z.object({ source: z.enum(SOURCE_KINDS), description: z.string().trim().min(1).max(500) }))
    .max(20)
    .optional(),
});
/** Moving a due date later needs a reason (ADR 0860); an editor may accept the new date at once. */
const rebaselineFields = {
  rebaselineReason: z
    .string()
    .trim()
    .max(1000, 'Reason for moving the due date must be 1000 characters or fewer')
    .nullable()
    .optional(),
  acceptRebaseline: z.boolean().optional(),
};
export const apiActionUpdate = apiActionCreate.extend({ version: z.number().int(), ...rebaselineFields });

export const apiMilestoneCreate = z.object({
  title: requiredText('a title', 300),
  dueDate: isoDate('Due date'),
  completedDate: isoDate('Completed date').nullable().optional(),
  evidenceNote: optionalText('Evidence note', 2000),
});
export const apiMilestoneUpdate = apiMilestoneCreate.extend({ version: z.number().int(), ...rebaselineFields });

export const apiUpdateCreate = z.object({
  date: isoDate('Date'),
  narrative: requiredText('what has happened since the last update', 10_000),
  ownerRag: z.enum(OWNER_RAGS, { error: `Owner RAG must be one of ${OWNER_RAGS.join(', ')}` }),
  challengeReason: z.string().trim().max(2000, 'Reason must be 2000 characters or fewer').nullable().optional(),
});

// ----- API responses -----
export const planOut = z.object({
  id: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(PLAN_STATUSES),
  planVersion: z.number(),
  previousPlanId: z.string().nullable(),
  approvalBody: z.string().nullable(),
  approvalDate: z.string().nullable(),
  approvalReference: z.string().nullable(),
  readyToSubmit: z.boolean(),
  toleranceWorkingDays: z.number(),
  version: z.number(),
});
const ragCounts = z.object({
  red: z.number(),
  amber: z.number(),
  green: z.number(),
  complete: z.number(),
  'not-started': z.number(),
});
export const summaryOut = z.object({
  actions: z.number(),
  rag: z.object({
    evidence: ragCounts,
    owner: z.object({ red: z.number(), amber: z.number(), green: z.number(), complete: z.number(), none: z.number() }),
  }),
  challenged: z.number(),
  overdueMilestones: z.number(),
  uncoveredFindings: z.array(z.string()),
});
export const actionOut = z.object({
  id: z.string(),
  planId: z.string(),
  reference: z.string(),
  title: z.string(),
  description: z.string(),
  themeId: z.string().nullable(),
  ownerId: z.string().nullable(),
  startDate: z.string(),
  dueDate: z.string(),
  originalDueDate: z.string(),
  agreedDueDate: z.string(),
  rebaselineCount: z.number(),
  successMeasures: z.string(),
  status: z.enum(ACTION_STATUSES),
  evidenceRag: z.enum(EVIDENCE_RAGS),
  ownerRag: z.enum(OWNER_RAGS).nullable(),
  challenged: z.boolean(),
  findingIds: z.array(z.string()),
  indicatorIds: z.array(z.string()),
  version: z.number(),
});
export const milestoneOut = z.object({
  id: z.string(),
  actionId: z.string(),
  title: z.string(),
  dueDate: z.string(),
  /** The first due date (the due date itself until it moves). */
  originalDueDate: z.string(),
  /** The date the evidence RAG counts from: earlier than the due date while a move awaits an editor's acceptance. */
  agreedDueDate: z.string(),
  completedDate: z.string().nullable(),
  evidenceNote: z.string(),
  version: z.number(),
});
export const updateOut = z.object({
  id: z.string(),
  actionId: z.string(),
  date: z.string(),
  narrative: z.string(),
  ownerRag: z.enum(OWNER_RAGS),
  evidenceRag: z.enum(EVIDENCE_RAGS),
  challenged: z.boolean(),
  challengeReason: z.string().nullable(),
});

// ----- Web forms (dates as people type them) -----
/** A required date from the GOV.UK date boxes (src/lib/validation.ts). */
export const formDate = (label: string) => dateField(label).transform((v) => v as string);
const version = z.coerce.number().int();
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean));

const rebaselineFormFields = {
  rebaselineReason: optionalText('Reason for moving the due date', 1000),
  acceptRebaseline: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
};

export const planForm = z.object({
  title: requiredText('a title', 200),
  startDate: formDate('Start date'),
  endDate: formDate('End date'),
  themes: z
    .string()
    .optional()
    .default('')
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  inspectionIds: many,
  toleranceWorkingDays: numberField('Tolerance', { required: true, whole: true }).pipe(
    z.number().min(0, 'Tolerance must be 0 or more').max(60, 'Tolerance must be 60 working days or fewer'),
  ),
});
export const planEditForm = planForm.extend({ version });
export const approveForm = z.object({
  approvalBody: requiredText('the body that approved the plan, like Cabinet', 200),
  approvalDate: formDate('Approval date'),
  approvalReference: optionalText('Decision reference', 200),
  version,
});

export const actionForm = z.object({
  reference,
  title: requiredText('a title', 300),
  description: optionalText('Description', 5000),
  themeId: z.string().optional().default(''),
  ownerId: z.string().optional().default(''),
  startDate: formDate('Start date'),
  dueDate: formDate('Due date'),
  successMeasures: optionalText('Success measures', 5000),
  status: z.enum(ACTION_STATUSES, { error: 'Select a status' }),
  findingIds: many,
  indicatorIds: many,
  sourceKind: z
    .enum(['', ...SOURCE_KINDS])
    .optional()
    .default(''),
  sourceDescription: optionalText('Source description', 500),
});
export const actionEditForm = actionForm.extend({ version, ...rebaselineFormFields });

/** Completing a milestone is its own step (`completeForm`), so neither form has a completed date. */
export const milestoneForm = z.object({
  title: requiredText('a title', 300),
  dueDate: formDate('Due date'),
  evidenceNote: optionalText('Evidence note', 2000),
});
export const milestoneEditForm = milestoneForm.extend({ version, ...rebaselineFormFields });
export const completeForm = z.object({
  completedDate: formDate('Date it was completed'),
  evidenceNote: optionalText('Evidence note', 2000),
  version,
});

export const updateForm = z.object({
  date: formDate('Date of the update'),
  narrative: requiredText('what has happened since the last update', 10_000),
  ownerRag: z.enum(OWNER_RAGS, { error: 'Select your rating' }),
  challengeReason: z.string().trim().max(2000, 'Reason must be 2000 characters or fewer').optional().default(''),
});
