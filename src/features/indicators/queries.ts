import type { Role } from '../../db/foundation-tables.js';
import { hasRole } from '../../lib/roles.js';
import { NotFoundError } from '../../lib/errors.js';
import { getOwned, type Executor } from '../audit/audit.js';
import type { Indicator } from './service.js';

/** Editors and admins keep the library, enter values and correct them; everyone else reads. */
export const mayEditIndicators = (role: Role): boolean => hasRole(role, 'editor');

export function ownedIndicator(db: Executor, organisationId: string, id: string): Promise<Indicator> {
  return getOwned(db, organisationId, 'indicators', id);
}

/** A target of this indicator: another indicator's target is a 404, as another organisation's is. */
export async function ownedTarget(db: Executor, organisationId: string, indicator: Indicator, id: string) {
  const target = await getOwned(db, organisationId, 'indicatorTargets', id);
  if (target.indicatorId !== indicator.id) throw new NotFoundError();
  return target;
}

/** A recorded value of this indicator, on the same terms as ownedTarget. */
export async function ownedValue(db: Executor, organisationId: string, indicator: Indicator, id: string) {
  const value = await getOwned(db, organisationId, 'indicatorValues', id);
  if (value.indicatorId !== indicator.id) throw new NotFoundError();
  return value;
}

/** What is already recorded for one period, for the entry grid to show. */
export function periodValues(db: Executor, organisationId: string, period: string, indicatorIds: string[]) {
  if (!indicatorIds.length) return Promise.resolve([]);
  return db
    .selectFrom('indicatorValues')
    .select(['indicatorId', 'value', 'numerator', 'denominator', 'note'])
    .where('organisationId', '=', organisationId)
    .where('period', '=', period)
    .where('indicatorId', 'in', indicatorIds)
    .execute();
}

export function recentImports(db: Executor, organisationId: string) {
  return db
    .selectFrom('indicatorImports')
    .select(['id', 'filename', 'layout', 'status', 'createdAt'])
    .where('organisationId', '=', organisationId)
    .orderBy('createdAt', 'desc')
    .limit(10)
    .execute();
}

/** The organisation's name and place, which label its line on the charts. */
export function organisationPlace(db: Executor, organisationId: string) {
  return db
    .selectFrom('organisations')
    .select(['name', 'laCode', 'region'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
}

/** Each indicator's id by its key, for one organisation. */
export async function indicatorIdsByKey(db: Executor, organisationId: string): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('indicators')
    .select(['id', 'key'])
    .where('organisationId', '=', organisationId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.id]));
}
