import type { Executor } from '../audit/audit.js';
import type { RagIndicator } from '../../lib/rag.js';
import { getIndicatorStatuses } from '../indicators/status.js';

/** The indicators linked to each action, with their current RAG and trend (from the indicators feature), for the RAG engine. */
export async function loadActionIndicators(
  db: Executor,
  organisationId: string,
  actions: string[] | { planId: string },
  today?: string,
): Promise<Map<string, (RagIndicator & { indicatorId: string })[]>> {
  const result = new Map<string, (RagIndicator & { indicatorId: string })[]>();
  if (Array.isArray(actions) && !actions.length) return result;
  let query = db
    .selectFrom('actionIndicators')
    .innerJoin('indicators', 'indicators.id', 'actionIndicators.indicatorId')
    .select(['actionIndicators.actionId', 'actionIndicators.indicatorId', 'indicators.name'])
    .where('actionIndicators.organisationId', '=', organisationId);
  query = Array.isArray(actions)
    ? query.where('actionIndicators.actionId', 'in', actions)
    : query.where('actionIndicators.actionId', 'in', (eb) =>
        eb.selectFrom('actions').select('actions.id').where('actions.planId', '=', actions.planId),
      );
  const links = await query.execute();
  if (!links.length) return result;
  const statuses = await getIndicatorStatuses(db, organisationId, [...new Set(links.map((l) => l.indicatorId))], today);
  for (const l of links) {
    const s = statuses.get(l.indicatorId);
    const list = result.get(l.actionId) ?? [];
    list.push({
      indicatorId: l.indicatorId,
      name: l.name,
      rag: s?.rag ?? 'none',
      trend: s?.trend ?? 'unknown',
      outOfDate: s?.currency.message ?? null,
    });
    result.set(l.actionId, list);
  }
  return result;
}
