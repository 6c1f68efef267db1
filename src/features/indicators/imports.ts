import type { Selectable } from 'kysely';
import { NotFoundError } from '../../lib/errors.js';
import { periodKindOf } from '../../lib/periods.js';
import type { ImportResult, IndicatorMeta } from '../../lib/indicator-import.js';
import { insertAudited, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import { listIndicators, recordValues, type Indicator } from './service.js';
import { addCounts, NO_CHANGES, type RecordCounts } from './value-service.js';
import type { IndicatorImportsTable, StagedImportRow } from './tables.js';

export type IndicatorImport = Selectable<IndicatorImportsTable>;

/** What the sheet reader needs to know of each indicator in the library, by key. */
export function importMeta(indicators: Indicator[]): IndicatorMeta {
  return new Map(indicators.map((i) => [i.key, { unit: i.unit, kind: periodKindOf(i.frequency), name: i.name }]));
}

/** Keep what was read, and every problem, until the officer has checked the preview. */
export function stageImport(trx: Executor, actor: Actor, filename: string, result: ImportResult) {
  return insertAudited(trx, actor, 'indicatorImports', {
    filename: filename.slice(0, 200),
    layout: result.layout,
    status: 'pending',
    rows: JSON.stringify(result.rows),
    errors: JSON.stringify(result.errors.slice(0, 500)),
  });
}

/** Why a staged import cannot be saved (already saved, or the file had problems), or null. */
export function commitRefusal(imp: IndicatorImport): string | null {
  if (imp.status === 'pending' && !(imp.errors as unknown[]).length) return null;
  return imp.status === 'committed'
    ? 'This import has already been saved.'
    : 'This import has errors: correct the file and upload it again.';
}

/**
 * Save a checked import inside the caller's transaction, all or nothing: each indicator's values go
 * through recordValues with the file, row and column as provenance, and the import is marked saved.
 */
export async function commitImport(trx: Executor, actor: Actor, imp: IndicatorImport): Promise<RecordCounts> {
  const rows = imp.rows as StagedImportRow[];
  const byKey = new Map((await listIndicators(trx, actor.organisationId)).map((i) => [i.key, i]));
  const grouped = new Map<string, StagedImportRow[]>();
  for (const r of rows) grouped.set(r.key, [...(grouped.get(r.key) ?? []), r]);
  let totals = NO_CHANGES;
  for (const [key, list] of grouped) {
    const indicator = byKey.get(key);
    if (!indicator) throw new NotFoundError(`The indicator ${key} is no longer in the library`);
    const counts = await recordValues(
      trx,
      actor,
      indicator,
      list.map((r) => ({
        period: r.period,
        value: r.value,
        numerator: r.numerator ?? null,
        denominator: r.denominator ?? null,
        note: r.note,
        provenance: { import: imp.id, file: imp.filename, row: r.row, column: r.column },
      })),
      'import',
    );
    totals = addCounts(totals, counts);
  }
  await updateAudited(trx, actor, 'indicatorImports', imp.id, { status: 'committed' }, imp.version);
  return totals;
}
