import type { ThemeResult } from '../../lib/case-audit-summary.js';
import { periodLabel } from '../../lib/periods.js';
import { lineChartSvg } from '../../lib/charts/line-chart.js';
import type { listCycles } from './cycles.js';

type ListedCycle = Awaited<ReturnType<typeof listCycles>>[number];

/** How many published cycles the overview and the reports look back over. */
export const TREND_CYCLES = 6;

export interface ThemeTrend {
  cycles: ListedCycle[];
  themes: { key: string; name: string; cells: (ThemeResult | undefined)[] }[];
}

/**
 * Each theme's results across the last published cycles of one series (oldest first): the series of
 * the latest published monthly cycle unless another is asked for. A theme a cycle's framework version
 * does not have is an empty cell.
 */
export function themeTrend(all: readonly ListedCycle[], series?: string): ThemeTrend {
  const published = all.filter((c) => c.status === 'published');
  const chosen = series ?? (published.find((c) => c.kind === 'monthly') ?? published[0])?.seriesKey;
  const cycles = published
    .filter((c) => c.seriesKey === chosen)
    .slice(0, TREND_CYCLES)
    .reverse();
  const names = new Map<string, string>();
  for (const c of cycles) for (const t of c.summary.themes) names.set(t.key, t.name);
  return {
    cycles,
    themes: [...names].map(([key, name]) => ({
      key,
      name,
      cells: cycles.map((c) => c.summary.themes.find((t) => t.key === key)),
    })),
  };
}

/** The trend as an accessible line chart (the same figures are in the table beside it). */
export function themeTrendChart(trend: ThemeTrend): string | null {
  if (trend.cycles.length < 2) return null;
  return lineChartSvg({
    title: 'Standards graded good or better, by theme',
    description:
      'Percentage of standards graded good or better in each theme, ' +
      `${periodLabel(trend.cycles[0].period)} to ${periodLabel(trend.cycles.at(-1)!.period)}. ` +
      'The figures and their counts are in the table.',
    xLabels: trend.cycles.map((c) => periodLabel(c.period)),
    series: trend.themes.map((t) => ({ name: t.name, values: t.cells.map((c) => c?.goodOrBetter ?? null) })),
    yLabel: 'Percent',
  });
}
