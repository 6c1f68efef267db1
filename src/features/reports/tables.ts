import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, IsoDate, Json } from '../../db/foundation-tables.js';
import type { ReportContent, ReportFormat, ReportType, SectionKey } from './content.js';

export interface IssuedReportsTable {
  id: Generated<string>;
  organisationId: string;
  type: ReportType;
  planId: string;
  planLineageId: string;
  bodyId: string | null;
  /** The meeting a board pack is for (issue 18). */
  meetingId: Generated<string | null>;
  title: string;
  sections: Json<SectionKey[]>;
  issuedAt: DefaultTimestamp;
  issuedOn: IsoDate;
  issuedBy: string | null;
  issuedByName: string;
  content: Json<ReportContent>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

/** The files of an issued report, stored once and served unchanged. Not a record: never edited. */
export interface IssuedReportFilesTable {
  id: Generated<string>;
  organisationId: string;
  reportId: string;
  format: ReportFormat;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  bytes: ColumnType<Buffer, Buffer | Uint8Array, Buffer | Uint8Array>;
  createdAt: DefaultTimestamp;
}

export interface ReportTables {
  issuedReports: IssuedReportsTable;
  issuedReportFiles: IssuedReportFilesTable;
}
