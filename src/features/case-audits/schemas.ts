import { z } from 'zod';
import { isoDate } from '../../api/registry.js';
import { requiredText } from '../../lib/validation.js';
import { CASE_LISTS } from '../../lib/case-audit-sampling.js';
import { MAX_SAMPLE } from './cases.js';
import { MAX_NOTE } from './audits.js';
import { MAX_QUOTE } from './learning.js';

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional().default('');
const optionalId = z
  .string()
  .trim()
  .max(40)
  .nullish()
  .transform((v) => v || null);

export const month = (label = 'Month') =>
  z
    .string({ error: `${label} must be a month like 2027-03` })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label} must be a month like 2027-03`);

/** The framework form: themes and standards and the scale as text (see lib/case-audit-framework). */
export const frameworkFormSchema = z.object({
  name: requiredText('the framework’s name', 120),
  description: optionalText('Description', 1000),
  themesText: z.string().max(60_000, 'The themes and standards must be 60,000 characters or fewer').default(''),
  scaleText: z.string().max(1000).default(''),
  goodOrBetter: z.coerce
    .number({ error: 'Enter how many of the top grades count as good or better' })
    .int('Enter a whole number')
    .default(2),
  changeNote: optionalText('What changed', 300),
});

const band = z.enum(['good-or-better', 'other', 'inadequate']);
export const frameworkApiSchema = z.object({
  name: requiredText('the framework’s name', 120),
  description: optionalText('Description', 1000),
  themes: z
    .array(
      z.object({
        name: requiredText('the theme’s name', 120),
        standards: z
          .array(
            z.object({ code: z.string().trim().max(12).nullish(), text: requiredText('what the standard asks', 500) }),
          )
          .min(1, 'A theme needs at least one standard')
          .max(100),
      }),
    )
    .min(1, 'Enter at least one theme')
    .max(20, 'A framework has at most 20 themes'),
  scale: z
    .array(z.object({ label: requiredText('the grade', 60), band }))
    .min(2)
    .max(7)
    .optional(),
  changeNote: optionalText('What changed', 300),
});

export const cycleSchema = z.object({
  title: requiredText('a title, like March 2027 practice audit', 120),
  kind: z.enum(['monthly', 'themed'], { error: 'Choose a monthly or a themed audit' }),
  period: month('The month of the audit'),
  topic: z
    .string()
    .trim()
    .max(80, 'The topic must be 80 characters or fewer')
    .nullish()
    .transform((v) => v || null),
  frameworkId: z.string({ error: 'Choose the audit framework' }).trim().min(1, 'Choose the audit framework').max(40),
  dueDate: isoDate('Due date')
    .nullish()
    .transform((v) => v ?? null),
});

export const sampleSchema = z.object({
  size: z.coerce
    .number({ error: 'Enter how many cases to audit' })
    .int('Enter a whole number of cases')
    .min(1, 'Audit at least 1 case')
    .max(MAX_SAMPLE, `A sample has at most ${MAX_SAMPLE} cases`),
  seed: z.coerce
    .number({ error: 'Enter the seed as a whole number' })
    .int('Enter the seed as a whole number from 1 to 999999')
    .min(1, 'Enter the seed as a whole number from 1 to 999999')
    .max(999_999, 'Enter the seed as a whole number from 1 to 999999')
    .optional(),
  lists: z.array(z.enum(CASE_LISTS, { error: 'Lists are cin, cp, cla and care-leaver' })).optional(),
});

export const addCaseSchema = z.object({
  caseId: requiredText('the case identifier from the case management system', 100),
  auditorId: optionalId,
  moderatorId: optionalId,
});

const grades = z.record(z.string().max(20), z.string().max(60));
export const patchAuditSchema = z.object({
  version: z.number().int().optional(),
  auditorId: optionalId.optional(),
  moderatorId: optionalId.optional(),
  grades: grades.optional(),
  overall: z.string().max(60).optional(),
  note: z.string().max(MAX_NOTE, `The evidence note must be ${MAX_NOTE} characters or fewer`).optional(),
  auditedOn: isoDate('Date audited').optional(),
  moderation: z
    .object({
      grades: grades.optional().default({}),
      overall: z.string({ error: 'Choose the moderated overall grade' }).max(60),
      note: z
        .string()
        .max(MAX_NOTE, `The moderation note must be ${MAX_NOTE} characters or fewer`)
        .optional()
        .default(''),
      moderatedOn: isoDate('Date moderated').optional(),
    })
    .optional(),
});

export const learningSchema = z.object({
  title: requiredText('the learning point, like “Direct work is not shaping plans”', 200),
  themeKey: optionalId,
  auditId: optionalId,
  quote: z
    .string()
    .trim()
    .max(MAX_QUOTE, `A quote must be ${MAX_QUOTE} characters or fewer`)
    .nullish()
    .transform((v) => v || null),
  actionId: optionalId,
});

const shareOut = {
  'good-or-better': z.number().nullable().describe('Percentage graded good or better (one decimal place)'),
  inadequate: z.number().nullable().describe('Percentage graded inadequate'),
  counts: z.record(z.string(), z.number().int()).describe('How many of each grade of the scale'),
  graded: z.number().int().describe('How many grades were counted (the denominator)'),
};

export const summaryOut = z.object({
  audits: z.number().int().describe('Audits with an overall grade'),
  cases: z.number().int().describe('Cases in the cycle, graded or not'),
  moderated: z.number().int(),
  agreed: z.number().int().describe('Moderated audits whose overall grade the moderator kept'),
  agreement: z
    .number()
    .nullable()
    .describe('Percentage of moderated audits where the moderator kept the overall grade'),
  overall: z.object(shareOut),
  themes: z.array(z.object({ key: z.string(), name: z.string(), ...shareOut, notApplicable: z.number().int() })),
  teams: z.array(z.object({ team: z.string(), ...shareOut })),
  changes: z.array(
    z.object({
      auditId: z.string(),
      reference: z.string(),
      overallBefore: z.string().nullable(),
      overallAfter: z.string(),
      standards: z.array(z.object({ key: z.string(), before: z.string().nullable(), after: z.string() })),
    }),
  ),
});

const gradeOut = z.object({ key: z.string(), label: z.string(), band });
const themeOut = z.object({
  key: z.string(),
  name: z.string(),
  standards: z.array(z.object({ key: z.string(), code: z.string(), text: z.string() })),
});
export const frameworkOut = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  currentVersion: z.object({
    id: z.string(),
    number: z.number().int(),
    changeNote: z.string(),
    themes: z.array(themeOut),
    scale: z.array(gradeOut),
  }),
  versions: z.array(
    z.object({ id: z.string(), number: z.number().int(), changeNote: z.string(), createdAt: z.string() }),
  ),
});

export const cycleOut = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['monthly', 'themed']),
  period: z.string(),
  topic: z.string().nullable(),
  status: z.enum(['open', 'published']),
  dueDate: z.string().nullable(),
  frameworkId: z.string(),
  frameworkVersionId: z.string(),
  indicatorSeries: z.string().describe('Indicators of this cycle have keys starting case-audit.<indicatorSeries>.'),
  sample: z
    .object({
      seed: z.number().int(),
      size: z.number().int(),
      lists: z.array(z.string()),
      importId: z.string(),
      referenceDate: z.string(),
      excluded: z.number().int(),
      available: z.number().int(),
      chosen: z.number().int(),
    })
    .nullable(),
  version: z.number().int(),
});

export const auditOut = z.object({
  id: z.string(),
  cycleId: z.string(),
  reference: z.string().describe('Short form of the keyed hash, as shown on screens'),
  caseHash: z.string().describe('HMAC-SHA256 of the case identifier with the organisation’s key, as Annex A stores it'),
  list: z.enum(CASE_LISTS).nullable(),
  team: z.string().nullable(),
  inLatestImport: z.boolean(),
  annexA: z.object({ importId: z.string(), list: z.number().int(), row: z.number().int() }).nullable(),
  origin: z.enum(['sample', 'manual', 'import']),
  status: z.enum(['not-allocated', 'allocated', 'graded', 'awaiting-moderation', 'moderated']),
  auditorId: z.string().nullable(),
  moderatorId: z.string().nullable(),
  grades: z.record(z.string(), z.string()),
  overall: z.string().nullable(),
  auditedOn: z.string().nullable(),
  note: z.string().nullable().optional().describe('Evidence note: only for editors, admins and auditors'),
  moderation: z
    .object({
      grades: z.record(z.string(), z.string()),
      overall: z.string(),
      moderatedOn: z.string().nullable(),
      note: z.string().nullable().optional(),
    })
    .nullable(),
  version: z.number().int(),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
