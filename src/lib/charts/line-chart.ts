import { scaleLinear } from 'd3-scale';
import { CHART_FONT, LINE_STYLES, axisLabels, chartId, esc, formatNumber, marker, r } from './svg.js';

export interface LineSeries {
  name: string;
  /** One value per x label; null where there is none. Defined points are joined across gaps. */
  values: (number | null)[];
}

export interface LineChartInput {
  title: string;
  description: string;
  xLabels: string[];
  series: LineSeries[];
  /** Label for the y axis, like "Percent" or "Cases per social worker". */
  yLabel?: string;
  width?: number;
  height?: number;
}

/**
 * A line chart as accessible SVG: role="img" with <title> and <desc>; each series has its own dash
 * pattern and marker shape as well as colour, and a legend naming it. Put the same data in a table.
 */
export function lineChartSvg(input: LineChartInput): string {
  const width = input.width ?? 680;
  const height = input.height ?? 320;
  const legendRows = Math.ceil(input.series.length / 2);
  const margin = { top: 16, right: 16, bottom: 48 + legendRows * 22, left: 56 };
  const id = chartId('line');
  const all = input.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = all.length ? Math.min(0, ...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const n = input.xLabels.length;
  const x = (i: number) =>
    margin.left +
    (n <= 1 ? (width - margin.left - margin.right) / 2 : (i * (width - margin.left - margin.right)) / (n - 1));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="waymark-chart" font-family="${CHART_FONT}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
  );
  parts.push(
    `<title id="${id}-title">${esc(input.title)}</title><desc id="${id}-desc">${esc(input.description)}</desc>`,
  );
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  for (const tick of y.ticks(5)) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${r(y(tick))}" y2="${r(y(tick))}" stroke="#b1b4b6" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${margin.left - 6}" y="${r(y(tick) + 4)}" text-anchor="end" font-size="12" fill="#0b0c0c">${esc(formatNumber(tick, 2))}</text>`,
    );
  }
  if (input.yLabel)
    parts.push(
      `<text x="12" y="${r((margin.top + height - margin.bottom) / 2)}" transform="rotate(-90 12 ${r((margin.top + height - margin.bottom) / 2)})" text-anchor="middle" font-size="12" fill="#0b0c0c">${esc(input.yLabel)}</text>`,
    );
  // Labels never cut at the edge nor overlapping (axisLabels): the last period is always named.
  const xs = input.xLabels.map((_, i) => x(i));
  for (const l of axisLabels(input.xLabels, xs, { left: 2, right: width - 2 })) {
    parts.push(
      `<text x="${r(l.x)}" y="${height - margin.bottom + 18}" text-anchor="${l.anchor}" font-size="12" fill="#0b0c0c">${esc(input.xLabels[l.index])}</text>`,
    );
  }
  parts.push(
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${r(y(lo < 0 ? 0 : y.domain()[0]))}" y2="${r(y(lo < 0 ? 0 : y.domain()[0]))}" stroke="#0b0c0c"/>`,
  );
  input.series.forEach((s, si) => {
    const style = LINE_STYLES[si % LINE_STYLES.length];
    const pts = s.values
      .map((v, i) => (v === null || !Number.isFinite(v) ? null : ([x(i), y(v)] as const)))
      .filter((p): p is readonly [number, number] => p !== null);
    if (pts.length > 1) {
      parts.push(
        `<path d="${pts.map((p, i) => `${i ? 'L' : 'M'}${r(p[0])} ${r(p[1])}`).join('')}" fill="none" stroke="${style.colour}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
      );
    }
    const showMarkers = style.marker !== 'none' && (pts.length <= 24 || si === 0);
    if (showMarkers || pts.length === 1)
      for (const p of pts)
        parts.push(
          marker(
            style.marker === 'none' ? 'circle' : style.marker,
            p[0],
            p[1],
            style.colour,
            pts.length > 24 ? 2.5 : 4,
          ),
        );
    const lx = margin.left + (si % 2) * ((width - margin.left) / 2);
    const ly = height - margin.bottom + 40 + Math.floor(si / 2) * 22;
    parts.push(
      `<line x1="${r(lx)}" x2="${r(lx + 32)}" y1="${ly}" y2="${ly}" stroke="${style.colour}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    );
    if (style.marker !== 'none') parts.push(marker(style.marker, lx + 16, ly, style.colour, 4));
    parts.push(`<text x="${r(lx + 40)}" y="${ly + 4}" font-size="13" fill="#0b0c0c">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
