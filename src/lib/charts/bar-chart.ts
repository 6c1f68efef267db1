import { scaleLinear } from 'd3-scale';
import { CHART_FONT, chartId, esc, fmt, formatNumber, r } from './svg.js';

export interface RankedBar {
  label: string;
  value: number;
  /** The authority the chart is about: drawn black, hatched and labelled. */
  highlight?: boolean;
  /** A comparator (for example a statistical neighbour): drawn mid-blue with a dot above. */
  mark?: boolean;
}

export interface RankedBarChartInput {
  title: string;
  description: string;
  bars: RankedBar[];
  /** A reference line, such as the England figure. */
  reference?: { label: string; value: number } | null;
  width?: number;
  height?: number;
}

/**
 * A ranked bar chart of many authorities (already in rank order), the highlighted one named on the
 * chart, comparators marked with a dot, and an optional reference line: differences do not rely on
 * colour alone. Put the same data in a table.
 */
export function rankedBarChartSvg(input: RankedBarChartInput): string {
  const width = input.width ?? 680;
  const height = input.height ?? 300;
  const margin = { top: 36, right: 16, bottom: 56, left: 56 };
  const id = chartId('bars');
  const values = input.bars.map((b) => b.value);
  const hi = Math.max(1, ...values, input.reference?.value ?? 0);
  const y = scaleLinear()
    .domain([0, hi])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const n = input.bars.length || 1;
  const band = (width - margin.left - margin.right) / n;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="waymark-chart" font-family="${CHART_FONT}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
  );
  parts.push(
    `<title id="${id}-title">${esc(input.title)}</title><desc id="${id}-desc">${esc(input.description)}</desc>`,
  );
  parts.push(
    `<defs><pattern id="${id}-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#0b0c0c"/><line x1="0" y1="0" x2="0" y2="4" stroke="#ffffff" stroke-width="1.5"/></pattern></defs>`,
  );
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  for (const tick of y.ticks(5)) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${r(y(tick))}" y2="${r(y(tick))}" stroke="#dddddd"/>`,
    );
    parts.push(
      `<text x="${margin.left - 6}" y="${r(y(tick) + 4)}" text-anchor="end" font-size="12" fill="#0b0c0c">${esc(formatNumber(tick, 2))}</text>`,
    );
  }
  input.bars.forEach((b, i) => {
    const x = margin.left + i * band;
    const top = y(b.value);
    const fill = b.highlight ? `url(#${id}-hatch)` : b.mark ? '#1d70b8' : '#b1b4b6';
    parts.push(
      `<rect x="${r(x + band * 0.1)}" y="${r(top)}" width="${r(Math.max(1, band * 0.8))}" height="${r(y(0) - top)}" fill="${fill}"${b.highlight ? ' stroke="#0b0c0c" stroke-width="1"' : ''}/>`,
    );
    if (b.mark && !b.highlight)
      parts.push(`<circle cx="${r(x + band / 2)}" cy="${r(top - 5)}" r="2.5" fill="#1d70b8"/>`);
  });
  const own = input.bars.findIndex((b) => b.highlight);
  if (own >= 0) {
    const b = input.bars[own];
    const cx = margin.left + own * band + band / 2;
    const anchor = own < n / 3 ? 'start' : own > (2 * n) / 3 ? 'end' : 'middle';
    parts.push(
      `<line x1="${r(cx)}" x2="${r(cx)}" y1="${r(margin.top - 10)}" y2="${r(y(b.value) - 2)}" stroke="#0b0c0c" stroke-width="1.5"/>`,
    );
    parts.push(
      `<text x="${r(cx)}" y="${margin.top - 14}" text-anchor="${anchor}" font-size="13" font-weight="bold" fill="#0b0c0c">${esc(`${b.label}: ${fmt(b.value)} (rank ${own + 1} of ${n})`)}</text>`,
    );
  }
  if (input.reference) {
    const ry = y(input.reference.value);
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${r(ry)}" y2="${r(ry)}" stroke="#d4351c" stroke-width="2" stroke-dasharray="8 4"/>`,
    );
  }
  parts.push(
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${r(y(0))}" y2="${r(y(0))}" stroke="#0b0c0c"/>`,
  );
  parts.push(
    `<text x="${margin.left}" y="${height - margin.bottom + 18}" font-size="12" fill="#0b0c0c">Best</text><text x="${width - margin.right}" y="${height - margin.bottom + 18}" text-anchor="end" font-size="12" fill="#0b0c0c">Worst</text>`,
  );
  const ly = height - 14;
  parts.push(
    `<rect x="${margin.left}" y="${ly - 9}" width="12" height="12" fill="url(#${id}-hatch)" stroke="#0b0c0c"/><text x="${margin.left + 18}" y="${ly + 1}" font-size="12" fill="#0b0c0c">This authority</text>`,
  );
  parts.push(
    `<rect x="${margin.left + 130}" y="${ly - 9}" width="12" height="12" fill="#1d70b8"/><circle cx="${margin.left + 136}" cy="${ly - 13}" r="2.5" fill="#1d70b8"/><text x="${margin.left + 148}" y="${ly + 1}" font-size="12" fill="#0b0c0c">Statistical neighbour</text>`,
  );
  if (input.reference)
    parts.push(
      `<line x1="${margin.left + 300}" x2="${margin.left + 330}" y1="${ly - 3}" y2="${ly - 3}" stroke="#d4351c" stroke-width="2" stroke-dasharray="8 4"/><text x="${margin.left + 336}" y="${ly + 1}" font-size="12" fill="#0b0c0c">${esc(`${input.reference.label}: ${fmt(input.reference.value)}`)}</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}
