import { z } from 'zod';
import { numberField } from '../../lib/validation.js';
import { FREQUENCIES, POLARITIES, UNITS } from './tables.js';
import { isPeriod, PERIOD_FORMAT_HINT } from '../../lib/periods.js';
import { MEASURES_BY_KEY } from '../benchmarks/measures.js';

// Typed numbers through the one parser (src/lib/numbers.ts): "16,2" is refused, never saved as 162.
const optionalNumber = (label: string) => numberField(label);
const requiredNumber = (label: string) => numberField(label, { required: true }).transform((v) => v as number);

const period = (label: string) =>
  z
    .string({ error: `Enter the ${label.toLowerCase()}` })
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}`)
    .refine(isPeriod, `${label} must be ${PERIOD_FORMAT_HINT}`);

export const indicatorFields = {
  name: z.string().trim().min(1, 'Enter the indicator name').max(200, 'Name must be 200 characters or fewer'),
  definition: z.string().trim().max(2000, 'Definition must be 2,000 characters or fewer').default(''),
  unit: z.enum(UNITS, { error: 'Select the unit' }),
  polarity: z.enum(POLARITIES, { error: 'Select whether higher or lower is better' }),
  frequency: z.enum(FREQUENCIES, { error: 'Select how often it is reported' }),
  theme: z.string().trim().min(1, 'Enter a theme, like Workforce').max(100, 'Theme must be 100 characters or fewer'),
  owner: z.string().trim().max(200, 'Owner must be 200 characters or fewer').default(''),
  dataSource: z.string().trim().max(200, 'Data source must be 200 characters or fewer').default(''),
  nationalMeasure: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || MEASURES_BY_KEY.has(v), 'Select a national measure from the list')
    .transform((v) => v || null),
  tolerance: optionalNumber('Tolerance')
    .refine((v) => v === null || v >= 0, 'Tolerance must be 0 or more')
    .transform((v) => v ?? 0),
};

export const newIndicatorSchema = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter a key, like agency-rate')
    .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'Key must be lower-case letters, numbers and hyphens, like agency-rate'),
  ...indicatorFields,
});

export const editIndicatorSchema = z.object({ ...indicatorFields, version: z.coerce.number().int() });

export const targetSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('period'), period: period('Period'), value: requiredNumber('Target value') }),
    z.object({
      kind: z.literal('trajectory'),
      startPeriod: period('Start period'),
      startValue: requiredNumber('Start value'),
      endPeriod: period('End period'),
      endValue: requiredNumber('End value'),
    }),
  ],
  { error: 'Select the kind of target' },
);

export const correctionSchema = z.object({
  value: optionalNumber('Value'),
  note: z
    .string()
    .trim()
    .min(1, 'Say why the value is being corrected')
    .max(1000, 'Note must be 1,000 characters or fewer'),
  version: z.coerce.number().int(),
});

export const gridPeriodSchema = z.object({ period: period('Period') });
