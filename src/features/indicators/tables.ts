import type { Generated } from 'kysely';
import type { DefaultTimestamp, Json } from '../../db/foundation-tables.js';
import type { ImportProblem, ImportRow } from '../../lib/indicator-import.js';
import type { BenchmarkRow } from '../../lib/dfe-tidy.js';

export const UNITS = ['count', 'percent', 'rate-per-10k', 'days', 'ratio'] as const;
export type Unit = (typeof UNITS)[number];
export const POLARITIES = ['higher-is-better', 'lower-is-better', 'neither'] as const;
export type Polarity = (typeof POLARITIES)[number];
export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const SOURCES = ['manual', 'import', 'computed'] as const;
export type ValueSource = (typeof SOURCES)[number];

export interface IndicatorsTable {
  id: Generated<string>;
  organisationId: string;
  key: string;
  name: string;
  definition: Generated<string>;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  theme: Generated<string>;
  owner: Generated<string>;
  dataSource: Generated<string>;
  /** Key of the national (DfE) measure this indicator is benchmarked against, if any. */
  nationalMeasure: string | null;
  /** Tolerance band, in the indicator's unit, either side of target (amber inside it). */
  tolerance: Generated<number>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface IndicatorValuesTable {
  id: Generated<string>;
  organisationId: string;
  indicatorId: string;
  period: string;
  value: number | null;
  /** For a percentage: the count behind it ("169 of 206"), both or neither (migration 845). */
  numerator?: number | null;
  denominator?: number | null;
  source: ValueSource;
  note: Generated<string>;
  recordedBy: string;
  provenance: Json<Record<string, unknown> | null> | null;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface IndicatorTargetsTable {
  id: Generated<string>;
  organisationId: string;
  indicatorId: string;
  kind: 'period' | 'trajectory';
  period: string | null;
  value: number | null;
  startPeriod: string | null;
  startValue: number | null;
  endPeriod: string | null;
  endValue: number | null;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

/** A value read from an uploaded sheet, kept until the officer has checked the preview and saves it. */
export type StagedImportRow = ImportRow;

export interface IndicatorImportsTable {
  id: Generated<string>;
  organisationId: string;
  filename: string;
  layout: string;
  status: 'pending' | 'committed';
  rows: Json<StagedImportRow[]>;
  errors: Json<ImportProblem[]>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

/** A published DfE value, as read from the tidy CSVs (suppressed values are null with their code). */
export type BenchmarkValuesTable = BenchmarkRow;

export interface BenchmarkAreasTable {
  laCode: string;
  laName: string;
  newLaCode: string | null;
  regionName: string | null;
}

export interface NationalNeighboursTable {
  laCode: string;
  position: number;
  neighbourCode: string;
  closeness: string;
}

export interface OrganisationNeighboursTable {
  id: Generated<string>;
  organisationId: string;
  laCode: string;
  position: number;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface BenchmarkGroupsTable {
  id: Generated<string>;
  organisationId: string;
  name: string;
  laCodes: Json<string[]>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface IndicatorTables {
  indicators: IndicatorsTable;
  indicatorValues: IndicatorValuesTable;
  indicatorTargets: IndicatorTargetsTable;
  indicatorImports: IndicatorImportsTable;
  benchmarkValues: BenchmarkValuesTable;
  benchmarkAreas: BenchmarkAreasTable;
  nationalNeighbours: NationalNeighboursTable;
  organisationNeighbours: OrganisationNeighboursTable;
  benchmarkGroups: BenchmarkGroupsTable;
}
