/** What the importer's stages share while a file is read. */
import type { FindingLog } from './finding-log.js';
import type { AnnexRecord, ImporterOptions, ListStats } from './import-types.js';
import type { ParserCache } from './sheet-plan.js';
import type { ChildIndex } from './row-reader.js';

export interface ImportState {
  readonly options: ImporterOptions;
  readonly log: FindingLog;
  readonly records: Map<number, AnnexRecord[]>;
  readonly listStats: Map<number, ListStats>;
  /** Lists whose sheet was found but could not be read (already reported, so not "missing" too). */
  readonly unreadable: Set<number>;
  /** Children whose ICPC (List 5) resulted in a plan on or before the reference date, with the row. */
  readonly icpcPlans: Map<string, number>;
  readonly parsers: ParserCache;
  readonly children: ChildIndex;
}
