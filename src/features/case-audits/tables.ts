import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, IsoDate, Json, NullableTimestamp } from '../../db/foundation-tables.js';
import type { Grade, Theme } from '../../lib/case-audit-framework.js';
import type { CaseList } from '../../lib/case-audit-sampling.js';

type Record_ = { version: Generated<number>; createdAt: DefaultTimestamp; updatedAt: DefaultTimestamp };

export interface CaseAuditFrameworksTable extends Record_ {
  id: Generated<string>;
  organisationId: string;
  key: string;
  name: string;
  description: Generated<string>;
}

export interface CaseAuditFrameworkVersionsTable extends Record_ {
  id: Generated<string>;
  organisationId: string;
  frameworkId: string;
  number: number;
  themes: Json<Theme[]>;
  scale: Json<Grade[]>;
  changeNote: Generated<string>;
  createdByName: string;
}

export interface CaseAuditorsTable extends Record_ {
  id: Generated<string>;
  organisationId: string;
  userId: string;
}

export type CycleKind = 'monthly' | 'themed';
export type CycleStatus = 'open' | 'published';

/** How a cycle's cases were sampled: enough to draw the same sample again. */
export interface SampleRecord {
  seed: number;
  size: number;
  lists: CaseList[];
  importId: string;
  referenceDate: string;
  excluded: number;
  available: number;
  chosen: number;
  strata: { list: CaseList; team: string; open: number; excluded: number; available: number; chosen: number }[];
  sampledAt: string;
  sampledBy: string;
}

export interface CaseAuditCyclesTable extends Record_ {
  id: Generated<string>;
  organisationId: string;
  frameworkId: string;
  frameworkVersionId: string;
  title: string;
  kind: CycleKind;
  period: string;
  topic: string | null;
  seriesKey: string;
  status: Generated<CycleStatus>;
  dueDate: IsoDate | null;
  sample: Json<SampleRecord | null> | null;
  publishedAt: NullableTimestamp;
}

export type CaseOrigin = 'sample' | 'manual' | 'import';

export interface CaseAuditsTable extends Record_ {
  id: Generated<string>;
  organisationId: string;
  cycleId: string;
  caseHash: string;
  listKey: CaseList | null;
  team: string | null;
  worker: string | null;
  sourceImportId: string | null;
  sourceList: number | null;
  sourceRow: number | null;
  inLatestImport: boolean;
  origin: CaseOrigin;
  auditorId: string | null;
  moderatorId: string | null;
  /** Has a default ('{}'), so an insert may leave it out. */
  grades: ColumnType<Record<string, string>, string | undefined, string>;
  overallGrade: string | null;
  auditedOn: IsoDate | null;
  gradedBy: string | null;
  moderatedGrades: Json<Record<string, string> | null> | null;
  moderatedOverallGrade: string | null;
  moderatedOn: IsoDate | null;
  moderatedBy: string | null;
}

export type NoteKind = 'evidence' | 'moderation';

export interface CaseAuditNotesTable extends Record_ {
  id: Generated<string>;
  organisationId: string;
  auditId: string;
  kind: NoteKind;
  body: string;
}

export interface CaseAuditLearningTable extends Record_ {
  id: Generated<string>;
  organisationId: string;
  cycleId: string;
  title: string;
  themeKey: string | null;
  auditId: string | null;
  quote: string | null;
  actionId: string | null;
}

export interface CaseAuditImportsTable extends Record_ {
  id: Generated<string>;
  organisationId: string;
  cycleId: string;
  filename: string;
  headers: Json<string[]>;
  rows: Json<string[][]>;
  idColumn: number | null;
  createdBy: string | null;
  committedAt: NullableTimestamp;
}

export interface CaseAuditTables {
  caseAuditFrameworks: CaseAuditFrameworksTable;
  caseAuditFrameworkVersions: CaseAuditFrameworkVersionsTable;
  caseAuditors: CaseAuditorsTable;
  caseAuditCycles: CaseAuditCyclesTable;
  caseAudits: CaseAuditsTable;
  caseAuditNotes: CaseAuditNotesTable;
  caseAuditLearning: CaseAuditLearningTable;
  caseAuditImports: CaseAuditImportsTable;
}
