import type { DefaultTimestamp, NullableTimestamp, Timestamp } from '../../db/foundation-tables.js';

export interface SignInLockoutsTable {
  emailKey: string;
  failures: number;
  lockedUntil: NullableTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface StorageProbeTable {
  id: number;
  checkedAt: Timestamp;
}

export interface SecurityTables {
  signInLockouts: SignInLockoutsTable;
  storageProbe: StorageProbeTable;
}
