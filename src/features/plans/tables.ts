import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, IsoDate, Json, NullableTimestamp } from '../../db/foundation-tables.js';
import type { ActionStatus, EvidenceRag, OwnerRag } from '../../lib/rag.js';

export const PLAN_STATUSES = ['draft', 'approved', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const SOURCE_KINDS = ['self-evaluation', 'scrutiny', 'audit', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface PlansTable {
  id: Generated<string>;
  organisationId: string;
  title: string;
  startDate: IsoDate;
  endDate: IsoDate;
  status: Generated<PlanStatus>;
  /** Every revision of one plan shares the lineage id (the first version's id). */
  lineageId: string;
  planVersion: Generated<number>;
  previousPlanId: string | null;
  approvalBody: string | null;
  approvalDate: IsoDate | null;
  approvalReference: string | null;
  readyToSubmit: Generated<boolean>;
  toleranceWorkingDays: Generated<number>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface PlanThemesTable {
  id: Generated<string>;
  organisationId: string;
  planId: string;
  name: string;
  position: Generated<number>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface ActionsTable {
  id: Generated<string>;
  organisationId: string;
  planId: string;
  themeId: string | null;
  reference: string;
  title: string;
  description: Generated<string>;
  ownerId: string | null;
  startDate: IsoDate;
  dueDate: IsoDate;
  /** The first due date, kept once the date has moved (null: never moved). ADR 0860. */
  originalDueDate: Generated<IsoDate | null>;
  /** The date the RAG counts from while a later due date awaits an editor's acceptance (null: the due date). */
  agreedDueDate: Generated<IsoDate | null>;
  successMeasures: Generated<string>;
  status: Generated<ActionStatus>;
  /** The owner's latest rating and reason, copied from their latest update. */
  ownerRag: OwnerRag | null;
  ownerRagReason: string | null;
  lastUpdateDate: IsoDate | null;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface MilestonesTable {
  id: Generated<string>;
  organisationId: string;
  actionId: string;
  title: string;
  dueDate: IsoDate;
  originalDueDate: Generated<IsoDate | null>;
  agreedDueDate: Generated<IsoDate | null>;
  completedDate: IsoDate | null;
  evidenceNote: Generated<string>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface ActionUpdatesTable {
  id: Generated<string>;
  organisationId: string;
  actionId: string;
  updateDate: IsoDate;
  narrative: string;
  ownerRag: OwnerRag;
  /** The evidence RAG when the update was posted, so a challenge stays visible as it was made. */
  evidenceRag: EvidenceRag;
  challenged: Generated<boolean>;
  challengeReason: string | null;
  authorId: string | null;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface ActionUpdateFilesTable {
  id: Generated<string>;
  organisationId: string;
  updateId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: ColumnType<Buffer, Buffer | Uint8Array, Buffer | Uint8Array>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface ActionRagHistoryTable {
  id: Generated<string>;
  organisationId: string;
  actionId: string;
  recordedOn: IsoDate;
  evidenceRag: EvidenceRag;
  ownerRag: OwnerRag | null;
  challenged: Generated<boolean>;
  createdAt: DefaultTimestamp;
}

export interface ActionSourcesTable {
  id: Generated<string>;
  organisationId: string;
  actionId: string;
  source: SourceKind;
  description: string;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface PlanImportsTable {
  id: Generated<string>;
  organisationId: string;
  planId: string;
  filename: string;
  headers: Json<string[]>;
  rows: Json<string[][]>;
  committedAt: NullableTimestamp;
  createdBy: string | null;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface PlanTables {
  plans: PlansTable;
  planThemes: PlanThemesTable;
  actions: ActionsTable;
  milestones: MilestonesTable;
  actionUpdates: ActionUpdatesTable;
  actionUpdateFiles: ActionUpdateFilesTable;
  actionRagHistory: ActionRagHistoryTable;
  actionSources: ActionSourcesTable;
  rebaselines: RebaselinesTable;
  planImports: PlanImportsTable;
  actionIndicators: ActionIndicatorsTable;
  planInspections: PlanInspectionsTable;
  actionFindings: ActionFindingsTable;
  planFindingReasons: PlanFindingReasonsTable;
}

export interface ActionIndicatorsTable {
  organisationId: string;
  actionId: string;
  indicatorId: string;
  createdAt: DefaultTimestamp;
}

export interface PlanInspectionsTable {
  organisationId: string;
  planId: string;
  inspectionId: string;
  createdAt: DefaultTimestamp;
}

export interface ActionFindingsTable {
  organisationId: string;
  actionId: string;
  findingId: string;
  createdAt: DefaultTimestamp;
}

/** Why a recommendation or area for improvement is deliberately not answered by an action of this plan. */
export interface PlanFindingReasonsTable {
  id: Generated<string>;
  organisationId: string;
  planId: string;
  findingId: string;
  reason: string;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

/** A due date moved later, with the reason, who moved it and who accepted the new date (ADR 0860). */
export interface RebaselinesTable {
  id: Generated<string>;
  organisationId: string;
  actionId: string;
  /** Null when the action's own due date moved. */
  milestoneId: string | null;
  fromDate: IsoDate;
  toDate: IsoDate;
  reason: string;
  requestedBy: string | null;
  requestedByName: string;
  acceptedByName: string | null;
  acceptedOn: IsoDate | null;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}
