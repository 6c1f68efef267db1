import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from '../db/foundation-tables.js';

export interface JobClaimsTable {
  job: string;
  runKey: string;
  claimedBy: string;
  claimedAt: DefaultTimestamp;
  leaseUntil: ColumnType<Date, Date, Date>;
  attempts: Generated<number>;
  finishedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  outcome: 'done' | 'failed' | null;
  detail: string | null;
}

export interface JobTables {
  jobClaims: JobClaimsTable;
}
