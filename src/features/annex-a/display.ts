import { formatNumber } from '../../lib/charts/svg.js';
import type { StoredIndicator } from './tables.js';

/** An Annex A figure as the pages show it: at most one decimal place, a % on percentages, "No figure" where none could be computed. */
export const formatValue = (unit: string, value: number | null) =>
  value === null ? 'No figure' : unit === 'percent' ? `${formatNumber(value, 1)}%` : formatNumber(value, 1);

/** The figures an import computed (none before it was checked). */
export const storedIndicators = (imp: { indicators: unknown } | undefined | null): StoredIndicator[] =>
  (imp?.indicators as StoredIndicator[] | null) ?? [];

/** The figures an import computed, each with the text it is shown as. */
export const displayedIndicators = (imp: { indicators: unknown } | undefined | null) =>
  storedIndicators(imp).map((i) => ({ ...i, display: formatValue(i.unit, i.value) }));
