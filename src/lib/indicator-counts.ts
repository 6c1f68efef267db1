import { formatNumber } from './charts/svg.js';
import { parseWholeNumberText } from './numbers.js';
import { parseNumberCell, unitError, type Unit } from './indicator-values.js';

export type TypedField = 'value' | 'numerator' | 'denominator';

/** A problem with one of the three things typed; the message follows the row's name ("Row 3, column E: …"). */
export interface TypedProblem {
  field: TypedField;
  message: string;
}

export type TypedValue =
  | { ok: true; value: number | null; numerator: number | null; denominator: number | null; suppressed?: string }
  | { ok: false; problems: TypedProblem[] };

/** A percentage to one decimal place; the nudge keeps 82.05 from becoming 82.0 through binary rounding. */
export const toOneDecimal = (n: number): number => Math.round(n * 10 + 1e-9) / 10;

const blank = (cell: unknown) => cell === null || cell === undefined || String(cell).trim() === '';

function readCount(field: 'numerator' | 'denominator', cell: unknown): number | null | TypedProblem {
  if (blank(cell)) return null;
  const parsed = parseWholeNumberText(cell, field);
  if (!parsed.ok) return { field, message: parsed.message };
  if (parsed.value === null) return null;
  if (parsed.value < 0) return { field, message: `${field} must be 0 or more` };
  return parsed.value;
}

/**
 * Read a period's value as an officer types it, in the entry grid or a spreadsheet row: the value, and
 * for a percentage the count behind it ("169 of 206"), both counts or neither. With both counts the
 * percentage is worked out from them (to one decimal place); a value typed as well must agree with
 * it to one decimal place. Blank counts leave the value as typed. Every problem names its field.
 */
export function readTypedValue(
  unit: Unit,
  cells: { value: unknown; numerator?: unknown; denominator?: unknown },
): TypedValue {
  const problems: TypedProblem[] = [];
  const parsed = parseNumberCell(cells.value);
  if (!parsed.ok) problems.push({ field: 'value', message: parsed.message });
  else if (parsed.value !== null) {
    const ue = unitError(parsed.value, unit);
    if (ue) problems.push({ field: 'value', message: `${parsed.value} ${ue}` });
  }
  const n = readCount('numerator', cells.numerator);
  const d = readCount('denominator', cells.denominator);
  for (const c of [n, d]) if (c !== null && typeof c === 'object') problems.push(c);
  const numerator = typeof n === 'number' ? n : null;
  const denominator = typeof d === 'number' ? d : null;
  const given = [blank(cells.numerator), blank(cells.denominator)].filter((b) => !b).length;
  if (given && unit !== 'percent') {
    const field = blank(cells.numerator) ? 'denominator' : 'numerator';
    return {
      ok: false,
      problems: [{ field, message: 'a numerator and denominator can only be given for a percentage' }],
    };
  }
  if (given === 1) {
    const missing = blank(cells.numerator) ? 'numerator' : 'denominator';
    const other = missing === 'numerator' ? 'denominator' : 'numerator';
    problems.push({ field: missing, message: `enter the ${missing} as well as the ${other}, or neither` });
  }
  if (denominator === 0) problems.push({ field: 'denominator', message: 'denominator must be more than 0' });
  else if (numerator !== null && denominator !== null && numerator > denominator)
    problems.push({
      field: 'numerator',
      message: `numerator (${formatNumber(numerator, 0)}) cannot be more than the denominator (${formatNumber(denominator, 0)})`,
    });
  if (problems.length || !parsed.ok) return { ok: false, problems };
  if (numerator === null || denominator === null)
    return { ok: true, value: parsed.value, numerator: null, denominator: null, suppressed: parsed.suppressed };
  if (parsed.suppressed)
    return {
      ok: false,
      problems: [
        {
          field: 'value',
          message: `a suppressed value (${parsed.suppressed}) has no count: leave the numerator and denominator blank`,
        },
      ],
    };
  const worked = toOneDecimal((numerator / denominator) * 100);
  if (parsed.value !== null && toOneDecimal(parsed.value) !== worked)
    return {
      ok: false,
      problems: [
        {
          field: 'value',
          message: `${formatNumber(numerator, 0)} of ${formatNumber(denominator, 0)} is ${worked.toFixed(1)}%, not ${formatNumber(parsed.value, 2)}%: correct the value or the counts`,
        },
      ],
    };
  return { ok: true, value: worked, numerator, denominator };
}

/**
 * The counts a corrected percentage keeps: the stored ones while they still give the corrected value
 * (to one decimal place), else none — a figure must never show a count that contradicts it
 * ("50% (169 of 206)"). The audit trail keeps the old counts.
 */
export function countsAfterCorrection(
  value: number | null,
  stored: { numerator: number | null; denominator: number | null },
): { numerator: number | null; denominator: number | null } {
  const { numerator, denominator } = stored;
  const none = { numerator: null, denominator: null };
  if (value === null || numerator === null || denominator === null || denominator === 0) return none;
  return toOneDecimal((numerator / denominator) * 100) === toOneDecimal(value) ? { numerator, denominator } : none;
}
