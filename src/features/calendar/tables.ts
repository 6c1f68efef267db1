import type { Generated } from 'kysely';
import type { DefaultTimestamp, IsoDate } from '../../db/foundation-tables.js';

export interface BankHolidaysTable {
  id: Generated<string>;
  /** null for the national England and Wales days. */
  organisationId: string | null;
  date: IsoDate;
  title: string;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface CalendarTables {
  bankHolidays: BankHolidaysTable;
}
