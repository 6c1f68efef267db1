/**
 * Numbers as people type them, in one place (ADR 0870). Every numeric form field, spreadsheet import
 * and API field that arrives as text goes through `parseNumberText`:
 *  - "16.2", "-3", ".5", " 16 " → as written;
 *  - "16.2%" → 16.2 (a percentage sign is dropped: the indicator's unit says it is a percentage);
 *  - "1,234", "12,345,678.5" → commas as thousands separators, in groups of three;
 *  - "16,2", "1,5", "1,50", "12,34,567" → refused: a comma there could be a decimal comma (16.2, 1.5)
 *    or a thousands separator typed wrongly (162, 15), and a value must never change silently.
 */

export type NumberText = { ok: true; value: number | null } | { ok: false; message: string };

const PLAIN = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * `label` names the field at the start of the message ("Value for March 2025", "Target value"); with
 * no label the message starts with what was typed, for callers that name the row and column first.
 */
export function parseNumberText(raw: unknown, label = ''): NumberText {
  const named = label ? `${label} ` : '';
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: `${named}is not a number` };
  const typed = String(raw).trim();
  if (!typed) return { ok: true, value: null };
  const text = typed.replace(/\s*%$/, '');
  const shown = typed.length > 40 ? `${typed.slice(0, 40)}…` : typed;
  if (PLAIN.test(text)) return { ok: true, value: Number(text) };
  if (THOUSANDS.test(text)) return { ok: true, value: Number(text.replace(/,/g, '')) };
  if (/^[+-]?[\d,]*\d[\d,]*(\.\d+)?$/.test(text) && text.includes(',')) {
    return {
      ok: false,
      message: `${named}“${shown}” is not clear: use a full stop for decimals (like 16.2) and commas only between thousands (like 1,234)`,
    };
  }
  return { ok: false, message: `${named}“${shown}” is not a number: type it like 16.2 or 1,234` };
}

/** A whole number as typed ("12", "1,000"); a decimal is refused rather than rounded. */
export function parseWholeNumberText(raw: unknown, label = ''): NumberText {
  const result = parseNumberText(raw, label);
  if (result.ok && result.value !== null && !Number.isInteger(result.value))
    return { ok: false, message: `${label ? `${label} ` : ''}must be a whole number` };
  return result;
}
