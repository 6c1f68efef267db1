import type { Executor } from '../audit/audit.js';
import {
  forecastNextInspection,
  forecastTypeLabel,
  nationalIntervals,
  type Forecast,
} from '../../lib/inspection-forecast.js';
import { parseGradeText, type Grade } from '../../lib/frameworks.js';

/**
 * The national intervals change only when Ofsted's outcomes are imported again: they are worked out
 * once per import (keyed by the table's row count and latest import time, one small query) and kept.
 */
let cache = new WeakMap<object, { key: string; intervals: Map<Grade, number[]> }>();

async function loadIntervals(db: Executor): Promise<Map<Grade, number[]>> {
  const stamp = await db
    .selectFrom('nationalInspections')
    .select((eb) => [eb.fn.countAll<string>().as('rows'), eb.fn.max('importedAt').as('latest')])
    .executeTakeFirstOrThrow();
  const key = `${stamp.rows}|${stamp.latest ? new Date(stamp.latest as Date).toISOString() : ''}`;
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.intervals;
  const rows = await db
    .selectFrom('nationalInspections')
    .select(['gssCode', 'inspectionDate', 'typeKey', 'overall'])
    .where('typeKey', 'in', ['ilacs-standard', 'ilacs-short'])
    .execute();
  const intervals = nationalIntervals(rows.map((r) => ({ ...r, overall: parseGradeText(r.overall) })));
  cache.set(db, { key, intervals });
  return intervals;
}

/** Forget the national intervals (after an import of Ofsted's outcomes, and in tests). */
export function clearForecastCache(): void {
  cache = new WeakMap();
}

export async function loadForecast(db: Executor, organisationId: string, today: string): Promise<Forecast | null> {
  const [own, intervals] = await Promise.all([
    db
      .selectFrom('inspections')
      .select(['typeKey', 'startDate', 'judgements'])
      .where('organisationId', '=', organisationId)
      .execute(),
    loadIntervals(db),
  ]);
  return forecastNextInspection(
    own.map((i) => ({
      typeKey: i.typeKey,
      startDate: i.startDate,
      overall: parseGradeText((i.judgements as Record<string, string>)['overall-effectiveness']),
    })),
    intervals,
    today,
  );
}

/** Words for the page: "Short inspection", "Monitoring visit". */
export function forecastLabel(type: string): string {
  const text = forecastTypeLabel(type);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
