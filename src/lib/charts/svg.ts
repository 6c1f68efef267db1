/** Small helpers for hand-written, server-rendered SVG. */
export function esc(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const formatters = new Map<number, Intl.NumberFormat>();
/** en-GB number text (1,234.5) with a cached formatter: toLocaleString builds one per call and is slow. */
export function formatNumber(n: number | null | undefined, digits = 1, missing = '–'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return missing;
  let f = formatters.get(digits);
  if (!f) formatters.set(digits, (f = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits })));
  return f.format(n);
}

export function fmt(n: number | null | undefined, digits = 1): string {
  return formatNumber(n, digits, 'no value');
}

/** Coordinates rounded to 0.1px keep the markup short and stable for tests. */
export function r(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

let counter = 0;
/** A unique id prefix for a chart's title and description. */
export function chartId(prefix = 'chart'): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}-${counter}`;
}

/**
 * Line styles that differ by more than colour: each has its own dash pattern and marker shape, so
 * the chart reads in greyscale print and for people who cannot tell the colours apart.
 */
export const LINE_STYLES = [
  { colour: '#1d70b8', dash: '', marker: 'circle', width: 3 },
  { colour: '#000000', dash: '8 4', marker: 'none', width: 2 },
  { colour: '#d4351c', dash: '2 3', marker: 'square', width: 2 },
  { colour: '#00703c', dash: '6 3 2 3', marker: 'triangle', width: 2 },
  { colour: '#6f72af', dash: '10 2', marker: 'diamond', width: 2 },
  { colour: '#f47738', dash: '1 2', marker: 'cross', width: 2 },
] as const;

export type MarkerShape = (typeof LINE_STYLES)[number]['marker'];

export function marker(shape: MarkerShape, x: number, y: number, colour: string, size = 4): string {
  switch (shape) {
    case 'circle':
      return `<circle cx="${r(x)}" cy="${r(y)}" r="${size}" fill="${colour}"/>`;
    case 'square':
      return `<rect x="${r(x - size)}" y="${r(y - size)}" width="${size * 2}" height="${size * 2}" fill="${colour}"/>`;
    case 'triangle':
      return `<path d="M${r(x)} ${r(y - size)}L${r(x + size)} ${r(y + size)}L${r(x - size)} ${r(y + size)}Z" fill="${colour}"/>`;
    case 'diamond':
      return `<path d="M${r(x)} ${r(y - size)}L${r(x + size)} ${r(y)}L${r(x)} ${r(y + size)}L${r(x - size)} ${r(y)}Z" fill="${colour}"/>`;
    case 'cross':
      return `<path d="M${r(x - size)} ${r(y - size)}L${r(x + size)} ${r(y + size)}M${r(x + size)} ${r(y - size)}L${r(x - size)} ${r(y + size)}" stroke="${colour}" stroke-width="2"/>`;
    default:
      return '';
  }
}

/**
 * GOV.UK Frontend's fallback sans-serif stack, set on every chart's root element: a chart saved on its
 * own (Word, PNG, the print view) otherwise falls back to a serif font, and GDS Transport is for
 * GOV.UK only (ADR 0840).
 */
export const CHART_FONT = 'arial, sans-serif';

export interface AxisLabel {
  index: number;
  x: number;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Which x-axis labels to draw, and how to anchor them, so none is cut at the chart's edge ("Oct 202")
 * or overlaps its neighbour ("Sep 2026 Oct 202…"). Widths are estimated generously (0.6 of the font
 * size per character, the widest of the fonts the chart is shown in); labels are taken every k-th
 * point for the smallest k that leaves a gap, the last label is always drawn (it is the latest
 * period), and a regular label too close to it is dropped. A label that would cross an edge is
 * anchored to it instead of centred.
 */
export function axisLabels(
  labels: readonly string[],
  xs: readonly number[],
  bounds: { left: number; right: number },
  fontSize = 14,
  gap = 8,
): AxisLabel[] {
  const n = labels.length;
  if (!n) return [];
  const width = (i: number) => labels[i].length * fontSize * 0.6;
  const place = (i: number): AxisLabel & { from: number; to: number } => {
    const w = width(i);
    if (xs[i] - w / 2 < bounds.left)
      return {
        index: i,
        x: Math.max(xs[i], bounds.left),
        anchor: 'start',
        from: Math.max(xs[i], bounds.left),
        to: Math.max(xs[i], bounds.left) + w,
      };
    if (xs[i] + w / 2 > bounds.right)
      return {
        index: i,
        x: Math.min(xs[i], bounds.right),
        anchor: 'end',
        from: Math.min(xs[i], bounds.right) - w,
        to: Math.min(xs[i], bounds.right),
      };
    return { index: i, x: xs[i], anchor: 'middle', from: xs[i] - w / 2, to: xs[i] + w / 2 };
  };
  for (let step = 1; step <= n; step++) {
    const chosen: (AxisLabel & { from: number; to: number })[] = [];
    for (let i = 0; i < n; i += step) chosen.push(place(i));
    if (chosen[chosen.length - 1].index !== n - 1) {
      const last = place(n - 1);
      if (chosen.length && chosen[chosen.length - 1].to + gap > last.from) chosen.pop();
      chosen.push(last);
    }
    const fits = chosen.every((c, k) => k === 0 || chosen[k - 1].to + gap <= c.from);
    if (fits) return chosen.map(({ index, x, anchor }) => ({ index, x, anchor }));
  }
  return [{ index: n - 1, ...(({ x, anchor }) => ({ x, anchor }))(place(n - 1)) }];
}
