import { z } from 'zod';
import { optionalDate, optionalId, optionalText, requiredText, wholeNumber } from '../governance/schemas.js';

const idList = z
  .union([z.array(z.string()), z.string(), z.null()])
  .optional()
  .transform((v) => [
    ...new Set((v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean)),
  ]);

/** One schema for the risk form and the API. */
export const riskSchema = z.object({
  reference: requiredText('the risk reference', 30),
  title: requiredText('the risk title', 300),
  cause: optionalText('the cause', 5000),
  consequence: optionalText('the consequence', 5000),
  ownerId: optionalId(),
  controls: optionalText('the controls', 10000),
  likelihood: wholeNumber('likelihood', 1, 5),
  impact: wholeNumber('impact', 1, 5),
  reviewDate: optionalDate('review date'),
  status: z.enum(['open', 'closed'], { error: 'Select whether the risk is open or closed' }).default('open'),
  scoreNote: optionalText('the reason for the score', 2000),
  indicatorIds: idList,
  planActionIds: idList,
});

export type RiskInput = z.infer<typeof riskSchema>;
