/**
 * GDS Transport is licensed for GOV.UK only. GOV.UK Frontend's compiled stylesheet declares it
 * (`@font-face` and `font-family: "GDS Transport", arial, sans-serif`); a service not on GOV.UK sets
 * `$govuk-font-family` to the fallback stack and `$govuk-include-default-font-face: false` when
 * compiling the Sass. We ship the precompiled CSS, so the same two changes are made to its text once
 * at start-up: drop the font-face rules and keep the fallback stack.
 */
export const FALLBACK_FONT_STACK = 'arial, sans-serif';

export function withoutGdsTransport(css: string): string {
  return css
    .replace(/@font-face\s*\{[^}]*font-family:\s*["']?GDS Transport["']?[^}]*\}/g, '')
    .replace(/font-family:\s*["']?GDS Transport["']?\s*,\s*/g, 'font-family:');
}
