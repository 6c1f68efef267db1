/**
 * Text a spreadsheet would treat as a formula (or as a command, over DDE) starts with `=`, `+`, `-`
 * or `@`, or with a tab or carriage return that hides one of those. Such text is written with a
 * leading apostrophe so Excel and LibreOffice show it as typed and never evaluate it (OWASP CSV
 * injection). Numbers are left as numbers: a negative number is a value, not a formula.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function isFormulaLike(text: string): boolean {
  return DANGEROUS_START.test(text);
}

export function neutraliseText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** A cell value safe to write: strings neutralised, numbers and null unchanged. */
export function safeCell(value: string | number | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return neutraliseText(value);
}
