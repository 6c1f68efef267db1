import type nunjucks from 'nunjucks';
import { countWithPercent, percentWithCount } from '../../lib/percent-count.js';
import { formatNumber } from '../../lib/charts/svg.js';
import { forecastLabel } from './forecast.js';

/** An indicator's value as text in its unit: a percentage with its count where known ("82% (169 of 206)"). */
export function indicatorValueText(
  value: number | null | undefined,
  unit: string,
  numerator?: number | null,
  denominator?: number | null,
  digits = 2,
): string {
  if (unit === 'percent') return percentWithCount(value ?? null, numerator, denominator, digits);
  return formatNumber(value ?? null, digits);
}

/** Filters for issue 15's display rules, so templates do not each spell them out. */
export function addCouncilFilters(env: nunjucks.Environment): void {
  env.addFilter('forecastLabel', forecastLabel);
  env.addFilter('percentWithCount', (value: number | null, numerator?: number | null, denominator?: number | null) =>
    percentWithCount(value, numerator, denominator),
  );
  env.addFilter('countWithPercent', (count: number, total: number) => countWithPercent(count, total));
  env.addFilter(
    'indicatorValue',
    (value: number | null, unit: string, numerator?: number | null, denominator?: number | null, digits?: number) =>
      indicatorValueText(value, unit, numerator, denominator, digits),
  );
}
