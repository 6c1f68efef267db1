/**
 * Colour contrast by WCAG 2.2's formula (relative luminance of sRGB, (L1 + 0.05) / (L2 + 0.05)), used
 * to refuse a header colour whose text would not meet level AA.
 */

const HEX = /^#([0-9a-f]{6})$/i;

/** '#1D70B8', '1d70b8' or '#1d70b8' → '#1d70b8'; null when it is not a six-digit hex colour. */
export function normaliseHexColour(input: string): string | null {
  const text = input.trim().toLowerCase();
  const withHash = text.startsWith('#') ? text : `#${text}`;
  return HEX.test(withHash) ? withHash : null;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const colour = normaliseHexColour(hex);
  if (!colour) throw new RangeError(`Not a colour: ${hex}`);
  const n = Number.parseInt(colour.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The contrast ratio of two colours, 1 to 21, rounded down to 2 decimals so 4.499 never passes as 4.5. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return Math.floor(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}

/** WCAG 2.2 AA for normal-size text (1.4.3). The header's focus and hover states use the same text colour. */
export const AA_NORMAL_TEXT = 4.5;

export const HEADER_TEXT_COLOURS = { white: '#ffffff', black: '#0b0c0c' } as const;
export type HeaderTextColour = keyof typeof HEADER_TEXT_COLOURS;

/**
 * Whether header text of the chosen colour is readable on the brand colour; the message says how far
 * off it is and which way to go, so an admin can fix it without a contrast tool.
 */
export function headerContrastProblem(brandColour: string, text: HeaderTextColour): string | null {
  const ratio = contrastRatio(brandColour, HEADER_TEXT_COLOURS[text]);
  if (ratio >= AA_NORMAL_TEXT) return null;
  const other: HeaderTextColour = text === 'white' ? 'black' : 'white';
  const otherRatio = contrastRatio(brandColour, HEADER_TEXT_COLOURS[other]);
  const hint =
    otherRatio >= AA_NORMAL_TEXT
      ? `; ${other} text would have ${otherRatio}:1`
      : `; choose a ${text === 'white' ? 'darker' : 'lighter'} colour`;
  return `${text === 'white' ? 'White' : 'Black'} text on ${brandColour} has a contrast ratio of ${ratio}:1 and needs at least ${AA_NORMAL_TEXT}:1${hint}`;
}
