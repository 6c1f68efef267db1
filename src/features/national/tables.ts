import type { DefaultTimestamp } from '../../db/foundation-tables.js';

/** The release of each national table that is loaded (global reference data). */
export interface NationalSourcesTable {
  sourceKey: string;
  label: string;
  latestPeriod: string | null;
  fileName: string;
  sha256: string;
  importedAt: DefaultTimestamp;
}

export interface NationalTables {
  nationalSources: NationalSourcesTable;
}
