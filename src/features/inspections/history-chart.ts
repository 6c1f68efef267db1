import {
  GRADE_LABELS,
  HISTORY_SERIES,
  HISTORY_SERIES_LABELS,
  frameworkVersion,
  inspectionType,
  type Grade,
  type HistorySeries,
} from '../../lib/frameworks.js';
import { formatGovukDate, parseIsoDate } from '../../lib/dates.js';
import { CHART_FONT } from '../../lib/charts/svg.js';

export interface HistoryPoint {
  inspectionId: string;
  date: string;
  typeLabel: string;
  series: HistorySeries;
  grade: Grade;
}

/** The graded judgements of each inspection, placed on the history rows (series) they belong to. */
export function historyPoints(
  inspections: { id: string; typeKey: string; frameworkVersionKey: string; startDate: string; judgements: unknown }[],
): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  for (const i of inspections) {
    const version = frameworkVersion(i.frameworkVersionKey);
    const type = inspectionType(i.typeKey);
    if (!version || !type?.graded) continue;
    for (const [area, grade] of Object.entries((i.judgements ?? {}) as Record<string, Grade>)) {
      const a = version.areas.find((x) => x.key === area);
      if (a) points.push({ inspectionId: i.id, date: i.startDate, typeLabel: type.label, series: a.series, grade });
    }
  }
  return points.sort((a, b) => a.date.localeCompare(b.date));
}

const COLOURS: Record<Grade, string> = {
  outstanding: '#00703c',
  good: '#1d70b8',
  'requires-improvement': '#f47738',
  inadequate: '#d4351c',
};
const SHORT: Record<Grade, string> = { outstanding: 'O', good: 'G', 'requires-improvement': 'RI', inadequate: 'I' };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A server-rendered dot chart: one row per judgement area, one column per graded inspection, coloured and lettered by grade. */
export function historyChartSvg(points: HistoryPoint[], title: string): string {
  const series = HISTORY_SERIES.filter((s) => points.some((p) => p.series === s));
  const dates = [...new Set(points.map((p) => p.date))].sort();
  if (!series.length) return '';
  const left = 190;
  const top = 20;
  const rowH = 44;
  const width = 720;
  const height = top + series.length * rowH + 50;
  const t0 = parseIsoDate(dates[0]).getTime();
  const t1 = parseIsoDate(dates[dates.length - 1]).getTime();
  const x = (d: string) =>
    t1 === t0
      ? (left + width - 30) / 2 + 60
      : left + 30 + ((parseIsoDate(d).getTime() - t0) / (t1 - t0)) * (width - left - 70);
  const y = (s: HistorySeries) => top + series.indexOf(s) * rowH + rowH / 2;
  const desc = series
    .map(
      (s) =>
        `${HISTORY_SERIES_LABELS[s]}: ${points
          .filter((p) => p.series === s)
          .map((p) => `${GRADE_LABELS[p.grade].toLowerCase()} (${formatGovukDate(p.date)})`)
          .join(', ')}`,
    )
    .join('. ');
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="waymark-chart" font-family="${CHART_FONT}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="history-chart-title history-chart-desc">`,
  );
  parts.push(`<title id="history-chart-title">${esc(title)}</title><desc id="history-chart-desc">${esc(desc)}.</desc>`);
  for (const s of series) {
    parts.push(
      `<text x="${left - 12}" y="${y(s) + 5}" text-anchor="end" font-size="15" fill="#0b0c0c">${esc(HISTORY_SERIES_LABELS[s])}</text>`,
    );
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(s)}" y2="${y(s)}" stroke="#b1b4b6" stroke-width="1"/>`);
  }
  for (const d of dates) {
    parts.push(
      `<text x="${x(d)}" y="${height - 22}" text-anchor="middle" font-size="14" fill="#0b0c0c">${esc(d.slice(0, 4))}</text>`,
    );
  }
  for (const p of points) {
    parts.push(`<circle cx="${x(p.date)}" cy="${y(p.series)}" r="16" fill="${COLOURS[p.grade]}"/>`);
    parts.push(
      `<text x="${x(p.date)}" y="${y(p.series) + 5}" text-anchor="middle" font-size="13" font-weight="bold" fill="#ffffff">${SHORT[p.grade]}</text>`,
    );
  }
  parts.push(
    `<text x="${left}" y="${height - 4}" font-size="13" fill="#505a5f">O outstanding, G good, RI requires improvement to be good, I inadequate</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

/** The same data as a table: one row per graded inspection, one column per area. */
export function historyTable(points: HistoryPoint[]) {
  const series = HISTORY_SERIES.filter((s) => points.some((p) => p.series === s));
  const byInspection = new Map<
    string,
    { date: string; typeLabel: string; grades: Partial<Record<HistorySeries, Grade>> }
  >();
  for (const p of points) {
    const row = byInspection.get(p.inspectionId) ?? { date: p.date, typeLabel: p.typeLabel, grades: {} };
    row.grades[p.series] = p.grade;
    byInspection.set(p.inspectionId, row);
  }
  return {
    columns: series.map((s) => ({ key: s, label: HISTORY_SERIES_LABELS[s] })),
    rows: [...byInspection.entries()].map(([id, r]) => ({
      id,
      ...r,
      cells: series.map((s) => (r.grades[s] ? GRADE_LABELS[r.grades[s]!] : '–')),
    })),
  };
}
