import { isIsoDate, parseIsoDate, formatIsoDate } from './dates.js';

/** How often a forward-plan commitment recurs ("regular updates to scrutiny") or one-off ("a further report on 21 January"). */
export const RECURRENCES = ['one-off', 'monthly', 'quarterly', 'six-monthly', 'annual'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  'one-off': 'One-off',
  monthly: 'Every month',
  quarterly: 'Every quarter',
  'six-monthly': 'Every six months',
  annual: 'Every year',
};

const MONTHS: Record<Exclude<Recurrence, 'one-off'>, number> = {
  monthly: 1,
  quarterly: 3,
  'six-monthly': 6,
  annual: 12,
};

/** Add calendar months, keeping the day but clamping to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(iso: string, months: number): string {
  if (!isIsoDate(iso)) throw new RangeError(`Not a real date: ${iso}`);
  const d = parseIsoDate(iso);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return formatIsoDate(target);
}

/** After a report is delivered: the next due date of a recurring commitment, or null for a one-off (it is done). */
export function nextDueDate(dueDate: string, recurrence: Recurrence): string | null {
  if (recurrence === 'one-off') return null;
  return addMonths(dueDate, MONTHS[recurrence]);
}
