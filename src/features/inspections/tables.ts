import type { Generated } from 'kysely';
import type { DefaultTimestamp, IsoDate, Json } from '../../db/foundation-tables.js';

export type Judgements = Record<string, string>;

export interface InspectionsTable {
  id: Generated<string>;
  organisationId: string;
  typeKey: string;
  frameworkVersionKey: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  publishedDate: IsoDate | null;
  /** Only where the final report reached the authority on a different day from publication. */
  receivedDate: IsoDate | null;
  reportUrl: string | null;
  /** A focused visit that named areas for priority action (draft plan in 20 working days). */
  priorityActions: Generated<boolean>;
  judgements: Json<Judgements>;
  source: Generated<'manual' | 'report-import' | 'national-import' | 'demo'>;
  notes: string | null;
  /** For an imported report: the authority it was about (DfE code, area code and name as printed), when read. */
  reportLaCode: Generated<string | null>;
  reportGssCode: Generated<string | null>;
  reportAuthority: Generated<string | null>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface FindingsTable {
  id: Generated<string>;
  organisationId: string;
  inspectionId: string;
  kind: 'strength' | 'area-for-improvement' | 'recommendation' | 'further-action';
  text: string;
  areaKey: string | null;
  reference: string | null;
  /** The Children's Social Care National Framework reference printed after the item ("Outcome three"). */
  frameworkReference: Generated<string | null>;
  position: Generated<number>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface SelfEvaluationArea {
  area: string;
  grade: string | null;
  narrative: string;
}

export interface SelfEvaluationsTable {
  id: Generated<string>;
  organisationId: string;
  title: string;
  completedDate: IsoDate;
  frameworkVersionKey: string;
  areas: Json<SelfEvaluationArea[]>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

/** Global reference data: every authority's published Ofsted outcomes (no organisation). */
export interface NationalInspectionsTable {
  id: Generated<string>;
  gssCode: string;
  laCode: string | null;
  laName: string;
  laStatus: Generated<string>;
  region: string;
  inspectionDate: IsoDate;
  publishedDate: IsoDate | null;
  typeKey: string;
  overall: string | null;
  judgements: Json<Judgements>;
  visitTheme: string | null;
  source: string;
  importedAt: DefaultTimestamp;
}

export interface InspectionTables {
  inspections: InspectionsTable;
  findings: FindingsTable;
  selfEvaluations: SelfEvaluationsTable;
  nationalInspections: NationalInspectionsTable;
}
