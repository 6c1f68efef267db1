import type { Executor } from '../audit/audit.js';

export interface Vintage {
  label: string;
  fileName: string;
  importedAt: string;
}

async function sources(db: Executor, prefix: string): Promise<Vintage[]> {
  const rows = await db
    .selectFrom('nationalSources')
    .select(['label', 'fileName', 'importedAt'])
    .where('sourceKey', 'like', `${prefix}%`)
    .orderBy('label')
    .execute();
  return rows.map((r) => ({
    label: r.label,
    fileName: r.fileName,
    importedAt: new Date(r.importedAt as unknown as string).toISOString().slice(0, 10),
  }));
}

/** Which releases of DfE's tables the benchmarks use ("DfE children in need, year ending 31 March 2025"). */
export const dfeVintages = (db: Executor) => sources(db, 'dfe:');
/** Which releases of Ofsted's outcomes the national table holds. */
export const outcomesVintage = (db: Executor) => sources(db, 'ofsted:');
