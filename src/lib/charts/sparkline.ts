import { CHART_FONT, chartId, esc, fmt, r } from './svg.js';

/** A tiny trend line for a table cell: role="img" with a title saying what it shows. */
export function sparklineSvg(values: (number | null)[], label: string, width = 96, height = 24): string {
  const pts = values
    .map((v, i) => [i, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null && Number.isFinite(p[1]));
  const id = chartId('spark');
  if (pts.length < 2) return '';
  const ys = pts.map((p) => p[1]);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const n = values.length;
  const x = (i: number) => 2 + (i * (width - 4)) / Math.max(1, n - 1);
  const y = (v: number) => (hi === lo ? height / 2 : height - 3 - ((v - lo) * (height - 6)) / (hi - lo));
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${r(x(p[0]))} ${r(y(p[1]))}`).join('');
  const last = pts[pts.length - 1];
  const text = `${label}: ${fmt(ys[0])} to ${fmt(ys[ys.length - 1])} over the last ${n} periods`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="waymark-sparkline" font-family="${CHART_FONT}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title" focusable="false"><title id="${id}-title">${esc(text)}</title><path d="${d}" fill="none" stroke="#0b0c0c" stroke-width="1.5"/><circle cx="${r(x(last[0]))}" cy="${r(y(last[1]))}" r="2.5" fill="#0b0c0c"/></svg>`;
}
